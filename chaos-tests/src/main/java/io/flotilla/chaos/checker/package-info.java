/**
 * Checkers (Jepsen's "checker"): each judges a whole {@link io.flotilla.chaos.history.History} after the run
 * and returns a {@link io.flotilla.chaos.checker.Verdict} with evidence a person can follow back into
 * {@code history.jsonl} by op index. {@link io.flotilla.chaos.checker.Checkers} composes them and writes
 * {@code verdict.json}.
 */
package io.flotilla.chaos.checker;
