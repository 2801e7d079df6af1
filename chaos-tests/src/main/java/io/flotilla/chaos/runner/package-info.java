/**
 * Runs a named {@link io.flotilla.chaos.runner.Scenario}: db, workers, nemesis, recovery, final reads,
 * checkers, and the run's output folder (history.jsonl, verdict.json, logs/, report.html). A scenario's
 * {@link io.flotilla.chaos.runner.Workload} says what its clients do, which settings its nodes get, and which
 * phases and checkers go with them: {@link io.flotilla.chaos.runner.RegistryWorkload} for most,
 * {@link io.flotilla.chaos.runner.GcWorkload} for the gc scenario.
 */
package io.flotilla.chaos.runner;
