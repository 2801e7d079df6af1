package io.flotilla.storage.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The statement shapes every table uses: statements are reused per connection, result sets always closed. */
final class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = StatementCache.prepared(c, sql);
        try {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            StatementCache.discard(c, sql);
            throw e;
        } finally {
            clearQuietly(ps);
        }
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        PreparedStatement ps = StatementCache.prepared(c, sql);
        try {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            StatementCache.discard(c, sql);
            throw e;
        } finally {
            clearQuietly(ps);
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        List<T> rows = list(c, sql, row, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static boolean exists(Connection c, String sql, Object... args) throws SQLException {
        return one(c, sql, rs -> Boolean.TRUE, args).isPresent();
    }

    /** A listing limit; SQLite reads a negative LIMIT as "no limit", which no caller means. */
    static int limit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative limit " + limit);
        }
        return limit;
    }

    /** Unbinds a reused statement's values, so large ones are not held until its next use. */
    private static void clearQuietly(PreparedStatement ps) {
        try {
            ps.clearParameters();
        } catch (SQLException e) {
            // a statement that cannot be cleared was discarded above, or is rebound before its next use
        }
    }

    /** Binds values in order from parameter 1; null binds SQL NULL. */
    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }
}
