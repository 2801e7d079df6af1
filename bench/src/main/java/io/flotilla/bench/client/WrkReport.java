package io.flotilla.bench.client;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code wrk --latency} prints: Requests/sec, the 50% and 99% lines of the latency distribution
 * (with wrk's unit suffixes us, ms, s, m, h), the request count, socket errors and error responses.
 */
public final class WrkReport {
    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s+([\\d.]+)([kMG]?)\\s*$", Pattern.MULTILINE);
    private static final Pattern PERCENTILE =
            Pattern.compile("^\\s*([\\d.]+)%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$", Pattern.MULTILINE);
    private static final Pattern COUNT = Pattern.compile("^\\s*(\\d+) requests in ", Pattern.MULTILINE);
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private WrkReport() {
    }

    public static LoadResult parse(String output) {
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalArgumentException("wrk printed no Requests/sec line: " + firstLines(output));
        }
        double rps = Double.parseDouble(rate.group(1)) * multiplier(rate.group(2));
        Double p50 = null;
        Double p99 = null;
        Matcher pm = PERCENTILE.matcher(output);
        while (pm.find()) {
            double percent = Double.parseDouble(pm.group(1));
            double ms = toMillis(Double.parseDouble(pm.group(2)), pm.group(3));
            if (percent == 50) {
                p50 = ms;
            } else if (percent == 99) {
                p99 = ms;
            }
        }
        if (p50 == null || p99 == null) {
            throw new IllegalArgumentException("wrk printed no 50% and 99% latency (was --latency given?): "
                    + firstLines(output));
        }
        Matcher count = COUNT.matcher(output);
        long requests = count.find() ? Long.parseLong(count.group(1)) : 0;
        long socketErrors = 0;
        String detail = "";
        Matcher socket = SOCKET.matcher(output);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                socketErrors += Long.parseLong(socket.group(i));
            }
            detail = socket.group().substring("Socket errors: ".length());
        }
        Matcher non2xx = NON_2XX.matcher(output);
        long errors = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        return new LoadResult(rps, p50, p99, requests, errors, socketErrors, detail);
    }

    /** A latency as wrk prints it, in milliseconds. */
    static double toMillis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> throw new IllegalArgumentException("unknown wrk time unit " + unit);
        };
    }

    private static double multiplier(String suffix) {
        return switch (suffix) {
            case "k" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            default -> 1;
        };
    }

    private static String firstLines(String output) {
        String text = output.strip().replace('\n', ' ');
        return String.format(Locale.ROOT, "'%s'", text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
