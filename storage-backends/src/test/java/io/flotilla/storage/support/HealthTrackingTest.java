package io.flotilla.storage.support;

import io.flotilla.storage.spi.StorageUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthTrackingTest {

    interface Store {
        String read(String key);
    }

    @Test
    void anUnreachableBackendIsMarkedDownAndComesBackOnTheNextSuccess() {
        AtomicBoolean reachable = new AtomicBoolean(true);
        Store real = key -> {
            if (!reachable.get()) {
                throw new StorageUnavailableException("connection refused", null);
            }
            return "v:" + key;
        };
        BackendHealth health = new BackendHealth("metadata");
        Store tracked = HealthTracking.wrap(Store.class, real, health);

        assertEquals("v:a", tracked.read("a"));
        assertTrue(health.state().up());

        reachable.set(false);
        StorageUnavailableException thrown = assertThrows(StorageUnavailableException.class, () -> tracked.read("a"));
        assertEquals("connection refused", thrown.getMessage());
        assertFalse(health.state().up());
        assertNotNull(health.state().since());
        assertEquals("connection refused", health.state().reason());
        assertThrows(StorageUnavailableException.class, () -> tracked.read("b"));
        assertEquals(2, health.failures());

        reachable.set(true);
        assertEquals("v:c", tracked.read("c"));
        assertTrue(health.state().up());
    }

    @Test
    void otherFailuresPassThroughUntouchedAndCountAsReachable() {
        IllegalArgumentException refusal = new IllegalArgumentException("bad key");
        Store refusing = key -> {
            throw refusal;
        };
        BackendHealth health = new BackendHealth("blobs");
        Store tracked = HealthTracking.wrap(Store.class, refusing, health);
        assertSame(refusal, assertThrows(IllegalArgumentException.class, () -> tracked.read("x")));
        assertTrue(health.state().up());
        assertEquals(0, health.failures());
    }
}
