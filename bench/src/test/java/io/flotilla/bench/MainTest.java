package io.flotilla.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage errors exit 2 before anything starts (valid options would start a whole bench run). */
class MainTest {

    @Test
    void refusesAnUnknownSignInAndATokenWithoutAccessControl() {
        assertEquals(2, run("--auth", "jwt"));
        assertEquals(2, run("--flotilla-auth", "maybe"));
        assertEquals(2, run("--auth", "token", "--flotilla-auth", "off"));
    }

    private static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }
}
