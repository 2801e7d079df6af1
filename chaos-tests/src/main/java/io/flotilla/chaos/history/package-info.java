/**
 * The recorded history of a chaos run (Jepsen's "history"): every client and nemesis operation as an
 * {@link io.flotilla.chaos.history.Op#type() INVOKE} followed by its completion, in the order they happened,
 * with a JSONL form ({@code history.jsonl}) that checkers can read back long after the run.
 */
package io.flotilla.chaos.history;
