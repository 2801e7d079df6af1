package io.flotilla.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.ProtocolError;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import io.flotilla.storage.spi.StorageUnavailableException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place that talks to the driver: it opens the session, prepares statements, runs them, and
 * translates every driver exception. Timeouts, unavailable replicas and unreachable nodes become
 * {@link StorageUnavailableException}; a statement Cassandra rejects as invalid is a bug here and becomes
 * {@link IllegalStateException}. No driver exception leaves this class.
 */
final class Cql implements AutoCloseable {
    /** The execution profile for schema changes: a longer timeout. */
    static final String DDL_PROFILE = "ddl";
    /** Fan-out requests in flight at once per call, so a long list cannot flood the connection. */
    private static final int WAVE = 64;
    /*
     * Tuned for fast failover. The driver's defaults (a heartbeat every 30 s, reconnection backing off
     * from 1 s to 60 s) let a node keep a dead connection for most of a minute, and wait up to a minute
     * to notice that a restarted Cassandra node is back; requests meanwhile answer 503 or pile onto the
     * remaining replicas. An idle connection is probed every 3 s and dropped after 2 s of silence, and a
     * lost node is redialled from 200 ms, never more than 5 s apart.
     */
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(3);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RECONNECT_BASE_DELAY = Duration.ofMillis(200);
    private static final Duration RECONNECT_MAX_DELAY = Duration.ofSeconds(5);

    private final CqlSession session;
    private final CassandraSettings settings;

    private Cql(CqlSession session, CassandraSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    /** Connects, failing with {@link StorageUnavailableException} if no contact point answers in time. */
    static Cql connect(CassandraSettings s) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, s.requestTimeout())
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, s.consistency().name())
                .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, s.serialConsistency().name())
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, s.connectTimeout())
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, s.connectTimeout())
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, s.connectTimeout())
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, s.ddlTimeout())
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, s.ddlTimeout())
                // only our keyspace's schema is of interest; refreshing every keyspace slows start-up
                .withStringList(DefaultDriverOption.METADATA_SCHEMA_REFRESHED_KEYSPACES, List.of(s.keyspace()))
                // a DDL statement completes only after the schema refresh, which the driver debounces for 1 s
                // by default: that second per CREATE TABLE made opening a new keyspace take 15 s
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(50))
                // metrics come from Flotilla's own decorators; this also lets us leave Dropwizard out
                .withString(DefaultDriverOption.METRICS_FACTORY_CLASS, "NoopMetricsFactory")
                .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, false)
                .withDuration(DefaultDriverOption.HEARTBEAT_INTERVAL, HEARTBEAT_INTERVAL)
                .withDuration(DefaultDriverOption.HEARTBEAT_TIMEOUT, HEARTBEAT_TIMEOUT)
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, RECONNECT_BASE_DELAY)
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, RECONNECT_MAX_DELAY)
                // netty's graceful shutdown waits a 2 s quiet period by default, on every close
                .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0)
                .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 0)
                .startProfile(DDL_PROFILE)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, s.ddlTimeout())
                .endProfile()
                .build();
        try {
            CqlSession session = CqlSession.builder()
                    .addContactPoints(s.contactPoints())
                    .withLocalDatacenter(s.localDc())
                    .withConfigLoader(config)
                    .build();
            return new Cql(session, s);
        } catch (RuntimeException e) {
            config.close();
            throw translate("connecting to " + s.contactPoints(), e);
        }
    }

    CassandraSettings settings() {
        return settings;
    }

    /** The table's name qualified with the keyspace. */
    String table(String name) {
        return settings.keyspace() + "." + name;
    }

    PreparedStatement prepare(String cql) {
        try {
            return session.prepare(cql);
        } catch (RuntimeException e) {
            throw translate("preparing " + cql, e);
        }
    }

    /** The statement with every null value unset instead: an INSERT then writes no tombstone for it. */
    static BoundStatement unsetNulls(BoundStatement s) {
        BoundStatement out = s;
        for (int i = 0; i < s.size(); i++) {
            if (s.isNull(i)) {
                out = out.unset(i);
            }
        }
        return out;
    }

    /** Runs a statement and returns its first page; for writes, LWTs and single-row reads. */
    ResultSet execute(String what, Statement<?> statement) {
        try {
            return session.execute(statement);
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    Optional<Row> one(String what, Statement<?> statement) {
        return Optional.ofNullable(execute(what, statement).one());
    }

    /** Runs a query and collects all its rows, paging as needed. */
    List<Row> all(String what, Statement<?> statement) {
        try {
            List<Row> rows = new ArrayList<>();
            session.execute(statement).forEach(rows::add);
            return rows;
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    /**
     * Runs statements concurrently, at most {@value #WAVE} at a time, and returns the first row of each, in
     * order (null where a statement returned none). Every statement has finished when this returns or throws.
     */
    List<Row> firstRows(String what, List<? extends Statement<?>> statements) {
        List<Row> rows = new ArrayList<>(statements.size());
        for (int from = 0; from < statements.size(); from += WAVE) {
            List<CompletableFuture<AsyncResultSet>> wave = new ArrayList<>();
            for (Statement<?> s : statements.subList(from, Math.min(statements.size(), from + WAVE))) {
                wave.add(session.executeAsync(s).toCompletableFuture());
            }
            RuntimeException failure = null;
            for (CompletableFuture<AsyncResultSet> f : wave) {
                try {
                    rows.add(f.join().one());
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = translate(what, e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        return rows;
    }

    /** Runs statements concurrently, as {@link #firstRows}, for their effect. */
    void executeAll(String what, List<? extends Statement<?>> statements) {
        firstRows(what, statements);
    }

    /**
     * Runs a schema change with the DDL timeout and waits until every node agrees on the schema, so that
     * statements prepared next see it everywhere.
     */
    void ddl(String cql) {
        ResultSet rs = execute("schema change: " + cql,
                SimpleStatement.newInstance(cql).setExecutionProfileName(DDL_PROFILE));
        if (!rs.getExecutionInfo().isSchemaInAgreement()) {
            awaitSchemaAgreement();
        }
    }

    /** Waits, up to the DDL timeout, until all live nodes report the same schema version. */
    void awaitSchemaAgreement() {
        long deadline = System.nanoTime() + settings.ddlTimeout().toNanos();
        try {
            while (!session.checkSchemaAgreement()) {
                if (System.nanoTime() > deadline) {
                    throw new StorageUnavailableException("Cassandra nodes did not agree on the schema within "
                            + settings.ddlTimeout().toSeconds() + " s", null);
                }
                sleep(Duration.ofMillis(200));
            }
        } catch (RuntimeException e) {
            throw translate("waiting for schema agreement", e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (RuntimeException e) {
            // closing at shutdown: the connections are gone either way
        }
    }

    boolean isClosed() {
        return session.isClosed();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for Cassandra", e);
        }
    }

    /**
     * Driver exceptions, unwrapped from futures, become StorageUnavailableException (the request may be
     * retried; the outcome of a write that timed out is unknown) or, for statements Cassandra rejects,
     * IllegalStateException. Our own runtime exceptions pass through unchanged.
     */
    static RuntimeException translate(String what, Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if ((t instanceof QueryValidationException && !(t instanceof UnauthorizedException)) || t instanceof ProtocolError) {
            return new IllegalStateException("Cassandra rejected " + what + ": " + t.getMessage(), t);
        }
        if (t instanceof DriverException) {
            return new StorageUnavailableException("Cassandra unavailable (" + what + "): " + t.getMessage(), t);
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new StorageUnavailableException("Cassandra failed (" + what + "): " + t, t);
    }
}
