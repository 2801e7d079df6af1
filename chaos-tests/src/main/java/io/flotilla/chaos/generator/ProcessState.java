package io.flotilla.chaos.generator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one process knows it has written: blobs and manifests acknowledged OK, per repository. The generator
 * builds manifests only over this process's own blobs, and tags only this process's own manifests, so that a
 * process can delete a manifest knowing nobody ever tagged it (a delete under a tag would move the tag outside
 * the register model the tag checker uses). Not thread-safe: one per process.
 */
public final class ProcessState {

    /** A manifest this process pushed: its digest and exact bytes (a tag push must send the same bytes). */
    public record Manifest(String digest, byte[] bytes) {
    }

    /** A blob this process pushed, as a manifest names it. */
    public record Blob(String digest, long size) {
    }

    /** An image this process pushed (the gc workload's unit): its manifest and the blobs it names. */
    public record Image(String repo, String digest, byte[] manifest, List<SeededContent> blobs) {
        public Image {
            blobs = List.copyOf(blobs);
        }
    }

    private final Map<String, List<Image>> images = new LinkedHashMap<>();
    private final Map<String, List<Blob>> blobs = new LinkedHashMap<>();
    private final Map<String, List<Manifest>> manifests = new LinkedHashMap<>();
    private final Set<String> tagged = new HashSet<>();

    public void blobPushed(String repo, String digest, long size) {
        blobs.computeIfAbsent(repo, r -> new ArrayList<>()).add(new Blob(digest, size));
    }

    public void manifestPushed(String repo, String digest, byte[] bytes) {
        manifests.computeIfAbsent(repo, r -> new ArrayList<>()).add(new Manifest(digest, bytes));
    }

    /** An image whose manifest PUT was acknowledged (by digest or by tag). */
    public void imagePushed(Image image) {
        List<Image> list = images.computeIfAbsent(image.repo(), r -> new ArrayList<>());
        list.removeIf(i -> i.digest().equals(image.digest()));
        list.add(image);
    }

    /** Called when a tag push is attempted, whatever its outcome: an INFO may still have applied it. */
    public void tagAttempted(String digest) {
        tagged.add(digest);
    }

    /** Called when a delete is attempted, whatever its outcome: the manifest may be gone. */
    public void deleteAttempted(String repo, String digest) {
        List<Manifest> list = manifests.get(repo);
        if (list != null) {
            list.removeIf(m -> m.digest().equals(digest));
        }
        List<Image> pushed = images.get(repo);
        if (pushed != null) {
            pushed.removeIf(i -> i.digest().equals(digest));
        }
    }

    /** This process's images in {@code repo} not deleted, oldest first. */
    List<Image> images(String repo) {
        return images.getOrDefault(repo, List.of());
    }

    /** Those never tagged: the only ones this process deletes. */
    List<Image> untaggedImages(String repo) {
        return images(repo).stream().filter(i -> !tagged.contains(i.digest())).toList();
    }

    List<Blob> blobs(String repo) {
        return blobs.getOrDefault(repo, List.of());
    }

    List<Manifest> manifests(String repo) {
        return manifests.getOrDefault(repo, List.of());
    }

    List<Manifest> untaggedManifests(String repo) {
        return manifests(repo).stream().filter(m -> !tagged.contains(m.digest())).toList();
    }
}
