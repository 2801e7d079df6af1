package io.flotilla.bench.servers;

/** A server or the cluster did not come up; the message says why, usually with its log's last line. */
public final class ServerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServerStartException(String message) {
        super(message);
    }

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
