package io.flotilla.storage.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per connection and reused. Preparing (parsing and planning the SQL) was most
 * of the cost of a tag lookup, and every statement the store runs is one of a few dozen fixed strings.
 * A connection is used by one thread at a time (a borrowed reader, or the writer under its lock), so its
 * own statements need no locking; the pool's hand-over orders one borrower's use before the next.
 */
final class StatementCache {
    /** Bounds the statements of a connection, should a caller ever build SQL that varies. */
    private static final int PER_CONNECTION = 64;

    private static final Map<Connection, Map<String, PreparedStatement>> BY_CONNECTION = new ConcurrentHashMap<>();

    private StatementCache() {
    }

    /** The statement for {@code sql} on {@code c}, with no parameters bound; never close it, {@link #discard} it. */
    static PreparedStatement prepared(Connection c, String sql) throws SQLException {
        Map<String, PreparedStatement> statements = BY_CONNECTION.computeIfAbsent(c, k -> lru());
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Drops a statement that failed, so the next use prepares it afresh. */
    static void discard(Connection c, String sql) {
        Map<String, PreparedStatement> statements = BY_CONNECTION.get(c);
        PreparedStatement ps = statements == null ? null : statements.remove(sql);
        closeQuietly(ps);
    }

    /** Closes every statement of a connection about to close. */
    static void forget(Connection c) {
        Map<String, PreparedStatement> statements = BY_CONNECTION.remove(c);
        if (statements != null) {
            statements.values().forEach(StatementCache::closeQuietly);
        }
    }

    private static Map<String, PreparedStatement> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= PER_CONNECTION) {
                    return false;
                }
                closeQuietly(eldest.getValue());
                return true;
            }
        };
    }

    private static void closeQuietly(PreparedStatement ps) {
        if (ps == null) {
            return;
        }
        try {
            ps.close();
        } catch (SQLException e) {
            // the statement is being dropped either way
        }
    }
}
