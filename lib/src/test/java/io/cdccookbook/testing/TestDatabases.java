package io.cdccookbook.testing;

import io.cdccookbook.config.Settings;
import io.cdccookbook.provision.DatabaseProvisioner;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.provision.Docker;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The real database servers tests run against, started once per test JVM:
 * <ul>
 *   <li>embedded PostgreSQL and MariaDB, always;</li>
 *   <li>the configured servers, when PG_HOST_URL / MYSQL_HOST_URL are set in the environment (CI points
 *       them at the machine's PostgreSQL 15 and MariaDB 10.11);</li>
 *   <li>Testcontainers PostgreSQL 16 and MySQL 8.4, when Docker answers.</li>
 * </ul>
 * A target that is not available here makes its test invocation skipped, with the reason, never passed.
 */
public final class TestDatabases {

    /** A database server to test against, named for the test report. */
    public record Target(String name, SourceDb kind, Supplier<RunningDatabase> start) {
        /** The running server, or an aborted (skipped) test when it is not available here. */
        public RunningDatabase get() {
            return start.get();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Database name the tests use on configured servers, so they never touch the user's own. */
    public static final String TEST_DATABASE = "cdc_cookbook_test";

    private static final Map<SourceDb, RunningDatabase> EMBEDDED = new EnumMap<>(SourceDb.class);
    private static final Map<SourceDb, RunningDatabase> CONTAINERS = new EnumMap<>(SourceDb.class);

    private TestDatabases() {
    }

    /** Where the test run keeps its state folder (embedded servers' data). */
    public static Path stateDir() {
        return Path.of(System.getProperty("cdc.test.state", "target/test-state")).toAbsolutePath();
    }

    public static Settings settings(Map<String, String> pairs) {
        Map<String, String> all = new java.util.HashMap<>(pairs);
        all.putIfAbsent("CDC_STATE_DIR", stateDir().toString());
        return Settings.of(all);
    }

    public static synchronized RunningDatabase embedded(SourceDb kind) {
        return EMBEDDED.computeIfAbsent(kind, k -> DatabaseProvisioner.provision(k, DbProvider.EMBEDDED,
                settings(Map.of(k.database.name(), TEST_DATABASE))));
    }

    public static RunningDatabase external(SourceDb kind) {
        String host = System.getenv(kind.host.name());
        Assumptions.assumeTrue(host != null && !host.isBlank(),
                kind.host.name() + " is not set: no configured " + kind.displayName() + " server to test against");
        String port = System.getenv(kind.port.name());
        String user = System.getenv(kind.user.name());
        String password = System.getenv(kind.password.name());
        DbSettings db = new DbSettings(kind, host,
                port == null ? (kind == SourceDb.PG ? 5432 : 3306) : Integer.parseInt(port),
                user == null ? (kind == SourceDb.PG ? "postgres" : "root") : user,
                password == null ? "" : password, TEST_DATABASE);
        return RunningDatabase.borrowed(db, DbProvider.EXTERNAL, "configured server " + db);
    }

    public static synchronized RunningDatabase container(SourceDb kind) {
        Assumptions.assumeTrue(Docker.isAvailable(), "Docker is not available: Testcontainers tests skipped");
        return CONTAINERS.computeIfAbsent(kind, k -> DatabaseProvisioner.provision(k, DbProvider.TESTCONTAINERS,
                settings(Map.of(k.database.name(), TEST_DATABASE))));
    }

    /** The target's server without ownership: closing what this returns leaves the shared server running. */
    public static RunningDatabase borrowed(Target target, String database) {
        RunningDatabase db = target.get();
        return RunningDatabase.borrowed(withDatabase(db.settings(), database), db.provider(), db.description());
    }

    /** Drops {@code database} from {@code server}, connected to the server's own test database. */
    public static void dropDatabase(RunningDatabase server, String database) throws java.sql.SQLException {
        execute(server.database("users"), "DROP DATABASE IF EXISTS " + database);
    }

    /** Runs each statement on {@code db}, in order, on one connection. */
    public static void execute(io.cdccookbook.source.SourceDatabase db, String... statements) throws java.sql.SQLException {
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The same server, user and password, for another database on it. */
    public static DbSettings withDatabase(DbSettings server, String database) {
        return new DbSettings(server.kind(), server.host(), server.port(), server.user(), server.password(), database);
    }

    /** Every target, for @MethodSource: embedded, configured and container servers of both kinds. */
    public static Stream<Named<Target>> all() {
        return List.of(
                new Target("embedded PostgreSQL", SourceDb.PG, () -> embedded(SourceDb.PG)),
                new Target("embedded MariaDB", SourceDb.MYSQL, () -> embedded(SourceDb.MYSQL)),
                new Target("configured PostgreSQL", SourceDb.PG, () -> external(SourceDb.PG)),
                new Target("configured MySQL", SourceDb.MYSQL, () -> external(SourceDb.MYSQL)),
                new Target("Testcontainers PostgreSQL", SourceDb.PG, () -> container(SourceDb.PG)),
                new Target("Testcontainers MySQL", SourceDb.MYSQL, () -> container(SourceDb.MYSQL))
        ).stream().map(t -> Named.of(t.name(), t));
    }

    /** Only the embedded servers: for tests that need servers they may reconfigure or that always exist. */
    public static Stream<Named<Target>> embeddedOnly() {
        return all().filter(n -> n.getName().startsWith("embedded"));
    }
}
