/**
 * The Ceph RADOS blob backend: blobs and staged pieces as RADOS objects, chunked past RADOS' 128 MiB object
 * limit behind a small head object that is written last, with omap indexes for what must be listed. See
 * {@link io.flotilla.storage.rados.RadosBlobStore} for the layout and {@code deploy/local/services/ceph.sh}
 * for a cluster to run it against.
 */
package io.flotilla.storage.rados;
