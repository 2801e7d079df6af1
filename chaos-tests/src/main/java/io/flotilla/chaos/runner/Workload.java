package io.flotilla.chaos.runner;

import io.flotilla.chaos.checker.Checker;
import io.flotilla.chaos.checker.Verdict;
import io.flotilla.chaos.client.RecordingClient;
import io.flotilla.chaos.db.Db;
import io.flotilla.chaos.generator.OpGenerator;
import io.flotilla.chaos.history.History;
import java.util.List;
import java.util.Map;

/**
 * What a scenario runs besides its faults: the settings its nodes start with, the generator of its client
 * operations, phases of its own before the workload and after the final reads, and the checkers that judge
 * the history. {@link RegistryWorkload} is every scenario's but gc's.
 */
public interface Workload {

    /** Environment every node gets on top of the db's own (FLOTILLA_* overrides). */
    Map<String, String> nodeEnv();

    /** The generator of a run with {@code seed}. */
    OpGenerator generator(long seed);

    /** The checkers of this workload's histories. */
    List<Checker> checkers();

    /**
     * Whether a final read answered 404 is tried again: yes where only a fault can explain it, no where the
     * registry may rightly have removed the key (GC), which would only make final reads slow.
     */
    default boolean retryMissingFinalReads() {
        return true;
    }

    /** Runs once the cluster is up, before the workload; what it does goes into the history. */
    default void beforeWorkload(Db db, History history) {
    }

    /** Runs after the final reads, before the checkers; what it does goes into the history. */
    default void afterFinalReads(Db db, History history, RecordingClient client) {
    }

    /** Numbers for the top of verdict.json (e.g. the gc scenario's collection times); empty for none. */
    default Map<String, Object> headline(List<Verdict> verdicts) {
        return Map.of();
    }
}
