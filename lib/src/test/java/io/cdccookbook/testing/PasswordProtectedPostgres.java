package io.cdccookbook.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL that checks passwords, unlike the trust-auth servers elsewhere: user
 * {@value #USER} logs in with {@value #PASSWORD} over scram-sha-256, anything else is refused.
 */
public final class PasswordProtectedPostgres implements AutoCloseable {

    public static final String USER = "cdc_app";
    public static final String PASSWORD = "right-horse-battery";

    private final EmbeddedPostgres pg;

    public PasswordProtectedPostgres(Path dir) {
        try {
            Files.createDirectories(dir);
            Path hba = dir.resolve("pg_hba.conf");
            // postgres itself keeps trust so the embedded starter can check the server is up
            Files.writeString(hba, """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("data"))
                    .setServerConfig("hba_file", hba.toString())
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .start();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another login, e.g. one whose password is its name. */
    public void createLogin(String user, String password) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + user + " LOGIN SUPERUSER PASSWORD '" + password + "'");
        }
    }

    public int port() {
        return pg.getPort();
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
