/**
 * The results: rows of measurements (samples per contestant), the comparisons between contestants with their
 * goals, and their renderings as results.md, results.json and ratios.png.
 */
package io.flotilla.bench.report;
