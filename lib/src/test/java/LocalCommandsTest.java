import io.cdccookbook.pipeline.PipelineFolder;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.PipelineProcess;
import io.cdccookbook.testing.CommandRun;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local flow through the commands, as the README tells a user to run it: create-pipeline with
 * --exit-when-synced, then create-pipeline serving in a first terminal while generate-events and
 * compare-tables run in a second one and find it, then remove-pipeline, twice.
 */
class LocalCommandsTest {

    private static final String TABLE = "users_commands";

    @TempDir
    Path state;

    /**
     * A command in this JVM, with the test's state folder and table; {@code db} names the server only when
     * given (otherwise the host is unset, whatever the environment says, as in a second terminal). The
     * password is in the settings file, as a user keeps it.
     */
    private CommandRun run(Object command, SourceDb kind, DbSettings db, String... args) throws Exception {
        Path config = state.resolve("cdc.properties");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString(), "--source-db", kind.name(), "--set", "CDC_STATE_DIR=" + state,
                "--set", "USERS_TABLE_NAME=" + TABLE));
        if (db != null) {
            Files.writeString(config, kind.password.name() + "=" + db.password() + "\n");
            all.addAll(List.of("--set", kind.host.name() + "=" + db.host(), "--set", kind.port.name() + "=" + db.port(),
                    "--set", kind.user.name() + "=" + db.user(), "--set", kind.database.name() + "=" + db.database()));
        } else {
            all.addAll(List.of("--set", kind.host.name() + "="));
        }
        return CommandRun.of(command, all.toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void createGenerateCompareRemoveAsAUserRunsThem(TestDatabases.Target target) throws Exception {
        SourceDb kind = target.kind();
        RunningDatabase server = TestDatabases.borrowed(target, TestDatabases.TEST_DATABASE);
        DbSettings db = server.settings();
        server.database(TABLE).dropUsersTable();

        CommandRun synced = run(new CreatePipeline(), kind, db, "--target", "local", "-n", "20", "--port", "0", "--exit-when-synced");
        assertThat(synced.exit()).as(synced.all()).isZero();
        assertThat(synced.err()).contains("Target: local (--target local).");
        assertThat(synced.all()).contains("Source:", "Replica:", "are identical");

        PipelineProcess serving = PipelineProcess.start(kind, db, TABLE, state, state.resolve("cdc.properties"));
        try {
            serving.awaitRunning();
            // the second terminal: no database settings, the running pipeline's state file says where it is
            CommandRun generate = run(new GenerateEvents(), kind, null, "-n", "30", "--seed", "3", "--delete-mode", "MIXED");
            assertThat(generate.exit()).as(generate.all()).isZero();
            assertThat(generate.err()).contains("Using the database of the running local pipeline (pid "
                    + serving.process().pid() + ")");

            CommandRun compare = run(new CompareTables(), kind, null, "-n", "20", "--timeout", "60");
            assertThat(compare.exit()).as(compare.all()).isZero();
            assertThat(compare.out()).contains("are identical", "Propagation time (last commit to identical endpoint):")
                    .containsPattern("Latency, commit to visible .*p50 [0-9.]+ ms, p95 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms");
        } finally {
            serving.process().destroy(); // SIGTERM, as Ctrl-C
            assertThat(serving.process().waitFor(60, TimeUnit.SECONDS)).as(serving.log()).isTrue();
        }

        CommandRun remove = run(new RemovePipeline(), kind, db, "--target", "local");
        assertThat(remove.exit()).as(remove.all()).isZero();
        assertThat(remove.out()).contains("Local " + kind.displayName() + " pipeline removed.");
        assertThat(PipelineFolder.all(state, kind)).as("the pipeline's folder is gone").isEmpty();
        assertThat(PipelineFolder.of(state, DbProvider.EXTERNAL, db).dir()).doesNotExist();
        CommandRun again = run(new RemovePipeline(), kind, db, "--target", "local");
        assertThat(again.exit()).as("removing twice is safe: " + again.all()).isZero();
    }

    /**
     * Hostile run of issue 12: create-pipeline's default ten events rewrote and deleted rows of a table of the
     * user's own. They go only to the users demo; a table of one's own gets events only when -n says how many.
     */
    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void createPipelineChangesTheRowsOfATableOfOnesOwnOnlyWhenToldHowManyEvents(TestDatabases.Target target) throws Exception {
        SourceDb kind = target.kind();
        RunningDatabase server = TestDatabases.borrowed(target, TestDatabases.TEST_DATABASE);
        var own = server.database("own_rows_commands");
        TestDatabases.execute(own, "DROP TABLE IF EXISTS own_rows_commands", "CREATE TABLE own_rows_commands (id int PRIMARY KEY, note varchar(20))",
                "INSERT INTO own_rows_commands VALUES (1, 'first'), (2, 'second'), (3, 'third')");
        List<String> before = rows(own);
        try {
            CommandRun unasked = run(new CreatePipeline(), kind, server.settings(), "--target", "local", "--table", "own_rows_commands",
                    "--port", "0", "--exit-when-synced");
            assertThat(unasked.exit()).as(unasked.all()).isZero();
            assertThat(unasked.all()).contains("are identical");
            assertThat(rows(own)).as("no -n: the user's rows as they were").isEqualTo(before);
            assertThat(run(new RemovePipeline(), kind, server.settings(), "--table", "own_rows_commands").exit()).isZero();

            CommandRun asked = run(new CreatePipeline(), kind, server.settings(), "--target", "local", "--table", "own_rows_commands",
                    "-n", "6", "--seed", "2", "--port", "0", "--exit-when-synced");
            assertThat(asked.exit()).as(asked.all()).isZero();
            assertThat(rows(own)).as("-n 6: events on the user's table, as asked").isNotEqualTo(before);
        } finally {
            run(new RemovePipeline(), kind, server.settings(), "--table", "own_rows_commands");
            TestDatabases.execute(own, "DROP TABLE IF EXISTS own_rows_commands");
        }
    }

    private static List<String> rows(io.cdccookbook.source.SourceDatabase table) {
        return table.run("read rows", c -> {
            List<String> rows = new ArrayList<>();
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT id, note FROM own_rows_commands ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + "=" + rs.getString(2));
                }
            }
            return rows;
        });
    }
}
