package io.flotilla.bench.client;

/**
 * What curl reports about one request through {@link #WRITE_OUT}: status, its own total time, bytes each way,
 * download speed, and the Location header (empty when there is none).
 */
public record CurlResult(int status, double seconds, long uploaded, long downloaded, double bytesPerSecond,
                         String location) {

    /** curl's {@code -w} format for {@link #parse}: tab-separated, so an empty Location stays a field. */
    public static final String WRITE_OUT = "%{http_code}\\t%{time_total}\\t%{size_upload}\\t%{size_download}"
            + "\\t%{speed_download}\\t%header{location}\\n";

    /** Parses the line {@link #WRITE_OUT} printed. */
    public static CurlResult parse(String output) {
        // Not stripped: an empty Location leaves a trailing tab, which is still a field.
        String line = output.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        String[] f = line.split("\t", -1);
        if (f.length < 6) {
            throw new IllegalArgumentException("curl printed '" + line + "', not the six fields asked for");
        }
        try {
            return new CurlResult(Integer.parseInt(f[0].strip()), Double.parseDouble(f[1].strip()),
                    Long.parseLong(f[2].strip()), Long.parseLong(f[3].strip()), Double.parseDouble(f[4].strip()),
                    f[5].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("curl printed '" + line + "', not numbers where expected", e);
        }
    }
}
