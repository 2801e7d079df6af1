package io.flotilla.chaos.db.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The node image ({@code deploy/chaos/images.sh}): built once from the node jar in node/target and reused
 * while its inputs are unchanged (the tag is their hash). The node jar is built here first when missing, as
 * {@code ./flotilla run} would (package, not install, so no other checkout's repository is touched).
 */
final class NodeImage {

    private final Script script;

    NodeImage(Script script) {
        this.script = script;
    }

    /** The tag of the node image, built if it does not exist yet. */
    String tag() {
        Path root = script.root();
        if (!Files.isRegularFile(root.resolve("node/target/flotilla-node.jar"))) {
            throw new IllegalStateException("no node jar in " + root.resolve("node/target")
                    + "; build it first: mvn -DskipTests package -pl node -am");
        }
        String out = script.run(Duration.ofMinutes(20), "deploy/chaos/images.sh", "node");
        String tag = Script.keyValues(out).get("NODE_IMAGE");
        if (tag == null) {
            throw new IllegalStateException("images.sh printed no NODE_IMAGE line:\n" + out);
        }
        return tag;
    }
}
