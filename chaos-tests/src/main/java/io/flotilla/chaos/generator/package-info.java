/** Seeded, reproducible workload content: the same seed always yields the same bytes and digests. */
package io.flotilla.chaos.generator;
