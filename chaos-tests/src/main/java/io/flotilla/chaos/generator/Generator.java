package io.flotilla.chaos.generator;

import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Jepsen's "generator" for the registry workload: picks each process's next operation from a fixed mix, using
 * only the process's own random stream ({@code new SplittableRandom(seed + process)}, see {@link #random}) and
 * what the process has written, so the same seed and the same outcomes give the same operations.
 *
 * <p>Tags are deliberately few (3 repositories x 2 tags) so writers contend on them and the tag checker's
 * per-key histories are interesting, yet short enough (a few hundred ops per tag a minute) to search.
 */
public final class Generator implements OpGenerator {

    public static final List<String> REPOS = List.of("chaos/r0", "chaos/r1", "chaos/r2");
    public static final List<String> TAGS = List.of("a", "b");

    static final int MIN_BLOB = 1024;
    static final int MAX_BLOB = 1024 * 1024;

    // The mix, in percent. Reads outnumber writes a little, as they do on a registry; deletes are rare.
    private static final int PUSH_BLOB = 22;
    private static final int PUSH_MANIFEST = 12;
    private static final int MOVE_TAG = 20;
    private static final int PULL_TAG = 26;
    private static final int PULL_DIGEST = 17;
    // The remaining 3 are deletes.

    /** The random stream of one process in a run with {@code seed}. */
    public static SplittableRandom random(long seed, int process) {
        // Mixing in the process keeps streams apart; SplittableRandom(seed) alone for every process would not.
        return new SplittableRandom(seed * 1_000_003L + process);
    }

    @Override
    public Plan next(ProcessState state, SplittableRandom rng) {
        String repo = REPOS.get(rng.nextInt(REPOS.size()));
        int roll = rng.nextInt(100);
        if (roll < PUSH_BLOB) {
            return pushBlob(repo, rng);
        }
        roll -= PUSH_BLOB;
        if (roll < PUSH_MANIFEST) {
            return pushManifest(state, repo, rng);
        }
        roll -= PUSH_MANIFEST;
        if (roll < MOVE_TAG) {
            return moveTag(state, repo, rng);
        }
        roll -= MOVE_TAG;
        if (roll < PULL_TAG) {
            return pullTag(repo, rng);
        }
        roll -= PULL_TAG;
        if (roll < PULL_DIGEST) {
            return pullDigest(state, repo, rng);
        }
        return delete(state, repo, rng);
    }

    private static Plan pushBlob(String repo, SplittableRandom rng) {
        // Log-uniform sizes: as many 1-4 KiB blobs as 256 KiB-1 MiB ones.
        double log = Math.log(MIN_BLOB) + rng.nextDouble() * (Math.log(MAX_BLOB) - Math.log(MIN_BLOB));
        int size = (int) Math.min(MAX_BLOB, Math.round(Math.exp(log)));
        SeededContent content = new SeededContent(rng.nextLong(), size);
        return new Plan.PushBlob(repo, content.digest(), content.bytes());
    }

    /** A manifest over two of this process's blobs in {@code repo} (config, layer); a blob push until it has two. */
    private static Plan pushManifest(ProcessState state, String repo, SplittableRandom rng) {
        List<ProcessState.Blob> blobs = state.blobs(repo);
        if (blobs.size() < 2) {
            return pushBlob(repo, rng);
        }
        ProcessState.Blob config = blobs.get(rng.nextInt(blobs.size()));
        ProcessState.Blob layer = blobs.get(rng.nextInt(blobs.size()));
        byte[] manifest = ImageManifest.of(new Descriptor(Descriptor.CONFIG, config.digest(), config.size()),
                List.of(new Descriptor(Descriptor.LAYER, layer.digest(), layer.size())));
        return new Plan.PushManifest(repo, Descriptor.of(ImageManifest.MEDIA_TYPE, manifest).digest(), manifest);
    }

    private static Plan moveTag(ProcessState state, String repo, SplittableRandom rng) {
        List<ProcessState.Manifest> manifests = state.manifests(repo);
        if (manifests.isEmpty()) {
            return pushManifest(state, repo, rng);
        }
        ProcessState.Manifest m = manifests.get(rng.nextInt(manifests.size()));
        return new Plan.MoveTag(repo, TAGS.get(rng.nextInt(TAGS.size())), m.digest(), m.bytes());
    }

    private static Plan pullTag(String repo, SplittableRandom rng) {
        return new Plan.PullTag(repo, TAGS.get(rng.nextInt(TAGS.size())));
    }

    /** A read of something this process wrote: a manifest or a blob, half and half when it has both. */
    private static Plan pullDigest(ProcessState state, String repo, SplittableRandom rng) {
        List<ProcessState.Manifest> manifests = state.manifests(repo);
        List<ProcessState.Blob> blobs = state.blobs(repo);
        boolean manifest = !manifests.isEmpty() && (blobs.isEmpty() || rng.nextBoolean());
        if (manifest) {
            return new Plan.PullDigest(repo, manifests.get(rng.nextInt(manifests.size())).digest(), true);
        }
        if (blobs.isEmpty()) {
            return pullTag(repo, rng);
        }
        return new Plan.PullDigest(repo, blobs.get(rng.nextInt(blobs.size())).digest(), false);
    }

    /** Deletes only a manifest nobody ever tagged (see {@link ProcessState}); a tag read when there is none. */
    private static Plan delete(ProcessState state, String repo, SplittableRandom rng) {
        List<ProcessState.Manifest> candidates = state.untaggedManifests(repo);
        if (candidates.isEmpty()) {
            return pullTag(repo, rng);
        }
        return new Plan.Delete(repo, candidates.get(rng.nextInt(candidates.size())).digest());
    }
}
