/**
 * The plain Helidon server: bare Helidon SE 4.3.0 storing and serving one file, the ceiling of the HTTP layer
 * Flotilla is built on. It runs as a JVM of its own, as Flotilla does, so both pay the same costs.
 */
package io.flotilla.bench.plain;
