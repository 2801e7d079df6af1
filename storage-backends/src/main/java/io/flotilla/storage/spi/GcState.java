package io.flotilla.storage.spi;

/** A blob row's garbage-collection state; each step is a compare-and-set on the row. */
public enum GcState {
    /** In use or usable. */
    LIVE,
    /** Found unreferenced; a writer's ref_epoch bump revives it. */
    MARKED,
    /** Irreversible: the bytes are being deleted; writers treat the blob as missing. */
    PURGING
}
