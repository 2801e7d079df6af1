package io.flotilla.chaos.cli;

import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.db.LocalProcessDb;
import io.flotilla.chaos.db.container.ContainerDb;
import io.flotilla.chaos.runner.ChaosRun;
import io.flotilla.chaos.runner.Scenario;
import io.flotilla.chaos.runner.Scenarios;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * {@code ./flotilla chaos}: lists scenarios, or runs one. Exit status: 0 when every verdict is valid, 1 when
 * one is not (or the run broke), 2 on a usage error. Only {@code --list}'s names go to stdout.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    static int run(String... argv) {
        System.setProperty("java.awt.headless", "true");
        Args args;
        try {
            args = Args.parse(argv);
        } catch (Args.UsageException e) {
            System.err.println("chaos: " + e.getMessage() + "\n" + Args.USAGE);
            return 2;
        }
        if (args.list()) {
            Scenarios.all().forEach(s -> System.out.println(s.name()));
            return 0;
        }
        Optional<Scenario> scenario = Scenarios.named(args.scenario());
        if (scenario.isEmpty()) {
            System.err.println("chaos: no scenario '" + args.scenario() + "'; ./flotilla chaos --list names them");
            return 2;
        }
        if (scenario.get().containerOnly() && args.db() != DbKind.CONTAINER) {
            // On the process db nodes and services share 127.0.0.1 and no proxy stands before a node: every
            // fault would fail and the run would inject nothing, yet say valid.
            System.err.println("chaos: " + args.scenario() + " needs " + scenario.get().needs()
                    + " of the db; only --db container has them");
            return 2;
        }
        return execute(scenario.get(), args);
    }

    private static int execute(Scenario scenario, Args args) {
        int nodes = args.nodes().orElse(scenario.defaultNodes());
        long seed = scenario.seed(args.seed());
        if (seed != args.seed()) {
            System.err.println("chaos: " + scenario.name() + " is a regression and always runs with seed " + seed);
        }
        Path out = args.out().orElseGet(() -> defaultOut(scenario, seed)).toAbsolutePath();
        String repeat = "./flotilla chaos --scenario " + scenario.name() + " --seed " + seed + " --duration "
                + args.duration().toSeconds() + "s --nodes " + nodes + " --db " + args.db().flag();
        boolean valid;
        try {
            // The cluster's home is short and outside the output folder: HAProxy's admin socket path in it must
            // fit a Unix socket's 108 bytes, and cluster.sh removes its state at teardown anyway.
            Path home = Files.createTempDirectory("flotilla-chaos-");
            System.err.println("chaos: " + scenario.name() + " seed " + seed + " on the " + args.db().flag()
                    + " db");
            valid = new ChaosRun(scenario, seed, args.duration(), nodes, out)
                    .run(db(args.db(), scenario, home));
            removeQuietly(home);  // its logs are copied into out/logs; a broken run keeps it for diagnosis
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            System.err.println("chaos: the run broke: " + e);
            e.printStackTrace();
            System.err.println("chaos: seed " + seed + "; repeat with: " + repeat);
            return 1;
        }
        System.err.println("chaos: " + (valid ? "VALID" : "INVALID") + "; results in " + out);
        if (!valid) {
            System.err.println("chaos: seed " + seed + "; repeat with: " + repeat);
        }
        return valid ? 0 : 1;
    }

    /** The db a run asked for, keeping its working files under {@code home}. */
    private static Db db(DbKind kind, Scenario scenario, Path home) {
        return switch (kind) {
            case CONTAINER -> {
                ContainerDb db = new ContainerDb(home);
                // Proxies and libfaketime only where a scenario needs them: the proxies change how a dead node
                // looks to HAProxy, and a preloaded library is one more thing in every clock read.
                if (scenario.needs().contains(Scenario.Need.DELAY_PROXIES)) {
                    db.withDelayProxies();
                }
                if (scenario.needs().contains(Scenario.Need.FAKE_CLOCKS)) {
                    db.withFakeClocks();
                }
                yield db.withNodeEnv(scenario.workload().nodeEnv());
            }
            case PROCESS -> new LocalProcessDb(home).withNodeEnv(scenario.workload().nodeEnv());
        };
    }

    private static void removeQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("chaos: could not remove " + dir + ": " + e);
        }
    }

    private static Path defaultOut(Scenario scenario, long seed) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("chaos-tests", "target", "chaos", scenario.name() + "-" + seed + "-" + stamp);
    }
}
