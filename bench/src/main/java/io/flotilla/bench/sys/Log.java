package io.flotilla.bench.sys;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines, on stderr: stdout carries only the result tables. */
public final class Log {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Log() {
    }

    public static void info(String message) {
        System.err.println("[bench " + LocalTime.now().format(TIME) + "] " + message);
    }
}
