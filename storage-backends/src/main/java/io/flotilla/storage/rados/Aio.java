package io.flotilla.storage.rados;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.flotilla.storage.spi.StorageUnavailableException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * librados asynchronous operations as futures. Every call this backend makes to the cluster goes through
 * here, so no thread ever blocks inside native code: a blocking librados call would pin a virtual thread to
 * its carrier, and a node has only as many carriers as cores. The completion callback, run on a librados
 * thread, only completes a future; the waiting thread parks on it, then releases the completion and
 * whatever native memory the operation used.
 */
final class Aio {
    private static final LibRados LIB = LibRados.LIB;
    private static final ConcurrentHashMap<Long, CompletableFuture<Integer>> PENDING = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final OnComplete ON_COMPLETE = new OnComplete();
    /** Releases what abandoned operations hold once they complete, off librados' own threads. */
    private static final Executor LATER = command -> Thread.ofVirtual().name("rados-release").start(command);

    static {
        // Keep librados' finisher threads attached to the JVM instead of attaching them on every callback.
        Native.setCallbackThreadInitializer(ON_COMPLETE, new CallbackThreadInitializer(true, false, "librados-callback"));
    }

    private Aio() {
    }

    /** Queues an operation on a fresh completion and returns its result code. */
    @FunctionalInterface
    interface Submit {
        int submit(Pointer completion);
    }

    /** Turns an operation's return code into a value while its buffers are still held. */
    @FunctionalInterface
    interface Result<T> {
        T apply(int rc) throws IOException;
    }

    /**
     * Queues one operation. {@code cleanup} frees what the operation reads or writes (native buffers, op
     * handles); it runs exactly once, after the operation can no longer touch them.
     */
    static Op submit(String what, Submit submit, Runnable cleanup) throws IOException {
        long id = IDS.incrementAndGet();
        CompletableFuture<Integer> result = new CompletableFuture<>();
        PENDING.put(id, result);
        PointerByReference ref = new PointerByReference();
        int rc = LIB.rados_aio_create_completion(Pointer.createConstant(id), ON_COMPLETE, null, ref);
        if (rc < 0) {
            PENDING.remove(id);
            cleanup.run();
            throw RadosErrors.failure(rc, "creating a completion for " + what);
        }
        Pointer completion = ref.getValue();
        try {
            rc = submit.submit(completion);
        } catch (RuntimeException | Error e) {
            rc = Integer.MIN_VALUE;
            throw e;
        } finally {
            if (rc < 0) {
                PENDING.remove(id);
                LIB.rados_aio_release(completion);
                cleanup.run();
            }
        }
        if (rc < 0) {
            throw RadosErrors.failure(rc, what);
        }
        return new Op(what, completion, result, cleanup);
    }

    /** One queued operation. */
    static final class Op {
        private final String what;
        private final Pointer completion;
        private final CompletableFuture<Integer> result;
        private final Runnable cleanup;
        private final AtomicBoolean released = new AtomicBoolean();

        private Op(String what, Pointer completion, CompletableFuture<Integer> result, Runnable cleanup) {
            this.what = what;
            this.completion = completion;
            this.result = result;
            this.cleanup = cleanup;
        }

        /** Waits for the result code (negative errno on failure), then frees the operation. */
        int await(Duration timeout) throws IOException {
            return await(timeout, rc -> rc);
        }

        /**
         * Waits for the operation, hands its result code to {@code onResult} while its buffers are still valid,
         * then frees it. If the cluster does not answer in time the operation is abandoned (freed when it
         * finally completes) and StorageUnavailableException is raised.
         */
        <T> T await(Duration timeout, Result<T> onResult) throws IOException {
            int rc;
            try {
                rc = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                abandon();
                throw new StorageUnavailableException("Ceph did not answer " + what + " within " + timeout, e);
            } catch (InterruptedException e) {
                abandon();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while " + what);
            } catch (ExecutionException e) {
                abandon();
                throw new IOException(what + " failed", e.getCause());
            }
            try {
                return onResult.apply(rc);
            } finally {
                release();
            }
        }

        /** Stops waiting: the operation is freed whenever it completes. */
        void abandon() {
            result.whenCompleteAsync((rc, e) -> release(), LATER);
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                LIB.rados_aio_release(completion);
                cleanup.run();
            }
        }
    }

    /** The one callback object librados calls; it must stay reachable, so it is a constant. */
    private static final class OnComplete implements LibRados.CompletionCallback {
        @Override
        public void invoke(Pointer completion, Pointer arg) {
            CompletableFuture<Integer> result = PENDING.remove(Pointer.nativeValue(arg));
            if (result != null) {
                result.complete(LIB.rados_aio_get_return_value(completion));
            }
        }
    }
}
