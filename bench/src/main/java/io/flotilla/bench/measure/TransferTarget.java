package io.flotilla.bench.measure;

import io.flotilla.bench.client.BlobFile;
import io.flotilla.bench.client.BlobPush;
import io.flotilla.bench.client.Curl;
import io.flotilla.bench.client.CurlResult;
import io.flotilla.bench.client.PushFailedException;
import java.net.URI;
import java.util.List;

/** A contestant in the transfer rows: how it takes a push, and where it serves a blob back. */
public sealed interface TransferTarget {

    String name();

    /** False for nginx, which only serves files it was given. */
    default boolean pushes() {
        return true;
    }

    /** Pushes the blob; answers the seconds the client's requests took. */
    double push(BlobFile blob);

    /** Where the blob is served after its push. */
    URI pullUrl(BlobFile blob);

    /** A registry: pushes by the distribution API (monolithic or chunked) into one repository. */
    record Registry(String name, URI base, BlobPush pusher) implements TransferTarget {
        private static final String REPO = "bench/transfer";

        @Override
        public double push(BlobFile blob) {
            return pusher.push(base, REPO, blob);
        }

        @Override
        public URI pullUrl(BlobFile blob) {
            return base.resolve("/v2/" + REPO + "/blobs/" + blob.digest());
        }
    }

    /** The plain Helidon server: one PUT of the whole body; its GET answers the last file it stored. */
    record PlainHelidon(String name, URI base, Curl curl) implements TransferTarget {
        @Override
        public double push(BlobFile blob) {
            CurlResult put = curl.request("PUT", base.resolve("/f"), blob.file(),
                    List.of("Content-Type: application/octet-stream"));
            if (put.status() != 201 || put.uploaded() != blob.size()) {
                throw new PushFailedException("PUT /f answered " + put.status() + " after " + put.uploaded()
                        + " of " + blob.size() + " bytes");
            }
            return put.seconds();
        }

        @Override
        public URI pullUrl(BlobFile blob) {
            return base.resolve("/f");
        }
    }

    /** nginx: serves copies of the blob files from its root, by their names. */
    record StaticFiles(String name, URI base) implements TransferTarget {
        @Override
        public boolean pushes() {
            return false;
        }

        @Override
        public double push(BlobFile blob) {
            throw new UnsupportedOperationException(name + " takes no pushes");
        }

        @Override
        public URI pullUrl(BlobFile blob) {
            return base.resolve("/" + blob.name());
        }
    }
}
