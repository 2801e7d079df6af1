package io.flotilla.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code flotilla admin}: the management API from the command line. The options here say which node and as
 * whom; the subcommands say what. The password comes from {@code --password-stdin} (the first line of standard
 * input), {@code --password-file}, {@code FLOTILLA_ADMIN_PASSWORD}, or a prompt on the console, in that order.
 * Exit status: 0 done, 1 refused by the node or the node unreachable, 2 used wrongly.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Manage users, projects, members, robot accounts and read the audit log of a running node.",
        subcommands = {UsersCommand.class, ProjectsCommand.class, MembersCommand.class, RobotsCommand.class,
                AuditCommand.class, GcCommand.class})
public final class AdminCommand implements Runnable {

    static final String PASSWORD_VARIABLE = "FLOTILLA_ADMIN_PASSWORD";

    @Option(names = "--url", defaultValue = "http://127.0.0.1:5000", description = "The node (default: ${DEFAULT-VALUE}).")
    String url;
    @Option(names = "--user", defaultValue = "admin", description = "Who signs in (default: ${DEFAULT-VALUE}).")
    String user;
    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;
    @Option(names = "--password-file", description = "Read the password from this file (such as <data-dir>/auth/admin-password).")
    Path passwordFile;
    @Option(names = "--json", description = "Print the API's JSON instead of tables.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Terminal terminal;
    private ApiClient client;
    private char[] password;

    public AdminCommand() {
        this(Terminal.system());
    }

    public AdminCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The command line to run it on its own (tests, embedding): {@code commandLine(t).execute(args)}. */
    public static CommandLine commandLine(Terminal terminal) {
        return new CommandLine(new AdminCommand(terminal))
                .setOut(new java.io.PrintWriter(terminal.out(), true))
                .setErr(new java.io.PrintWriter(terminal.err(), true));
    }

    @Override
    public void run() {
        spec.commandLine().usage(terminal.out());
    }

    Terminal terminal() {
        return terminal;
    }

    boolean json() {
        return json;
    }

    /** What a subcommand does with the API. */
    interface Action {
        void run(ApiClient api) throws IOException;
    }

    /** Runs an action, turning refusals and failures into a message on stderr and an exit status. */
    int run(Action action) {
        try {
            action.run(api());
            return 0;
        } catch (ApiException e) {
            terminal.err().println("flotilla admin: " + e.status() + (e.code().isEmpty() ? "" : " " + e.code())
                    + ": " + e.getMessage());
            return 1;
        } catch (UsageException e) {
            terminal.err().println("flotilla admin: " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            terminal.err().println("flotilla admin: " + e.getMessage());
            return 1;
        } finally {
            if (client != null) {
                client.close();
                client = null;
            }
            if (password != null) {
                Arrays.fill(password, '\0');
                password = null;
            }
        }
    }

    void print(JsonNode value) {
        try {
            terminal.out().println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiClient api() {
        if (client == null) {
            client = new ApiClient(url, user, password());
        }
        return client;
    }

    /**
     * The signing-in user's password (also what {@code users passwd} sends as the old one for oneself), read
     * once per command: standard input holds it only once.
     */
    char[] password() {
        if (password == null) {
            password = readPassword();
        }
        return password.clone();
    }

    private char[] readPassword() {
        if (passwordStdin) {
            return terminal.readLine("the password").toCharArray();
        }
        if (passwordFile != null) {
            try {
                return Files.readString(passwordFile).strip().toCharArray();
            } catch (IOException e) {
                throw new UsageException("cannot read the password file " + passwordFile + ": " + e);
            }
        }
        var fromEnvironment = terminal.env(PASSWORD_VARIABLE);
        if (fromEnvironment.isPresent()) {
            return fromEnvironment.get().toCharArray();
        }
        return terminal.console().map(c -> c.readPassword("Password for %s at %s: ", user, url))
                .orElseThrow(() -> new UsageException("no password: use --password-stdin, --password-file or "
                        + PASSWORD_VARIABLE));
    }

    String user() {
        return user;
    }
}
