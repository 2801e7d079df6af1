/**
 * The S3 blob backend ({@link io.flotilla.storage.s3.S3BlobStore}), for Ceph's RADOS Gateway, AWS or any S3
 * server: one object per staged piece, multipart uploads of large parts spooled through a bounded buffer,
 * digests verified before a content address is written, and SDK errors mapped onto the SPI's exceptions.
 */
package io.flotilla.storage.s3;
