package io.flotilla.bench.report;

/**
 * A ratio the report shows: the subject's median over the reference's, with the goal it is judged by.
 * Subject and reference may sit in different rows (Flotilla's manifest GET against nginx's static GET).
 *
 * @param table      which table of results.md shows it
 * @param label      the line's name in that table
 * @param subject    the measurement on top of the ratio, or null for a reference shown alone (openssl, dd)
 * @param reference  the measurement below it
 * @param goal       what the ratio must reach
 */
public record Comparison(Table table, String label, Ref subject, Ref reference, Goal goal) {

    /** The tables of results.md. */
    public enum Table { MAIN, PHYSICAL, CLUSTER }

    /** A contestant's measurement in a row. */
    public record Ref(String rowId, String contestant) {
    }
}
