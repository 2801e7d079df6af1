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

    /**
     * A client pushing an image: its blobs (config first, then layers), then its manifest, by {@code tag} or, when
     * the tag is null, by digest. Blobs in {@code reused} (layers shared between images) are uploaded only if a
     * HEAD does not find them, as real clients do; the others are always uploaded. A manifest PUT refused with
     * MANIFEST_BLOB_UNKNOWN (a blob collected meanwhile) makes the client upload every blob again and retry once.
     */
    record PushImage(String repo, String tag, String digest, byte[] manifest, java.util.List<SeededContent> blobs,
                     java.util.Set<String> reused) implements Plan {
        public PushImage {
            blobs = java.util.List.copyOf(blobs);
            reused = java.util.Set.copyOf(reused);
        }

        public String f() {
            return tag == null ? "push-manifest" : "move-tag";
        }

        public String describe() {
            return "push-image " + repo + (tag == null ? "" : ":" + tag) + " " + digest + " " + blobs.size()
                    + " blobs, " + reused.size() + " reused";
        }
    }

    /**
     * A tag moved to an image this process pushed before, by PUT of its manifest under the tag (which recreates the
     * manifest if GC removed it); on MANIFEST_BLOB_UNKNOWN the client uploads {@code blobs} again and retries once.
     */
    record Retag(String repo, String tag, String digest, byte[] manifest, java.util.List<SeededContent> blobs)
            implements Plan {
        public Retag {
            blobs = java.util.List.copyOf(blobs);
        }

        public String f() {
            return "move-tag";
        }

        public String describe() {
            return "retag " + repo + ":" + tag + " " + digest;
        }
    }
}
