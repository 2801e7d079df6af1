/**
 * Nemeses: fault injection on seeded schedules (kill, pause, graceful restart, grid partition, and one of
 * them at a time), each fault recorded in the history and undone by the final heal.
 */
package io.flotilla.chaos.nemesis;
