/**
 * Helpers and decorators shared by every backend and by the node: the key layout and its safety check
 * ({@link io.flotilla.storage.support.StorageKeys}), batched copying, piece ids, reading a multi-piece blob
 * as one stream ({@link io.flotilla.storage.support.BlobReader}), and validation in front of any backend.
 * Cross-cutting concerns live here so that backends contain only I/O.
 */
package io.flotilla.storage.support;
