package io.flotilla.node.gc;

/** The windows of the collection protocol in which a concurrent writer or reader can meet the collector. */
public enum GcWindow {
    /** The row and its references were read and found unused; the mark's compare-and-set is next. */
    BEFORE_MARK,
    /** A marked row's references were read again and found unused; the move to purging is next. */
    BEFORE_PURGE,
    /** The row is purging; deleting its bytes is next. */
    BEFORE_BYTE_DELETE,
    /** An untagged manifest was found due for deletion; deleting its row is next. */
    BEFORE_MANIFEST_DELETE,
    /** An untagged manifest's row was deleted; looking for a tag pushed meanwhile is next. */
    BEFORE_TAG_RECHECK
}
