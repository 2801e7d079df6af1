package io.flotilla.node.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import io.flotilla.storage.spi.MetadataStore;
import io.flotilla.storage.spi.StoredRecord;
import io.flotilla.storage.spi.VersionConflictException;
import io.flotilla.storage.spi.Versioned;

import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's JWKS: every node's public signing keys, as records (kind {@code signing_keys}, keyed by kid) in
 * the metadata store, so any node verifies a token any node signed. A node publishes a key before it signs with
 * it. A kid's key never changes, so a key once read is kept in memory; unknown kids are read from the store.
 * Private keys never come here.
 */
public final class PublishedKeys {

    static final String KIND = "signing_keys";
    /** Bounds the memory a flood of made-up kids could take; real clusters hold a handful of keys. */
    private static final int MAX_REMEMBERED = 1_000;

    private final MetadataStore store;
    private final SigningKeys own;
    private final Map<String, ECPublicKey> known = new ConcurrentHashMap<>();

    public PublishedKeys(MetadataStore store, SigningKeys own) {
        this.store = store;
        this.own = own;
    }

    /** Publishes this node's live public keys (at start, and before a rotated key signs). Idempotent. */
    public void publishOwn() {
        for (ECKey key : own.publicKeys()) {
            publish(key);
        }
    }

    public void publish(ECKey publicKey) {
        String kid = publicKey.getKeyID();
        if (store.getRecord(KIND, kid).isPresent()) {
            return;
        }
        try {
            store.putRecord(KIND, kid, publicKey.toPublicJWK().toJSONString(), Versioned.ABSENT);
        } catch (VersionConflictException alreadyThere) {
            // Another start of this node published it first; the same kid is the same key.
        }
    }

    /** The public key for a kid: this node's own first, then any node's from the store. */
    public Optional<ECPublicKey> find(String kid) {
        Optional<ECPublicKey> mine = own.publicKey(kid);
        if (mine.isPresent()) {
            return mine;
        }
        ECPublicKey cached = known.get(kid);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ECPublicKey> stored = store.getRecord(KIND, kid).flatMap(PublishedKeys::parse);
        stored.ifPresent(key -> {
            if (known.size() >= MAX_REMEMBERED) {
                known.clear();
            }
            known.put(kid, key);
        });
        return stored;
    }

    /** Every published key, as JWK JSON objects: what {@code /service/jwks} serves. */
    public List<String> all() {
        List<String> keys = new ArrayList<>();
        String after = null;
        while (true) {
            List<StoredRecord> page = store.listRecords(KIND, "", after, 200);
            page.forEach(r -> keys.add(r.document()));
            if (page.size() < 200) {
                return keys;
            }
            after = page.getLast().key();
        }
    }

    private static Optional<ECPublicKey> parse(StoredRecord record) {
        try {
            return Optional.of(ECKey.parse(record.document()).toECPublicKey());
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }
}
