import io.cdccookbook.config.Settings;
import io.cdccookbook.pipeline.LocalPipeline;
import io.cdccookbook.pipeline.PipelineFolder;
import io.cdccookbook.provision.DatabaseProvisioner;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.CommandRun;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * remove-pipeline removes what the cookbook made and nothing else: a table of someone else's stays with
 * its rows, an explicit USERS_TABLE_NAME wins over the pipeline folder's table, and a folder left by a
 * create-pipeline that failed half-way on a reserved name can be cleared. The hostile review's cases, on
 * the configured servers (PG_HOST_URL, MYSQL_HOST_URL) and the embedded PostgreSQL.
 */
class RemoveWhatItMadeCommandsTest {

    @TempDir
    Path dir;

    /** Databases this class makes, dropped after each test (the suite's servers keep theirs between runs). */
    private final List<SourceDatabase> made = new ArrayList<>();

    @AfterEach
    void dropTheDatabasesMadeHere() {
        for (SourceDatabase db : made) {
            SourceDatabase server = SourceDatabase.of(TestDatabases.withDatabase(db.settings(), db.settings().kind() == SourceDb.PG ? "postgres" : ""), "x");
            server.run("drop " + db.settings().database(), c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + db.settings().database());
                }
                return null;
            });
        }
    }

    private SourceDatabase configured(SourceDb kind, String table) {
        DbSettings server = TestDatabases.withDatabase(TestDatabases.external(kind).settings(), "h9rm_" + Long.toHexString(System.nanoTime()));
        SourceDatabase db = SourceDatabase.of(server, table);
        made.add(db);
        return db;
    }

    private CommandRun run(Object command, DbSettings server, String... extra) throws Exception {
        Path config = dir.resolve("cdc.properties");
        Files.writeString(config, server.kind().password.name() + "=" + server.password() + "\n");
        List<String> args = new ArrayList<>(new picocli.CommandLine(command).getCommandSpec().findOption("--target") == null
                ? List.of() : List.of("--target", "local"));
        args.addAll(List.of("--source-db", server.kind().name(),
                "--config", config.toString(), "--set", "CDC_STATE_DIR=" + dir.resolve("state"),
                "--set", server.kind().host.name() + "=127.0.0.1", "--set", server.kind().port.name() + "=" + server.port(),
                "--set", server.kind().user.name() + "=" + server.user(), "--set", server.kind().database.name() + "=" + server.database()));
        args.addAll(List.of(extra));
        return CommandRun.of(command, args.toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void aUsersTableOfSomeoneElsesStaysWithItsRows(SourceDb kind) throws Exception {
        SourceDatabase users = configured(kind, "users");
        users.run("make someone else's users", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE users (id INT PRIMARY KEY, customer VARCHAR(20))");
                s.execute("INSERT INTO users VALUES (1, 'precious')");
            }
            return null;
        });
        CommandRun remove = run(new RemovePipeline(), users.settings());
        assertThat(remove.exit()).as(remove.all()).isZero();
        assertThat(remove.out()).doesNotContain("Dropped table")
                .contains("Left table users on 127.0.0.1:" + users.settings().port() + "/" + users.settings().database()
                        + " as it is: it is not the cookbook's users table (", "it has customer, which the cookbook's has not")
                .contains("Local " + kind.displayName() + " pipeline removed; left on purpose: table users, which is not the cookbook's.");
        String customer = users.run("read", c -> {
            try (var rs = c.createStatement().executeQuery("SELECT customer FROM users")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        assertThat(customer).as("the row is still there").isEqualTo("precious");
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void aReservedTableOrDatabaseNameIsRefusedBeforeAnythingIsMade(SourceDb kind) throws Exception {
        List<String> words = kind == SourceDb.PG ? List.of("select", "user", "order") : List.of("select", "order", "dual");
        for (String word : words) {
            SourceDatabase target = configured(kind, word);
            CommandRun create = run(new CreatePipeline(), target.settings(), "--exit-when-synced", "-n", "1", "--port", "0",
                    "--set", "USERS_TABLE_NAME=" + word);
            assertThat(create.exit()).as(create.all()).isEqualTo(1);
            assertThat(create.err().lines().filter(l -> l.startsWith("error: ")).toList()).as(create.all()).singleElement()
                    .satisfies(l -> assertThat(l).contains("USERS_TABLE_NAME=" + word + " is a word " + kind.displayName()
                            + " reserves, so it cannot name a table", "Choose another name", "Nothing was created."));
            assertThat(create.all()).doesNotContain("half-way", "syntax");
            assertThat(target.databaseIsThere()).as(word + ": no database made").isFalse();
            assertThat(dir.resolve("state").resolve("pipelines")).as("no pipeline folder").doesNotExist();
        }
        SourceDatabase reservedDatabase = SourceDatabase.of(TestDatabases.withDatabase(TestDatabases.external(kind).settings(), "select"), "users");
        CommandRun create = run(new CreatePipeline(), reservedDatabase.settings(), "--exit-when-synced", "-n", "1", "--port", "0");
        assertThat(create.exit()).as(create.all()).isEqualTo(1);
        assertThat(create.err()).contains(kind.database.name() + "=select is a word " + kind.displayName() + " reserves, so it cannot name a database");
        assertThat(reservedDatabase.databaseIsThere()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void aFolderLeftByAReservedTableNameIsCleared(SourceDb kind) throws Exception {
        SourceDatabase half = configured(kind, "select");
        // the database the old create-pipeline made before its CREATE TABLE failed (connect() now refuses that name)
        SourceDatabase.of(half.settings(), "users").connect().close();
        Path folder = PipelineFolder.root(dir.resolve("state"), kind).resolve("127.0.0.1_" + half.settings().port() + "_" + half.settings().database());
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("server.json"), """
                {"kind": "%s", "provider": "EXTERNAL", "host": "127.0.0.1", "port": %d, "user": "%s", "database": "%s", "table": "select"}"""
                .formatted(kind.name(), half.settings().port(), half.settings().user(), half.settings().database()));
        CommandRun remove = run(new RemovePipeline(), half.settings());
        assertThat(remove.exit()).as(remove.all()).isZero();
        assertThat(remove.out()).contains("Table select was never made (USERS_TABLE_NAME=select is a word " + kind.displayName()
                + " reserves, so it cannot name a table): nothing to drop.", "Local " + kind.displayName() + " pipeline removed.");
        assertThat(folder).doesNotExist();
    }

    @Test
    void anExplicitTableNameWinsOverTheRunningPipelinesFolder() throws Exception {
        Settings settings = Settings.of(Map.of("CDC_STATE_DIR", dir.resolve("state").toString(), "PG_DATABASE", "postgres_cdc_demo"));
        try (LocalPipeline pipeline = LocalPipeline.start(settings, DatabaseProvisioner.provision(SourceDb.PG, DbProvider.EMBEDDED, settings), 0)) {
            Path config = Files.writeString(dir.resolve("cdc.properties"), "");
            String[] common = {"--target", "local", "--config", config.toString(), "--set", "CDC_STATE_DIR=" + dir.resolve("state"),
                    "--set", "PG_HOST_URL=", "--set", "USERS_TABLE_NAME=other_tbl"};
            CommandRun remove = CommandRun.of(new RemovePipeline(), common);
            assertThat(remove.exit()).as(remove.all()).isZero();
            assertThat(remove.all()).contains("captures table users, not the table other_tbl that USERS_TABLE_NAME=other_tbl (from --set)"
                    + " names: that pipeline is left as it is, running").doesNotContain("Dropped table users", "Removing the running");
            assertThat(remove.out()).contains("Table other_tbl was not there.",
                    "Local PostgreSQL pipeline removed; left on purpose: the running pipeline of table users.");
            assertThat(pipeline.folder().isRunning()).as("the pipeline still runs").isTrue();
            assertThat(pipeline.source().tableIsThere()).as("its table is still there").isTrue();

            List<String> compareArgs = new ArrayList<>(List.of(common));
            compareArgs.addAll(List.of("-n", "0"));
            CommandRun compare = CommandRun.of(new CompareTables(), compareArgs.toArray(String[]::new));
            assertThat(compare.exit()).as(compare.all()).isEqualTo(1);
            assertThat(compare.err()).contains("captures table users, not table other_tbl, which USERS_TABLE_NAME=other_tbl (from --set)"
                    + " names.");
        }
    }

    @Test
    void aUsersTableOfAnotherSchemaFirstOnTheDatabasesSearchPathStays() throws Exception {
        SourceDatabase users = configured(SourceDb.PG, "users");
        users.run("make another schema's users", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA s2");
                s.execute("CREATE TABLE s2.users (id INT, payload TEXT)");
                s.execute("INSERT INTO s2.users VALUES (1, 'precious')");
                s.execute("ALTER DATABASE " + users.settings().database() + " SET search_path = s2, public");
            }
            return null;
        });
        CommandRun remove = run(new RemovePipeline(), users.settings());
        assertThat(remove.exit()).as(remove.all()).isZero();
        assertThat(users.<Long>run("count s2.users", c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM s2.users")) {
                rs.next();
                return rs.getLong(1);
            }
        })).as("the other schema's table keeps its row").isEqualTo(1L);
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void aViewNamedUsersIsRefusedAndNothingIsWrittenThroughIt(SourceDb kind) throws Exception {
        SourceDatabase users = configured(kind, "users");
        users.run("make a view named users", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE real_users (id INT PRIMARY KEY, name VARCHAR(100))");
                s.execute("CREATE VIEW users AS SELECT * FROM real_users");
            }
            return null;
        });
        CommandRun check = run(new TestConnection(), users.settings());
        assertThat(check.exit()).as(check.all()).isEqualTo(1);
        assertThat(check.all()).contains("is a view, not a table");
        CommandRun generate = run(new GenerateEvents(), users.settings(), "-n", "5");
        assertThat(generate.exit()).as(generate.all()).isEqualTo(1);
        assertThat(generate.err()).contains("is a view, not a table");
        assertThat(users.<Long>run("count real_users", c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM real_users")) {
                rs.next();
                return rs.getLong(1);
            }
        })).as("nothing went through the view").isEqualTo(0L);
    }
}
