package io.flotilla.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void parsesAFullRun() {
        Args a = Args.parse("--scenario", "kill", "--seed", "7", "--duration", "5m", "--nodes", "5", "--out", "/x");
        assertEquals("kill", a.scenario());
        assertEquals(7, a.seed());
        assertEquals(Duration.ofMinutes(5), a.duration());
        assertEquals(Optional.of(5), a.nodes());
        assertEquals(Optional.of(Path.of("/x")), a.out());
        assertEquals(DbKind.CONTAINER, a.db(), "nodes in containers unless asked otherwise");
    }

    @Test
    void parsesTheDb() {
        assertEquals(DbKind.PROCESS,
                Args.parse("--scenario", "kill", "--seed", "7", "--duration", "60s", "--db", "process").db());
        assertEquals(DbKind.CONTAINER,
                Args.parse("--scenario", "kill", "--seed", "7", "--duration", "60s", "--db", "container").db());
        assertTrue(Args.parse("--list", "--db", "process").list(), "--db is harmless with --list");
    }

    @Test
    void parsesList() {
        assertTrue(Args.parse("--list").list());
    }

    @Test
    void usageErrors() {
        String[][] bad = {
            {},
            {"--scenario", "kill", "--seed", "7"},
            {"--scenario", "kill", "--seed", "x", "--duration", "60"},
            {"--scenario", "kill", "--seed", "7", "--duration", "soon"},
            {"--scenario", "kill", "--seed", "7", "--duration", "60", "--nodes", "0"},
            {"--scenario", "kill", "--seed", "7", "--duration", "60", "--colour", "red"},
            {"--scenario"},
            {"--list", "--scenario", "kill"},
            {"--scenario", "kill", "--seed", "7", "--duration", "60", "--db", "vm"},
        };
        for (String[] argv : bad) {
            assertThrows(Args.UsageException.class, () -> Args.parse(argv), String.join(" ", argv));
        }
    }

    @Test
    void mainAnswersTwoOnUsageErrorsAndUnknownScenarios() {
        assertEquals(2, Main.run("--seed", "1"));
        assertEquals(2, Main.run("--scenario", "no-such", "--seed", "1", "--duration", "5"));
        assertEquals(0, Main.run("--list"));
        assertEquals(2, Main.run("--scenario", "partition-cassandra", "--seed", "1", "--duration", "5", "--db",
                "process"), "service cuts need the container db");
        // Each would fail every fault on the process db and report a run that injected nothing as valid.
        for (String scenario : java.util.List.of("partition-one-way", "packet-loss", "slow-node", "clock-skew")) {
            assertEquals(2, Main.run("--scenario", scenario, "--seed", "1", "--duration", "5", "--db", "process"),
                    scenario + " needs the container db");
        }
    }
}
