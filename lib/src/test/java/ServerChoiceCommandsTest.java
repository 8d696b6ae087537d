import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.config.Settings;
import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.pipeline.LocalPipeline;
import io.cdccookbook.pipeline.PipelineFolder;
import io.cdccookbook.provision.DatabaseProvisioner;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.CommandRun;
import io.cdccookbook.testing.PasswordProtectedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A local pipeline runs on the embedded PostgreSQL of a state folder; commands pointed at another server
 * (a configured one) act on that server only, and commands that name no server use the pipeline's, and
 * say so. The cases of the issue where a command wrote to, or removed from, the wrong server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerChoiceCommandsTest {

    private static final String TABLE = "users";

    @TempDir
    static Path dir;

    private Settings settings;
    private LocalPipeline pipeline;
    private PasswordProtectedPostgres other;
    private long pipelineRows;

    @BeforeAll
    void aPipelineOnTheEmbeddedServerAndAnotherServerBeside() throws Exception {
        settings = Settings.of(Map.of("CDC_STATE_DIR", dir.resolve("state").toString(), "PG_DATABASE", "shop"));
        pipeline = LocalPipeline.start(settings, DatabaseProvisioner.provision(SourceDb.PG, DbProvider.EMBEDDED, settings), 0);
        new EventGenerator(pipeline.source(), GeneratorOptions.defaults(200).withSeed(9)).run();
        PropagationRun.await(pipeline.comparer(), Duration.ofMillis(100), Duration.ofMinutes(1), c -> { });
        pipelineRows = pipeline.source().countUsers();
        other = new PasswordProtectedPostgres(dir.resolve("other"));
        Files.writeString(dir.resolve("cdc.properties"), "");
    }

    @AfterAll
    void stopBoth() throws Exception {
        pipeline.close();
        other.close();
    }

    private CommandRun run(Object command, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", dir.resolve("cdc.properties").toString(), "--set", "CDC_STATE_DIR=" + dir.resolve("state")));
        return CommandRun.of(command, all.toArray(String[]::new));
    }

    /** The other server, named with --set as a user names theirs. */
    private String[] atTheOtherServer(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "PG_HOST_URL=127.0.0.1", "--set", "PG_PORT=" + other.port(), "--set", "PG_DATABASE=shop",
                "--set", "PG_USERNAME=" + PasswordProtectedPostgres.USER, "--set", "PG_PASSWORD=" + PasswordProtectedPostgres.PASSWORD));
        return all.toArray(String[]::new);
    }

    private SourceDatabase otherUsers() {
        return SourceDatabase.of(new DbSettings(SourceDb.PG, "127.0.0.1", other.port(), PasswordProtectedPostgres.USER,
                PasswordProtectedPostgres.PASSWORD, "shop"), TABLE);
    }

    @Test
    void commandsPointedAtAnotherServerActOnThatServerOnly() {
        CommandRun generate = run(new GenerateEvents(), atTheOtherServer("-n", "20", "--seed", "2"));
        assertThat(generate.exit()).as(generate.all()).isZero();
        assertThat(generate.err()).contains("Using the configured PostgreSQL server 127.0.0.1:" + other.port()
                + "/shop (PG_HOST_URL is set (from --set))");
        assertThat(otherUsers().countUsers()).as("the events went where the settings pointed").isPositive();
        assertThat(pipeline.source().countUsers()).as("the pipeline's table was not touched").isEqualTo(pipelineRows);

        CommandRun compare = run(new CompareTables(), atTheOtherServer("-n", "0", "--target", "local"));
        assertThat(compare.exit()).as(compare.all()).isEqualTo(1);
        assertThat(compare.err()).contains("No local PostgreSQL pipeline runs on the server that PG_HOST_URL=127.0.0.1 (from --set)")
                .contains("running: pid " + ProcessHandle.current().pid() + ", the embedded PostgreSQL, database shop");

        CommandRun remove = run(new RemovePipeline(), atTheOtherServer("--target", "local"));
        assertThat(remove.exit()).as(remove.all()).isZero();
        assertThat(remove.out()).contains("Dropped table users.", "Local PostgreSQL pipeline removed.");
        assertThat(otherUsers().run("look", otherUsers()::tableExists)).isFalse();
        assertThat(pipeline.folder().isRunning()).as("the embedded pipeline still runs").isTrue();
        assertThat(pipeline.folder().replicaFile()).exists();
        assertThat(pipeline.source().countUsers()).as("its table keeps its rows").isEqualTo(pipelineRows);
        assertThat(PipelineFolder.all(settings.stateDir(), SourceDb.PG)).as("each server its own folder, the other's gone")
                .containsExactly(pipeline.folder());
    }

    @Test
    void withNothingNamedTheyUseTheRunningPipelinesServerAndSaySo() {
        CommandRun generate = run(new GenerateEvents(), "-n", "15", "--seed", "3", "--set", "PG_HOST_URL=");
        assertThat(generate.exit()).as(generate.all()).isZero();
        assertThat(generate.err()).contains("Using the database of the running local pipeline (pid " + ProcessHandle.current().pid()
                + "): the embedded PostgreSQL, database shop (nothing names another server).");

        CommandRun compare = run(new CompareTables(), "-n", "10", "--set", "PG_HOST_URL=");
        assertThat(compare.exit()).as(compare.all()).isZero();
        assertThat(compare.out()).contains("are identical");
        pipelineRows = pipeline.source().countUsers();
    }

    /** Hostile run of issue 12: with the server named, the notice still said nothing named it. */
    @Test
    void withTheRunningPipelinesServerNamedTheySayWhatNamedIt() {
        CommandRun compare = run(new CompareTables(), "-n", "0", "--db-provider", "embedded", "--set", "PG_HOST_URL=",
                "--set", "PG_DATABASE=shop");
        assertThat(compare.exit()).as(compare.all()).isZero();
        assertThat(compare.err()).contains("Using the database of the running local pipeline (pid " + ProcessHandle.current().pid()
                + "): the embedded PostgreSQL, database shop (--db-provider embedded names it).");
    }

    @Test
    void theRunningPipelinesServerUnderAnotherNameIsRefusedBeforeAnythingIsMade() {
        DbSettings embedded = pipeline.source().settings();
        CommandRun create = run(new CreatePipeline(), "--exit-when-synced", "--port", "7189", "--set", "PG_HOST_URL=localhost",
                "--set", "PG_PORT=" + embedded.port(), "--set", "PG_USERNAME=" + embedded.user(),
                "--set", "PG_PASSWORD=" + embedded.password(), "--set", "PG_DATABASE=shop");
        assertThat(create.exit()).as(create.all()).isEqualTo(1);
        assertThat(create.err()).contains("Replication slot " + pipeline.definition().slotName(), "is in use by server process",
                "nothing was created").doesNotContain(embedded.password());
        assertThat(PipelineFolder.all(settings.stateDir(), SourceDb.PG)).as("no folder for the second name")
                .containsExactly(pipeline.folder());
        assertThat(pipeline.folder().isRunning()).as("the pipeline still runs").isTrue();
    }
}
