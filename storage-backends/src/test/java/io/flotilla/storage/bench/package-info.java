/**
 * {@code BackendBench}: a benchmark (not a test) of the storage backends on their real servers, run by
 * {@code deploy/bench/backends.sh}. It lives in the test sources so it stays out of the production jar, and
 * it uses no JUnit: it is a {@code main} that prints a table. See {@code deploy/bench/README.md}.
 */
package io.flotilla.storage.bench;
