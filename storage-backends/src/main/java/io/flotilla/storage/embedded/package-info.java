/**
 * The embedded metadata backend, for a node that runs alone: the whole data model in one SQLite file.
 *
 * <p>Why SQLite: the data model is relational and its listings are ordered range scans over primary keys;
 * a manifest, its blob_refs and its referrer entry must commit together, which is one multi-row transaction
 * here; WAL with {@code synchronous=FULL} makes every returned commit durable across a crash or power cut;
 * the library is small, embedded and very well kept; and operators can inspect or repair the file with the
 * stock {@code sqlite3} command-line tool.
 */
package io.flotilla.storage.embedded;
