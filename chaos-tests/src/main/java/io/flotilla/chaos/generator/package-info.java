/**
 * Seeded, reproducible workload: content ({@link io.flotilla.chaos.generator.SeededContent}) and the
 * operation mix of a chaos run ({@link io.flotilla.chaos.generator.Generator}), paced by a shared rate limit.
 */
package io.flotilla.chaos.generator;
