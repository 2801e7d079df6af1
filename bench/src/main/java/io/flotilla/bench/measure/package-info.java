/**
 * What is measured and how: the plan (sizes for a full or a smoke run), the catalog of rows and comparisons,
 * and one class per kind of measurement: transfers (push and pull in interleaved rounds), small requests,
 * listings and the physical references.
 */
package io.flotilla.bench.measure;
