package io.flotilla.chaos.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The command line: {@code --list}, or
 * {@code --scenario NAME --seed N --duration D [--nodes N] [--out DIR] [--db container|process]}.
 * A malformed one throws {@link UsageException} with what is wrong.
 */
record Args(boolean list, String scenario, long seed, Duration duration, Optional<Integer> nodes,
            Optional<Path> out, DbKind db) {

    static final String USAGE = "usage: chaos --list\n"
            + "       chaos --scenario NAME --seed N --duration D [--nodes N] [--out DIR] [--db container|process]\n"
            + "  D: seconds (90), or 60s, 5m, 1h\n"
            + "  --db container (default): the real thing, every node in a Docker container of the harness's own\n"
            + "       engine; partitions can also cut a node from Cassandra or Ceph\n"
            + "  --db process: a lighter fallback without Docker, nodes as local processes (deploy/local/cluster.sh)\n"
            + "       on the services of the environment; no cuts from services";

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static Args parse(String... argv) {
        boolean list = false;
        String scenario = null;
        Long seed = null;
        Duration duration = null;
        Integer nodes = null;
        Path out = null;
        DbKind db = null;
        for (int i = 0; i < argv.length; i++) {
            String flag = argv[i];
            if (flag.equals("--list")) {
                list = true;
                continue;
            }
            if (i + 1 >= argv.length) {
                throw new UsageException(flag.startsWith("--") ? flag + " needs a value" : "unexpected: " + flag);
            }
            String value = argv[++i];
            switch (flag) {
                case "--scenario" -> scenario = value;
                case "--seed" -> seed = number(flag, value);
                case "--duration" -> duration = duration(value);
                case "--nodes" -> nodes = (int) (long) number(flag, value);
                case "--out" -> out = Path.of(value);
                case "--db" -> db = dbKind(value);
                default -> throw new UsageException("unknown option " + flag);
            }
        }
        if (list) {
            if (scenario != null || seed != null || duration != null) {
                throw new UsageException("--list takes no other option");
            }
            // --db is accepted with --list (./flotilla passes it through) but changes nothing: listing needs no db.
            return new Args(true, null, 0, null, Optional.empty(), Optional.empty(), DbKind.CONTAINER);
        }
        if (scenario == null || seed == null || duration == null) {
            throw new UsageException("--scenario, --seed and --duration are required");
        }
        if (nodes != null && nodes < 1) {
            throw new UsageException("--nodes must be at least 1");
        }
        return new Args(false, scenario, seed, duration, Optional.ofNullable(nodes), Optional.ofNullable(out),
                db == null ? DbKind.CONTAINER : db);
    }

    private static DbKind dbKind(String value) {
        return DbKind.named(value).orElseThrow(() ->
                new UsageException("--db must be container or process, not '" + value + "'"));
    }

    private static long number(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a whole number, not '" + value + "'");
        }
    }

    private static Duration duration(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--duration: " + e.getMessage());
        }
    }
}
