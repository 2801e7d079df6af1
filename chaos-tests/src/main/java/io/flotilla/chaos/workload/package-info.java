/**
 * Workloads: clients that drive a registry with realistic traffic while faults happen ({@link
 * io.flotilla.chaos.workload.ImageWorkload}), and the record of what they were told ({@link
 * io.flotilla.chaos.workload.Ledger}) that the checks during and after a run judge.
 */
package io.flotilla.chaos.workload;
