/**
 * The filesystem blob backend: content-addressed blobs and staged upload pieces as files under one
 * root directory, made durable with fdatasync and directory fsync before any call returns.
 */
package io.flotilla.storage.fs;
