package io.flotilla.node.cli;

/** A command used wrongly: said once on stderr, exit status 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
