/** Workloads: clients that drive a registry with realistic traffic while faults happen, and record what was acknowledged. */
package io.flotilla.chaos.workload;
