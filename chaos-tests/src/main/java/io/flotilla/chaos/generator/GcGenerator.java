package io.flotilla.chaos.generator;

import io.flotilla.chaos.client.Descriptor;
import io.flotilla.chaos.client.ImageManifest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The gc scenario's generator: clients push images whose layers come partly from a small pool shared by every
 * client of a repository (so old layers are reused while GC may be collecting them) and partly fresh, move tags
 * (leaving the previous image untagged, which the untagged policy then deletes), delete never-tagged images by
 * digest, and read layers and manifests of images they pushed.
 *
 * <p>As in {@link Generator}, a process tags and deletes only its own images and deletes only images it never
 * tagged, so a delete never moves a tag and the tag checker's register model holds. Each repository has its own
 * pool, with contents that differ per repository: a digest then names a blob of one repository only, so a read
 * in the wrong repository (a 404 for a reason other than GC) cannot happen.
 */
public final class GcGenerator implements OpGenerator {

    static final int POOL_SIZE = 5;
    static final int MIN_FRESH = 1024;
    static final int MAX_FRESH = 256 * 1024;
    /** Reads and retags pick among a process's latest images: those most likely still live. */
    private static final int RECENT = 6;

    // The mix, in percent; the remaining 10 are manifest reads by digest.
    private static final int PUSH_IMAGE = 35;
    private static final int RETAG = 10;
    private static final int DELETE = 8;
    private static final int PULL_BLOB = 27;
    private static final int PULL_TAG = 10;
    /** Of image pushes, this share goes by digest (untagged); the rest by tag. */
    private static final int BY_DIGEST = 30;

    private final List<List<SeededContent>> pools = new ArrayList<>();

    /** A generator whose shared layers are fixed by {@code seed}. */
    public GcGenerator(long seed) {
        SplittableRandom poolRng = new SplittableRandom(seed ^ 0x706f6f6cL);
        for (int r = 0; r < Generator.REPOS.size(); r++) {
            List<SeededContent> pool = new ArrayList<>();
            for (int i = 0; i < POOL_SIZE; i++) {
                pool.add(new SeededContent(poolRng.nextLong(), 4096 + poolRng.nextInt(60 * 1024)));
            }
            pools.add(List.copyOf(pool));
        }
    }

    /** The layers every client of {@code repo} reuses. */
    public List<SeededContent> pool(String repo) {
        return pools.get(Generator.REPOS.indexOf(repo));
    }

    @Override
    public Plan next(ProcessState state, SplittableRandom rng) {
        String repo = Generator.REPOS.get(rng.nextInt(Generator.REPOS.size()));
        int roll = rng.nextInt(100);
        if (roll < PUSH_IMAGE) {
            return pushImage(repo, rng);
        }
        roll -= PUSH_IMAGE;
        if (roll < RETAG) {
            return retag(state, repo, rng);
        }
        roll -= RETAG;
        if (roll < DELETE) {
            return delete(state, repo, rng);
        }
        roll -= DELETE;
        if (roll < PULL_BLOB) {
            return pullBlob(state, repo, rng);
        }
        roll -= PULL_BLOB;
        if (roll < PULL_TAG) {
            return pullTag(repo, rng);
        }
        return pullManifest(state, repo, rng);
    }

    /** A fresh config, one or two pooled layers and, more often than not, a fresh layer. */
    private Plan pushImage(String repo, SplittableRandom rng) {
        List<SeededContent> pool = pool(repo);
        SeededContent config = new SeededContent(rng.nextLong(), 128 + rng.nextInt(384));
        Set<SeededContent> layers = new LinkedHashSet<>();
        int reused = 1 + rng.nextInt(2);
        while (layers.size() < reused) {
            layers.add(pool.get(rng.nextInt(pool.size())));
        }
        if (rng.nextInt(100) < 60) {
            double log = Math.log(MIN_FRESH) + rng.nextDouble() * (Math.log(MAX_FRESH) - Math.log(MIN_FRESH));
            layers.add(new SeededContent(rng.nextLong(), Math.min(MAX_FRESH, Math.round(Math.exp(log)))));
        }
        List<Descriptor> descriptors = layers.stream()
                .map(l -> new Descriptor(Descriptor.LAYER, l.digest(), l.size())).toList();
        byte[] manifest = ImageManifest.of(new Descriptor(Descriptor.CONFIG, config.digest(), config.size()),
                descriptors);
        List<SeededContent> blobs = new ArrayList<>();
        blobs.add(config);
        blobs.addAll(layers);
        Set<String> pooled = new LinkedHashSet<>();
        layers.stream().filter(pool::contains).forEach(l -> pooled.add(l.digest()));
        String tag = rng.nextInt(100) < BY_DIGEST ? null : Generator.TAGS.get(rng.nextInt(Generator.TAGS.size()));
        return new Plan.PushImage(repo, tag, Descriptor.of(ImageManifest.MEDIA_TYPE, manifest).digest(), manifest,
                blobs, pooled);
    }

    private Plan retag(ProcessState state, String repo, SplittableRandom rng) {
        List<ProcessState.Image> images = recent(state.images(repo));
        if (images.isEmpty()) {
            return pushImage(repo, rng);
        }
        ProcessState.Image image = images.get(rng.nextInt(images.size()));
        return new Plan.Retag(repo, Generator.TAGS.get(rng.nextInt(Generator.TAGS.size())), image.digest(),
                image.manifest(), image.blobs());
    }

    private Plan delete(ProcessState state, String repo, SplittableRandom rng) {
        List<ProcessState.Image> untagged = state.untaggedImages(repo);
        if (untagged.isEmpty()) {
            return pullTag(repo, rng);
        }
        return new Plan.Delete(repo, untagged.get(rng.nextInt(untagged.size())).digest());
    }

    /** A blob of one of this process's latest images, or now and then a pooled layer whoever uses it. */
    private Plan pullBlob(ProcessState state, String repo, SplittableRandom rng) {
        List<ProcessState.Image> images = recent(state.images(repo));
        if (images.isEmpty() || rng.nextInt(100) < 25) {
            List<SeededContent> pool = pool(repo);
            return new Plan.PullDigest(repo, pool.get(rng.nextInt(pool.size())).digest(), false);
        }
        List<SeededContent> blobs = images.get(rng.nextInt(images.size())).blobs();
        return new Plan.PullDigest(repo, blobs.get(rng.nextInt(blobs.size())).digest(), false);
    }

    private static Plan pullTag(String repo, SplittableRandom rng) {
        return new Plan.PullTag(repo, Generator.TAGS.get(rng.nextInt(Generator.TAGS.size())));
    }

    private Plan pullManifest(ProcessState state, String repo, SplittableRandom rng) {
        List<ProcessState.Image> images = recent(state.images(repo));
        if (images.isEmpty()) {
            return pullTag(repo, rng);
        }
        return new Plan.PullDigest(repo, images.get(rng.nextInt(images.size())).digest(), true);
    }

    private static List<ProcessState.Image> recent(List<ProcessState.Image> images) {
        return images.subList(Math.max(0, images.size() - RECENT), images.size());
    }
}
