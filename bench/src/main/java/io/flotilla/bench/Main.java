package io.flotilla.bench;

import io.flotilla.bench.gc.GcCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./flotilla bench}, and {@code ./flotilla bench gc} ({@link GcCommand}). Exit status: 0 when every row was measured (a missed goal is a result, not an
 * error), 1 when a contestant could not start or a row could not be measured, 2 on a usage error. The tables
 * go to stdout, progress to stderr.
 */
@Command(name = "./flotilla bench", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = GcCommand.class,
        description = "Flotilla against docker-registry on this box, with the box's physical limits and a "
                + "three-node cluster; writes results.md, results.json and ratios.png. `gc`: the garbage "
                + "collector's throughput on a cluster instead (./flotilla bench gc --help).")
public final class Main implements Callable<Integer> {
    @Option(names = "--smoke", description = "Tiny sizes and one iteration: checks the runner, as CI does.")
    boolean smoke;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the results go (default: bench/target/results).")
    Path out;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Timed runs per push and pull row in a full run (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--no-cluster", description = "Skip the three-node cluster (and Cassandra and Ceph).")
    boolean noCluster;

    @Option(names = "--keep", description = "Keep the scratch folders (data, configs, server logs).")
    boolean keep;

    @Option(names = "--jfr", description = "Record a JFR profile of the single Flotilla node into DIR/flotilla.jfr.")
    boolean jfr;

    @Option(names = "--auth", paramLabel = "basic|token", defaultValue = "basic",
            description = "How requests to Flotilla sign in: Basic credentials on every request, or a Bearer token "
                    + "from /service/token per load row (default: ${DEFAULT-VALUE}).")
    String auth;

    @Option(names = "--flotilla-auth", paramLabel = "on|off", defaultValue = "on",
            description = "Access control in Flotilla's nodes; off (FLOTILLA_AUTH_ENABLED=false) measures it and the "
                    + "audit log away (default: ${DEFAULT-VALUE}).")
    String flotillaAuth;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--runs must be at least 1");
        }
        BenchOptions.Auth signIn = switch (auth) {
            case "basic" -> BenchOptions.Auth.BASIC;
            case "token" -> BenchOptions.Auth.TOKEN;
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "--auth must be basic or token");
        };
        if (!flotillaAuth.equals("on") && !flotillaAuth.equals("off")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--flotilla-auth must be on or off");
        }
        if (flotillaAuth.equals("off") && signIn == BenchOptions.Auth.TOKEN) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--auth token needs access control on: with --flotilla-auth off there is no token endpoint");
        }
        // The launcher cds into the repository; a relative --out means relative to where the user was.
        Path root = Path.of(System.getProperty("flotilla.root", ".")).toAbsolutePath().normalize();
        Path cwd = Path.of(System.getProperty("flotilla.cwd", ".")).toAbsolutePath();
        Path results = out == null ? root.resolve("bench/target/results") : cwd.resolve(out).normalize();
        BenchRun run = new BenchRun(new BenchOptions(root, results, smoke, smoke ? 1 : runs, !noCluster, keep, jfr,
                signIn, flotillaAuth.equals("on")));
        // Ctrl-C or a kill: stop every server, the cluster and the services this run started.
        Thread hook = new Thread(run::tearDown, "bench-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        return run.run();
    }
}
