package io.flotilla.bench;

import java.nio.file.Path;

/**
 * What the command line asked for.
 *
 * @param root     the repository (the launcher's folder): ./flotilla and deploy/local live there
 * @param out      where results.md, results.json and ratios.png go
 * @param smoke    tiny sizes, one iteration
 * @param runs     timed runs per transfer row in a full run
 * @param cluster  measure the three-node cluster too
 * @param keep     keep the scratch folders
 * @param jfr      record a JFR profile of the single Flotilla node into out/flotilla.jfr
 */
public record BenchOptions(Path root, Path out, boolean smoke, int runs, boolean cluster, boolean keep,
                           boolean jfr) {
}
