package io.flotilla.bench.client;

import io.flotilla.bench.sys.Command;
import io.flotilla.bench.sys.CommandFailedException;
import io.flotilla.bench.sys.Exec;
import io.flotilla.bench.sys.Processes;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * GET load with wrk: one thread, a fixed number of keep-alive connections, closed loop, latency percentiles.
 * One thread, because the client shares the machine's two CPUs with the server: with two, wrk's threads
 * preempted the server's and the p99 measured the client's own scheduling (517 ms with -t2 against 29 ms
 * with -t1, at the same request rate).
 */
public final class Wrk {
    /** A request slower than this counts as a socket error; listings of the peer can take seconds. */
    private static final String REQUEST_TIMEOUT = "30s";

    private final Processes processes;
    private final String program;
    private final int connections;

    public Wrk(Processes processes, String program, int connections) {
        this.processes = processes;
        this.program = program;
        this.connections = connections;
    }

    /** GETs {@code url} for {@code duration} (whole seconds, at least 1), sending {@code headers} with each. */
    public LoadResult run(URI url, List<String> headers, Duration duration) {
        long seconds = Math.max(1, duration.toSeconds());
        List<String> argv = new ArrayList<>(List.of(program, "-t1", "-c" + connections, "-d" + seconds + "s",
                "--timeout", REQUEST_TIMEOUT, "--latency"));
        headers.forEach(h -> argv.addAll(List.of("-H", h)));
        argv.add(url.toString());
        Exec exec = processes.run(Command.of(argv), Duration.ofSeconds(seconds + 60));
        if (!exec.ok()) {
            throw new CommandFailedException("wrk exited " + exec.exitCode() + ": " + exec.lastWords());
        }
        return WrkReport.parse(exec.stdout());
    }
}
