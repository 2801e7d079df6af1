package io.flotilla.storage.rados;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The librados C functions this backend needs and rados-java 0.6.0 does not bind: asynchronous I/O with its
 * return value, compound write and read operations, and omap. rados-java still owns the cluster handle and
 * the I/O context; these take the context's raw pointer. {@code size_t} and {@code uint64_t} are Java longs
 * (LP64 only, as is every platform Debian ships Ceph for).
 */
interface LibRados extends Library {
    LibRados LIB = Native.load("rados", LibRados.class);

    /** {@code LIBRADOS_CREATE_EXCLUSIVE}: the create fails with EEXIST if the object exists. */
    int CREATE_EXCLUSIVE = 1;

    /** {@code rados_callback_t}: called on a librados thread when an operation completes. */
    interface CompletionCallback extends Callback {
        void invoke(Pointer completion, Pointer arg);
    }

    int rados_aio_create_completion(Pointer arg, CompletionCallback complete, CompletionCallback safe,
            PointerByReference completion);

    int rados_aio_get_return_value(Pointer completion);

    void rados_aio_release(Pointer completion);

    int rados_aio_write(Pointer io, String oid, Pointer completion, Pointer buffer, long length, long offset);

    int rados_aio_read(Pointer io, String oid, Pointer completion, Pointer buffer, long length, long offset);

    int rados_aio_remove(Pointer io, String oid, Pointer completion);

    int rados_aio_stat(Pointer io, String oid, Pointer completion, LongByReference size, LongByReference mtime);

    Pointer rados_create_write_op();

    void rados_release_write_op(Pointer op);

    void rados_write_op_create(Pointer op, int exclusive, String category);

    /** Copies {@code buffer} into the operation at once. */
    void rados_write_op_write_full(Pointer op, byte[] buffer, long length);

    /** Copies keys and values into the operation at once. */
    void rados_write_op_omap_set(Pointer op, String[] keys, String[] values, long[] lengths, long count);

    void rados_write_op_omap_rm_keys(Pointer op, String[] keys, long count);

    int rados_aio_write_op_operate(Pointer op, Pointer io, Pointer completion, String oid, Pointer mtime, int flags);

    Pointer rados_create_read_op();

    void rados_release_read_op(Pointer op);

    /** Sets {@code iterator} at once; fills it, {@code more} and {@code result} when the operation completes. */
    void rados_read_op_omap_get_vals2(Pointer op, String startAfter, String filterPrefix, long maxReturn,
            PointerByReference iterator, ByteByReference more, IntByReference result);

    int rados_aio_read_op_operate(Pointer op, Pointer io, Pointer completion, String oid, int flags);

    int rados_omap_get_next(Pointer iterator, PointerByReference key, PointerByReference value, LongByReference length);

    void rados_omap_get_end(Pointer iterator);
}
