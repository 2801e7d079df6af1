package io.flotilla.bench.sys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every process the bench starts, so that each one is stopped with its children at the end, also on Ctrl-C
 * (the shutdown hook closes this). Once closed, nothing new starts: a measurement still running in another
 * thread fails instead of leaving a process behind.
 */
public final class Processes implements AutoCloseable {
    /** How long a process may take to exit after SIGTERM before it gets SIGKILL. */
    private static final Duration GRACE = Duration.ofSeconds(15);
    /** How long output readers may lag behind the process's exit (a grandchild may hold the pipe open). */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Starts a long-running server, its stdout and stderr appended to {@code log}; stop it with {@link #stop}. */
    public Process start(Command command, Path log) {
        ProcessBuilder pb = command.builder()
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return launch(command, pb);
    }

    /** Runs to the end with stdout and stderr captured; a run past {@code timeout} is killed and fails. */
    public Exec run(Command command, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return pipe(command, timeout, out, out);
    }

    /**
     * Runs to the end, its stdout and stderr appended to {@code log} rather than piped: for scripts that start
     * daemons, which would hold a pipe open long after the script exits.
     */
    public Exec runLogged(Command command, Duration timeout, Path log) {
        ProcessBuilder pb = command.builder()
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = launch(command, pb);
        try {
            await(command, p, timeout);
            return new Exec(command, p.exitValue(), "", "see " + log);
        } finally {
            live.remove(p);
        }
    }

    /** Runs to the end, copying stdout into {@code sink} as it comes (a download hashed on the fly). */
    public Exec pipe(Command command, Duration timeout, OutputStream sink) {
        return pipe(command, timeout, sink, null);
    }

    private Exec pipe(Command command, Duration timeout, OutputStream sink, ByteArrayOutputStream captured) {
        ProcessBuilder pb = command.builder()
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = launch(command, pb);
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            FutureTask<Void> outReader = copier(p.getInputStream(), sink);
            FutureTask<Void> errReader = copier(p.getErrorStream(), err);
            Thread.ofVirtual().start(outReader);
            Thread.ofVirtual().start(errReader);
            await(command, p, timeout);
            drain(command, outReader);
            drain(command, errReader);
            String stdout = captured == null ? "" : captured.toString(StandardCharsets.UTF_8);
            return new Exec(command, p.exitValue(), stdout, err.toString(StandardCharsets.UTF_8));
        } finally {
            live.remove(p);
        }
    }

    private Process launch(Command command, ProcessBuilder pb) {
        if (closed) {
            throw new CommandFailedException("the bench is stopping; not starting " + command.brief());
        }
        try {
            Process p = pb.start();
            live.add(p);
            return p;
        } catch (IOException e) {
            throw new CommandFailedException("cannot start " + command.brief() + ": " + e.getMessage(), e);
        }
    }

    private void await(Command command, Process p, Duration timeout) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(p);
                throw new CommandFailedException(command.brief() + " took longer than " + timeout.toSeconds()
                        + " s and was killed");
            }
        } catch (InterruptedException e) {
            stop(p);
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while running " + command.brief(), e);
        }
    }

    private static FutureTask<Void> copier(InputStream in, OutputStream out) {
        return new FutureTask<>(() -> {
            try (in) {
                in.transferTo(out);
            }
            return null;
        });
    }

    private static void drain(Command command, FutureTask<Void> reader) {
        try {
            reader.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reader.cancel(true);
            throw new CommandFailedException(command.brief() + " exited but its output stayed open");
        } catch (ExecutionException e) {
            throw new UncheckedIOException("reading the output of " + command.brief(),
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while reading " + command.brief(), e);
        }
    }

    /** SIGTERM to the process and every descendant, then SIGKILL to whatever is left after the grace time. */
    public void stop(Process p) {
        // The descendants are listed before anything dies: an orphan is re-parented and no longer listed.
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(p.toHandle());
        tree.addAll(p.toHandle().descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle h : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException | ExecutionException e) {
                // killed below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        live.remove(p);
    }

    /** Stops every process still running and refuses to start more. */
    @Override
    public void close() {
        closed = true;
        stopAll();
    }

    /** Stops every process still running, all at once so that their grace times overlap. */
    public void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (Process p : List.copyOf(live)) {
            stoppers.add(Thread.ofPlatform().start(() -> stop(p)));
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
