package io.flotilla.node.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CLI reads and writes: standard input (one shared reader, so the admin's password and a new user's
 * password can come as two lines), output, errors, the console when there is one (for prompts that do not
 * echo) and the environment. Tests pass their own.
 */
public final class Terminal {

    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final Console console;
    private final Map<String, String> env;

    public Terminal(InputStream in, PrintStream out, PrintStream err, Console console, Map<String, String> env) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
        this.console = console;
        this.env = Map.copyOf(env);
    }

    public static Terminal system() {
        return new Terminal(System.in, System.out, System.err, System.console(), System.getenv());
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    }

    Optional<Console> console() {
        return Optional.ofNullable(console);
    }

    /** The next line of standard input, without its line break. */
    String readLine(String what) {
        try {
            String line = in.readLine();
            if (line == null) {
                throw new UsageException("standard input ended before " + what);
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
