package io.flotilla.storage.rados;

import io.flotilla.storage.spi.StorageUnavailableException;

import java.io.IOException;
import java.util.Map;

/** librados' negative errno results, and which of them mean "Ceph cannot be reached right now". */
final class RadosErrors {
    static final int ENOENT = -2;
    static final int EEXIST = -17;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(-1, "EPERM"), Map.entry(-2, "ENOENT"), Map.entry(-4, "EINTR"), Map.entry(-5, "EIO"),
            Map.entry(-11, "EAGAIN"), Map.entry(-12, "ENOMEM"), Map.entry(-13, "EACCES"), Map.entry(-17, "EEXIST"),
            Map.entry(-22, "EINVAL"), Map.entry(-27, "EFBIG"), Map.entry(-28, "ENOSPC"), Map.entry(-34, "ERANGE"),
            Map.entry(-36, "ENAMETOOLONG"), Map.entry(-61, "ENODATA"), Map.entry(-95, "EOPNOTSUPP"),
            Map.entry(-107, "ENOTCONN"), Map.entry(-108, "ESHUTDOWN (blocklisted)"), Map.entry(-110, "ETIMEDOUT"),
            Map.entry(-111, "ECONNREFUSED"), Map.entry(-113, "EHOSTUNREACH"), Map.entry(-122, "EDQUOT"),
            Map.entry(-125, "ECANCELED"));

    private RadosErrors() {
    }

    /** Codes after which a retry may succeed once the cluster is back: the caller should answer 503. */
    static boolean unavailable(int rc) {
        return rc == -110 || rc == -107 || rc == -108 || rc == -111 || rc == -113 || rc == -11 || rc == -4
                || rc == -125;
    }

    static String name(int rc) {
        return NAMES.getOrDefault(rc, "error " + rc);
    }

    /**
     * The exception for a failed call: throws StorageUnavailableException itself when the cluster is
     * unreachable, else returns an IOException for the caller to throw.
     */
    static IOException failure(int rc, String what) {
        String message = what + ": " + name(rc);
        if (unavailable(rc)) {
            throw new StorageUnavailableException(message, null);
        }
        return new IOException(message);
    }

    /** Returns {@code rc} if it is not an error, else fails as {@link #failure} does. */
    static int check(int rc, String what) throws IOException {
        if (rc < 0) {
            throw failure(rc, what);
        }
        return rc;
    }
}
