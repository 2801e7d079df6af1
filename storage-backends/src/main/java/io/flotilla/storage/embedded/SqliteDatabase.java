package io.flotilla.storage.embedded;

import io.flotilla.storage.spi.StorageUnavailableException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite file with one writer connection and a small pool of reader connections. SQLite allows one
 * writer at a time anyway, so writes queue on a {@link ReentrantLock} (not {@code synchronized}, which would
 * pin virtual threads); in WAL mode readers see the last commit and never wait for the writer.
 */
final class SqliteDatabase implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final long CLOSE_WAIT_MS = 5_000;

    /** A unit of work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders = new ArrayList<>();
    private volatile boolean closed;

    SqliteDatabase(Path file, int readerCount) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            writer = DriverManager.getConnection(url);
            // synchronous=FULL fsyncs the WAL on every commit: a returned write survives a power cut.
            pragmas(writer, "journal_mode=WAL", "synchronous=FULL", "busy_timeout=" + BUSY_TIMEOUT_MS);
            readers = new ArrayBlockingQueue<>(readerCount);
            for (int i = 0; i < readerCount; i++) {
                Connection reader = DriverManager.getConnection(url);
                pragmas(reader, "query_only=ON", "busy_timeout=" + BUSY_TIMEOUT_MS);
                allReaders.add(reader);
                readers.add(reader);
            }
        } catch (java.io.IOException | SQLException e) {
            throw new StorageUnavailableException("cannot open metadata database " + file, e);
        }
    }

    /** Runs {@code work} on a reader connection; each statement sees the latest commit. */
    <T> T read(Work<T> work) {
        Connection reader = borrowReader();
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            readers.add(reader);
        }
    }

    /**
     * Runs {@code work} in one write transaction and commits it; anything thrown rolls all of it back.
     * BEGIN IMMEDIATE takes SQLite's write lock up front, so a transaction never fails half way for lack of it.
     */
    <T> T write(Work<T> work) {
        writeLock.lock();
        try {
            checkOpen();
            execute(writer, "BEGIN IMMEDIATE");
            boolean committed = false;
            try {
                T result = work.run(writer);
                execute(writer, "COMMIT");
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly();
                }
            }
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            // Readers first, each once it is back from its borrower: the last connection to close
            // checkpoints the WAL into the main file, and that should be the writer.
            for (int i = 0; i < allReaders.size(); i++) {
                if (readers.poll(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS) == null) {
                    break;
                }
            }
            allReaders.forEach(SqliteDatabase::closeQuietly);
            closeQuietly(writer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            allReaders.forEach(SqliteDatabase::closeQuietly);
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private Connection borrowReader() {
        checkOpen();
        try {
            return readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted waiting for a metadata connection", e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("metadata store is closed");
        }
    }

    private void rollbackQuietly() {
        try {
            execute(writer, "ROLLBACK");
        } catch (SQLException e) {
            // SQLite rolls back by itself after some errors; there is nothing left to undo then.
        }
    }

    private static void pragmas(Connection connection, String... settings) throws SQLException {
        for (String setting : settings) {
            execute(connection, "PRAGMA " + setting);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void closeQuietly(Connection connection) {
        StatementCache.forget(connection);
        try {
            connection.close();
        } catch (SQLException e) {
            // closing at shutdown: nothing useful to do with the failure
        }
    }

    /**
     * Errors that mean our SQL or data is wrong become IllegalStateException (a bug to fix); the rest
     * (busy, I/O, full disk, corruption) mean the store cannot serve now, so callers may answer 503.
     */
    static RuntimeException translate(SQLException e) {
        int primary = e.getErrorCode() & 0xFF;
        boolean bug = primary == 1 /* ERROR */ || primary == 19 /* CONSTRAINT */ || primary == 20 /* MISMATCH */
                || primary == 21 /* MISUSE */ || primary == 25 /* RANGE */;
        return bug ? new IllegalStateException("metadata SQL failed: " + e.getMessage(), e)
                : new StorageUnavailableException("metadata database unavailable: " + e.getMessage(), e);
    }
}
