package io.flotilla.cluster.hazelcast;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The packages whose classes members may Java-deserialize from each other: this project's records, the
 * JDK value types they hold, and the grid's own exceptions, which travel (with their causes, such as
 * {@code java.io} and {@code java.net} exceptions) in error responses. A response refused by a filter is
 * dropped, and its caller waits for its timeout: a join's migration once stalled requests 30 s that way.
 */
public final class GridSerialization {

    static final List<String> PACKAGES =
            List.of("io.flotilla", "java.util", "java.time", "java.lang", "java.io", "java.net", "com.hazelcast");

    private GridSerialization() {
    }

    /**
     * A JDK serial filter pattern ({@code jdk.serialFilter} syntax) admitting exactly {@link #PACKAGES}, for
     * JVM-wide filters such as the one Helidon installs, which would otherwise refuse what the grid needs.
     */
    public static String jdkFilterPattern() {
        return PACKAGES.stream().map(p -> p + ".**").collect(Collectors.joining(";")) + ";!*";
    }

    /** The same packages as prefixes, for the grid's own allow-list. */
    static String[] prefixes() {
        return PACKAGES.stream().map(p -> p + ".").toArray(String[]::new);
    }
}
