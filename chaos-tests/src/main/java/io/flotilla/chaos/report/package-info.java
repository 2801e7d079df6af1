/** report.html: a chaos run's verdicts, faults, and latency and throughput over time, in one file. */
package io.flotilla.chaos.report;
