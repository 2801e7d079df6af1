package io.flotilla.chaos.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The command line: {@code --list}, or {@code --scenario NAME --seed N --duration D [--nodes N] [--out DIR]}.
 * A malformed one throws {@link UsageException} with what is wrong.
 */
record Args(boolean list, String scenario, long seed, Duration duration, Optional<Integer> nodes,
            Optional<Path> out) {

    static final String USAGE = "usage: chaos --list\n"
            + "       chaos --scenario NAME --seed N --duration D [--nodes N] [--out DIR]\n"
            + "  D: seconds (90), or 60s, 5m, 1h";

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
                default -> throw new UsageException("unknown option " + flag);
            }
        }
        if (list) {
            if (scenario != null || seed != null || duration != null) {
                throw new UsageException("--list takes no other option");
            }
            return new Args(true, null, 0, null, Optional.empty(), Optional.empty());
        }
        if (scenario == null || seed == null || duration == null) {
            throw new UsageException("--scenario, --seed and --duration are required");
        }
        if (nodes != null && nodes < 1) {
            throw new UsageException("--nodes must be at least 1");
        }
        return new Args(false, scenario, seed, duration, Optional.ofNullable(nodes), Optional.ofNullable(out));
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
