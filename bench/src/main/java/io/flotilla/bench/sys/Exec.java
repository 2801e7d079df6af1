package io.flotilla.bench.sys;

/** A command that ran to its end: exit status and what it printed. */
public record Exec(Command command, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** Fails with the command's last words unless it exited 0; answers this for chaining. */
    public Exec check() {
        if (!ok()) {
            throw new CommandFailedException(command.brief() + " exited " + exitCode + ": " + lastWords());
        }
        return this;
    }

    /** The last non-empty line of stderr, else of stdout: usually the reason a command failed. */
    public String lastWords() {
        String line = lastLine(stderr);
        return line.isEmpty() ? lastLine(stdout) : line;
    }

    static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
