/**
 * Checkers (Jepsen's "checker"): each judges a whole {@link io.flotilla.chaos.history.History} after the run
 * and returns a {@link io.flotilla.chaos.checker.Verdict} with evidence a person can follow back into
 * {@code history.jsonl} by op index. {@link io.flotilla.chaos.checker.Checkers} composes them and writes
 * {@code verdict.json}. {@link io.flotilla.chaos.checker.Retention} is the rule book for garbage collection
 * (what a registry with a GC delay must still have at each instant), shared by
 * {@link io.flotilla.chaos.checker.GcSafety} and {@link io.flotilla.chaos.checker.NoLostWrites}.
 */
package io.flotilla.chaos.checker;
