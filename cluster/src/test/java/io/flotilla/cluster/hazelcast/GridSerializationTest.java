package io.flotilla.cluster.hazelcast;

import com.hazelcast.spi.exception.RetryableHazelcastException;
import io.flotilla.model.RepositoryName;
import io.flotilla.storage.spi.UploadRecord;
import io.flotilla.storage.spi.Versioned;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.ConnectException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.auth.x500.X500Principal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JVM-wide filter pattern must admit what members send each other, and nothing else. */
class GridSerializationTest {

    private final ObjectInputFilter filter = ObjectInputFilter.Config.createFilter(GridSerialization.jdkFilterPattern());

    @Test
    void admitsTheGridsExceptionsWithTheirCauses() throws Exception {
        // What an error response carries during a migration: a grid exception, caused by I/O trouble.
        RetryableHazelcastException sent = new RetryableHazelcastException("member moved", new ConnectException("refused"));
        Object received = roundTrip(sent);
        assertInstanceOf(RetryableHazelcastException.class, received);
        assertInstanceOf(ConnectException.class, ((Throwable) received).getCause());
    }

    @Test
    void admitsTheSessionsOfUploads() throws Exception {
        UploadRecord upload = UploadRecord.start("u1", RepositoryName.parse("a/b"), Instant.EPOCH);
        assertEquals(new Versioned<>(upload, 3), roundTrip(new Versioned<>(upload, 3)));
    }

    @Test
    void refusesClassesOutsideItsPackages() {
        InvalidClassException refused = assertThrows(InvalidClassException.class,
                () -> roundTrip(new AtomicReference<>(new X500Principal("CN=outsider"))));
        assertTrue(refused.getMessage().contains("REJECTED"), refused.getMessage());
    }

    private Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }
}
