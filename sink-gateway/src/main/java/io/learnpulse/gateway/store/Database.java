package io.learnpulse.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/** The connection pool of the history database, migrated to the newest schema when opened. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens the database at {@code url} and applies the migrations.
     *
     * @param sqliteDir for an embedded SQLite database, the directory to create for its file; null for a
     *        database server
     */
    public static Database open(String url, String user, String password, Path sqliteDir) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("gateway-db");
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        if (sqliteDir != null) {
            try {
                Files.createDirectories(sqliteDir.toAbsolutePath());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data directory " + sqliteDir, e);
            }
            // readers do not block the writer; a writer waits for another instead of failing
            pool.addDataSourceProperty("journal_mode", "WAL");
            pool.addDataSourceProperty("busy_timeout", "10000");
            pool.addDataSourceProperty("foreign_keys", "true");
            // write transactions take the write lock when they begin (waiting busy_timeout for it),
            // so a read-then-write transaction never fails on a concurrent writer's snapshot
            pool.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            pool.setMaximumPoolSize(4);
        } else {
            pool.setMaximumPoolSize(8);
        }
        // an unreachable database answers requests with 503 after 5 s, not after Hikari's default 30 s
        pool.setConnectionTimeout(5000);
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /**
     * A JDBC URL fit for a log line: no user information ({@code user:secret@}) and no parameter
     * values (PostgreSQL takes {@code password=} among them).
     */
    public static String redacted(String url) {
        String withoutUser = url.replaceAll("//[^/@?;]*@", "//***@");
        return withoutUser.replaceAll("([?&;][^=&;]+)=[^&;]*", "$1=***");
    }

    /** A pooled connection, for the store's classes and the outbox of notifications (package notify). */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** True when a connection can be had and answers a trivial query. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The database's size in bytes (SQLite: its pages; PostgreSQL: pg_database_size), or -1 when it cannot tell. */
    public long sizeBytes() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            String sql = postgres ? "SELECT pg_database_size(current_database())"
                    : "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
            try (ResultSet rs = statement.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
