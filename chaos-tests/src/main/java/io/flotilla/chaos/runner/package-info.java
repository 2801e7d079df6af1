/**
 * Runs a named {@link io.flotilla.chaos.runner.Scenario}: db, workers, nemesis, recovery, final reads,
 * checkers, and the run's output folder (history.jsonl, verdict.json, logs/, report.html).
 */
package io.flotilla.chaos.runner;
