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
 * @param auth     how the measured requests to Flotilla sign in (with access control on)
 * @param flotillaAuth access control on in Flotilla's nodes; off (FLOTILLA_AUTH_ENABLED=false), they get no
 *                 credentials at all
 */
public record BenchOptions(Path root, Path out, boolean smoke, int runs, boolean cluster, boolean keep,
                           boolean jfr, Auth auth, boolean flotillaAuth) {

    /** How measured requests to Flotilla sign in. */
    public enum Auth {
        /** Basic credentials on every request: the node checks a cached credential each time. */
        BASIC,
        /** A Bearer token from /service/token, fetched once per load row (and per transfer) for its scope. */
        TOKEN
    }
}
