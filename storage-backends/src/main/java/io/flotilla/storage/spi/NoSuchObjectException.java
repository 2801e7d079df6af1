package io.flotilla.storage.spi;

import java.io.IOException;

/** A read named a key that holds no object. */
public final class NoSuchObjectException extends IOException {
    public NoSuchObjectException(String key) {
        super("no object under key " + key);
    }
}
