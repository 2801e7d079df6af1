package io.flotilla.chaos.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a run's duration as operators write it: {@code 90} (seconds), {@code 60s}, {@code 5m}, {@code 1h}. */
final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})([smh]?)");

    private Durations() {
    }

    static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write 90, 60s, 5m or 1h)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException("a run must last longer than 0: '" + text + "'");
        }
        return d;
    }
}
