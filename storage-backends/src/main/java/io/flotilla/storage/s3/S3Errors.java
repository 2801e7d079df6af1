package io.flotilla.storage.s3;

import io.flotilla.storage.spi.NoSuchObjectException;
import io.flotilla.storage.spi.StorageUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Turns SDK exceptions into the SPI's: a missing key is {@link NoSuchObjectException}; an unreachable or
 * overloaded server (no connection, a timeout, 5xx, throttling) is {@link StorageUnavailableException};
 * a range past the end is {@link EOFException}; anything else (403, a missing bucket) is a plain
 * {@link IOException}, because retrying will not help.
 */
final class S3Errors {
    private S3Errors() {
    }

    /** One SDK call; the lambda form keeps every call site to one line. */
    @FunctionalInterface
    interface Call<T> {
        T run();
    }

    /** Runs {@code call}, translating what it throws; {@code what} and {@code key} name it in messages. */
    static <T> T call(String what, String key, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw translate(what, key, e);
        }
    }

    /**
     * The SPI's exception for {@code e}. Returns checked failures for the caller to throw; throws
     * {@link StorageUnavailableException} itself, as it is unchecked.
     */
    static IOException translate(String what, String key, SdkException e) {
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
            InterruptedIOException interrupted = new InterruptedIOException(what + " " + key + " was interrupted");
            interrupted.initCause(e);
            return interrupted;
        }
        if (!(e instanceof AwsServiceException service)) {
            // SdkClientException and its kin: refused or reset connections, timeouts, unknown hosts.
            throw new StorageUnavailableException("S3 " + what + " " + key + " failed: " + e.getMessage(), e);
        }
        int status = service.statusCode();
        String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
        if (status >= 500 || status == 429 || "SlowDown".equals(code) || service.isThrottlingException()) {
            throw new StorageUnavailableException("S3 " + what + " " + key + ": HTTP " + status + " " + code, e);
        }
        if (status == 404 && !"NoSuchBucket".equals(code) && !"NoSuchUpload".equals(code)) {
            return new NoSuchObjectException(key);
        }
        if (status == 416) {
            EOFException eof = new EOFException(key + " ends before the range asked for");
            eof.initCause(e);
            return eof;
        }
        return new IOException("S3 " + what + " " + key + ": HTTP " + status + " " + code + ": "
                + service.getMessage(), e);
    }

    /** Whether {@code e} says that a multipart upload is already gone. */
    static boolean isNoSuchUpload(SdkException e) {
        return e instanceof AwsServiceException service && service.statusCode() == 404;
    }
}
