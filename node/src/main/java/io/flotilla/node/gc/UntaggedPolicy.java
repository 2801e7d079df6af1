package io.flotilla.node.gc;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What happens to a repository's manifests once no tag points at them: kept ({@code afterHours < 0}), or
 * deleted that many hours after they lost their last tag (or were pushed without one). A manifest an index
 * references, or whose subject still exists, is kept either way.
 */
public record UntaggedPolicy(long afterHours) {
    public static final UntaggedPolicy KEEP = new UntaggedPolicy(-1);

    @JsonIgnore
    public boolean keeps() {
        return afterHours < 0;
    }
}
