package io.flotilla.bench.measure;

import io.flotilla.bench.client.BlobFile;
import io.flotilla.bench.client.BlobPush;
import io.flotilla.bench.client.Curl;
import io.flotilla.bench.client.CurlResult;
import io.flotilla.bench.client.PushFailedException;
import io.flotilla.bench.client.RegistryEndpoint;
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

    /** Headers a pull sends (credentials); asked for before each pull, outside its time. */
    default List<String> pullHeaders() {
        return List.of();
    }

    /**
     * A registry: pushes by the distribution API (monolithic or chunked) into one repository, signed by its
     * login; a token login fetches a token per push and per pull, before curl starts (so outside the time).
     */
    record Registry(String name, RegistryEndpoint registry, BlobPush pusher) implements TransferTarget {
        private static final String REPO = "bench/transfer";

        @Override
        public double push(BlobFile blob) {
            return pusher.push(registry.base(), REPO, blob, registry.login().headers("repository:" + REPO + ":pull,push"));
        }

        @Override
        public URI pullUrl(BlobFile blob) {
            return registry.base().resolve("/v2/" + REPO + "/blobs/" + blob.digest());
        }

        @Override
        public List<String> pullHeaders() {
            return registry.login().headers("repository:" + REPO + ":pull");
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
