package io.flotilla.chaos.generator;

/**
 * One operation the generator chose for a process, with everything needed to perform it (content included),
 * so that performing it involves no further randomness.
 */
public sealed interface Plan {

    /** The op's f in the history. */
    String f();

    /** A stable one-line description (digests, not bytes): what determinism tests compare. */
    String describe();

    record PushBlob(String repo, String digest, byte[] content) implements Plan {
        public String f() {
            return "push-blob";
        }

        public String describe() {
            return f() + " " + repo + " " + digest + " " + content.length;
        }
    }

    record PushManifest(String repo, String digest, byte[] manifest) implements Plan {
        public String f() {
            return "push-manifest";
        }

        public String describe() {
            return f() + " " + repo + " " + digest;
        }
    }

    record MoveTag(String repo, String tag, String digest, byte[] manifest) implements Plan {
        public String f() {
            return "move-tag";
        }

        public String describe() {
            return f() + " " + repo + ":" + tag + " " + digest;
        }
    }

    record PullTag(String repo, String tag) implements Plan {
        public String f() {
            return "pull-tag";
        }

        public String describe() {
            return f() + " " + repo + ":" + tag;
        }
    }

    /** {@code manifest}: whether the digest names a manifest (GET .../manifests/) or a blob (GET .../blobs/). */
    record PullDigest(String repo, String digest, boolean manifest) implements Plan {
        public String f() {
            return "pull-digest";
        }

        public String describe() {
            return f() + " " + repo + " " + digest + (manifest ? " manifest" : " blob");
        }
    }

    record Delete(String repo, String digest) implements Plan {
        public String f() {
            return "delete";
        }

        public String describe() {
            return f() + " " + repo + " " + digest;
        }
    }
}
