package io.flotilla.node;

import io.flotilla.node.config.ConfigLoader;
import io.flotilla.node.config.FlotillaConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The {@code flotilla} command line. */
@Command(name = "flotilla", mixinStandardHelpOptions = true,
        subcommands = {Main.Run.class, io.flotilla.node.cli.AdminCommand.class},
        description = "Flotilla, a clustered OCI registry.")
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // One line per log record; the access log's lines are JSON.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s %5$s%6$s%n");
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** {@code flotilla run}: one node, in the foreground, until SIGTERM or SIGINT. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a registry node.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--config", description = "YAML configuration file (keys: flotilla-defaults.yaml).")
        Path config;
        @Option(names = "--port", description = "HTTP port (server.port, default 5000).")
        Integer port;
        @Option(names = "--bind", description = "HTTP bind address (server.bind, default 127.0.0.1).")
        String bind;
        @Option(names = "--data", description = "Data directory (storage.data-dir, default ./data).")
        Path data;

        @Override
        public Integer call() throws Exception {
            ConfigLoader loader = new ConfigLoader();
            if (config != null) {
                loader.file(config);
            }
            loader.environment(System.getenv());
            if (port != null) {
                loader.set("server.port", port.toString());
            }
            if (bind != null) {
                loader.set("server.bind", bind);
            }
            if (data != null) {
                loader.set("storage.data-dir", data.toString());
            }
            FlotillaConfig settings = loader.load();
            FlotillaNode node = FlotillaNode.start(settings);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                node.close();
                stopped.countDown();
            }, "shutdown"));
            stopped.await();
            return 0;
        }
    }
}
