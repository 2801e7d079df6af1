package io.flotilla.chaos.db;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's root from wherever the tests run (the module folder under Maven). */
final class RepoRoot {

    private RepoRoot() {
    }

    static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/local/cluster.sh")) && Files.isRegularFile(p.resolve("flotilla"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Flotilla checkout (deploy/local/cluster.sh) above " + dir);
    }
}
