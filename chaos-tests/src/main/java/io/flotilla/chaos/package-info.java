/**
 * Flotilla's chaos harness. Its parts carry Jepsen's names: {@code db} sets up, kills and restarts real
 * node processes; {@code client} talks to them as any OCI client does, over HTTP only; {@code generator}
 * makes seeded, reproducible workload content. Nothing here links node internals.
 */
package io.flotilla.chaos;
