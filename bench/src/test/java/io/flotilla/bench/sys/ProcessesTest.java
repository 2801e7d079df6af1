package io.flotilla.bench.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {

    @Test
    void capturesOutputAndExitStatus() {
        try (Processes p = new Processes()) {
            Exec exec = p.run(Command.of("bash", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
            assertEquals(3, exec.exitCode());
            assertEquals("out\n", exec.stdout());
            assertEquals("err", exec.lastWords());
            assertThrows(CommandFailedException.class, exec::check);
        }
    }

    @Test
    void setsAndDropsEnvironmentVariables() {
        try (Processes p = new Processes()) {
            Exec exec = p.run(Command.of("bash", "-c", "echo ${HOME:+home}-${BENCH_TEST:-none}")
                    .without("HOME").with("BENCH_TEST", "set"), Duration.ofSeconds(10));
            assertEquals("-set\n", exec.stdout());
        }
    }

    @Test
    void aCommandPastItsTimeoutIsKilled() {
        try (Processes p = new Processes()) {
            long start = System.nanoTime();
            assertThrows(CommandFailedException.class,
                    () -> p.run(Command.of("sleep", "30"), Duration.ofMillis(300)));
            assertTrue(System.nanoTime() - start < 20_000_000_000L);
        }
    }

    @Test
    void stoppingAServerStopsItsChildrenToo(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        Processes p = new Processes();
        Process parent = p.start(Command.of("bash", "-c", "sleep 300 & echo $!; wait"), log);
        long child = -1;
        for (int i = 0; i < 100 && child < 0; i++) {
            String text = Files.exists(log) ? Files.readString(log).strip() : "";
            child = text.isEmpty() ? -1 : Long.parseLong(text);
            Thread.sleep(50);
        }
        assertTrue(child > 0, "the child's pid was printed");
        p.close();
        assertFalse(parent.isAlive());
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
        assertThrows(CommandFailedException.class, () -> p.run(Command.of("true"), Duration.ofSeconds(1)));
    }

    @Test
    void findsProgramsOnThePathOrInSbin() {
        assertTrue(Packages.find("bash").isPresent());
        assertFalse(Packages.find("no-such-program-" + List.of(1, 2)).isPresent());
    }
}
