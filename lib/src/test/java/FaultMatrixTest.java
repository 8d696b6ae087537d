import com.google.gson.JsonParser;
import io.cdccookbook.pipeline.PipelineFolder;
import io.cdccookbook.pipeline.PipelineState;
import io.cdccookbook.provision.DatabaseProvisioner;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.CommandProcess;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on real embedded servers, each command in a JVM of its own as a user runs them in terminals, with
 * nothing naming a server (so they share the state folder's embedded server): Ctrl-C on the command that
 * started the server, kill -9 of a pipeline and of a server's starter at several moments, two
 * create-pipeline racing, and the server itself killed under a pipeline. Afterwards nothing committed and
 * reported is lost, no slot is left, the verdicts are true, and the server stops once no command uses it.
 */
class FaultMatrixTest {

    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("state");
    }

    private CommandProcess command(String name, boolean ownGroup, String script, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "CDC_STATE_DIR=" + state()));
        return CommandProcess.start(dir, name, ownGroup, Map.of(), script, all.toArray(String[]::new));
    }

    private Optional<Long> serverPid(SourceDb kind) throws Exception {
        Path file = DatabaseProvisioner.embeddedHome(state(), kind).resolve("server.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        long pid = JsonParser.parseString(Files.readString(file)).getAsJsonObject().get("pid").getAsLong();
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    }

    private void awaitServer(SourceDb kind) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (serverPid(kind).isEmpty()) {
            assertThat(Instant.now()).as("the embedded server comes up").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private PipelineState awaitPipeline(SourceDb kind, CommandProcess pipeline) throws Exception {
        pipeline.awaitOutput("Serving ", 180);
        return PipelineFolder.running(state(), kind).stream().filter(s -> s.pid() == pipeline.pid()).findFirst().orElseThrow();
    }

    private static void awaitGone(long pid) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(Instant.now()).as("process " + pid + " ends").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static long committedInserts(String generatorOutput) {
        Matcher m = Pattern.compile("([0-9]+) inserts").matcher(generatorOutput);
        assertThat(m.find()).as(generatorOutput).isTrue();
        return Long.parseLong(m.group(1));
    }

    private long sourceRows(SourceDb kind) throws Exception {
        CommandProcess fetch = command("fetch", false, "FetchUsers", "--source-db", kind.name(), "--max-rows", "0");
        assertThat(fetch.exitCode(120)).as(fetch.output()).isZero();
        Matcher m = Pattern.compile("([0-9]+) rows\\.").matcher(fetch.output());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void ctrlCOnTheStarterThenKill9OfThePipelineThenRemove(SourceDb kind) throws Exception {
        // the generator starts the embedded server, in a process group of its own like a terminal's
        CommandProcess generator = command("generate", true, "GenerateEvents", "--source-db", kind.name(), "-n", "1000000",
                "--rate", "200", "--seed", "1");
        awaitServer(kind);
        CommandProcess pipeline = command("pipeline", false, "CreatePipeline", "--source-db", kind.name(), "-n", "0", "--port", "0");
        pipeline.awaitOutput("Capturing ", 180); // capturing: it holds the server too (it catches up once the traffic stops)
        long server = serverPid(kind).orElseThrow();

        generator.ctrlC(); // SIGINT to its whole group: the server runs in a session of its own
        assertThat(generator.exitCode(60)).as(generator.output()).isNotZero();
        assertThat(generator.output()).contains("Stopped early (Ctrl-C); committed ").doesNotContain("Exception");
        long inserts = committedInserts(generator.output());
        assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive)).as("the pipeline still uses the server").contains(true);
        awaitPipeline(kind, pipeline);

        CommandProcess compare = command("compare", false, "CompareTables", "--source-db", kind.name(), "-n", "20", "--timeout", "60");
        assertThat(compare.exitCode(180)).as(compare.output()).isZero();
        assertThat(compare.output()).contains("are identical");
        assertThat(sourceRows(kind)).as("every insert the generator reported is there").isGreaterThanOrEqualTo(inserts);

        pipeline.kill9(); // no shutdown hook: its lease goes with it, the server stays up without users
        assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive)).contains(true);

        CommandProcess remove = command("remove", false, "RemovePipeline", "--source-db", kind.name(), "--target", "local");
        assertThat(remove.exitCode(180)).as(remove.output()).isZero();
        assertThat(remove.output()).contains("Local " + kind.displayName() + " pipeline removed.");
        if (kind == SourceDb.PG) {
            assertThat(remove.output()).contains("Dropped replication slot ");
        }
        assertThat(PipelineFolder.all(state(), kind)).isEmpty();
        awaitGone(server); // its last user, the remove, stopped it
    }

    /**
     * Hostile run of issue 12: Ctrl-C during create-pipeline's initial events ended with "Cannot read the
     * endpoint" (the pipeline went first) and nothing of what was committed. The generator stops, the command
     * says what it committed, and then the pipeline goes; remove then finds everything to remove.
     */
    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void ctrlCDuringCreatePipelinesInitialEventsSaysWhatWasCommitted(SourceDb kind) throws Exception {
        CommandProcess create = command("create", true, "CreatePipeline", "--source-db", kind.name(), "-n", "1000000",
                "--rate", "50", "--seed", "2", "--port", "0", "--exit-when-synced");
        create.awaitOutput("Capturing ", 180);
        Thread.sleep(3000); // a few commits in
        create.ctrlC();
        assertThat(create.exitCode(90)).as(create.output()).isNotZero();
        assertThat(create.output()).contains("Stopped early (Ctrl-C); committed ")
                .doesNotContain("Cannot read the endpoint", "Exception", "\tat ");
        assertThat(committedInserts(create.output())).isPositive();

        CommandProcess remove = command("remove", false, "RemovePipeline", "--source-db", kind.name(), "--target", "local");
        assertThat(remove.exitCode(180)).as(remove.output()).isZero();
        assertThat(remove.output()).contains("Local " + kind.displayName() + " pipeline removed.");
        assertThat(PipelineFolder.all(state(), kind)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void twoCreatePipelineRacingOneRunsTheOtherSaysWhy(SourceDb kind) throws Exception {
        CommandProcess first = command("first", false, "CreatePipeline", "--source-db", kind.name(), "-n", "5", "--port", "0");
        CommandProcess second = command("second", false, "CreatePipeline", "--source-db", kind.name(), "-n", "5", "--port", "0");
        Instant deadline = Instant.now().plusSeconds(240);
        while (first.process().isAlive() && second.process().isAlive() && PipelineFolder.running(state(), kind).isEmpty()) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(200);
        }
        CommandProcess loser = null;
        for (int i = 0; i < 600 && loser == null; i++) {
            loser = !first.process().isAlive() ? first : !second.process().isAlive() ? second : null;
            Thread.sleep(200);
        }
        assertThat(loser).as("one of them ends").isNotNull();
        CommandProcess winner = loser == first ? second : first;
        assertThat(loser.exitCode(10)).as(loser.output()).isEqualTo(1);
        assertThat(loser.output()).contains("error: A local pipeline is already running on").doesNotContain("Exception");
        awaitPipeline(kind, winner);
        long server = serverPid(kind).orElseThrow();

        winner.process().destroy(); // SIGTERM, as Ctrl-C in its terminal
        assertThat(winner.exitCode(90)).as("ended by SIGTERM: " + winner.output()).isEqualTo(143);
        awaitGone(server); // nobody uses it any more
        CommandProcess remove = command("remove", false, "RemovePipeline", "--source-db", kind.name(), "--target", "local");
        assertThat(remove.exitCode(180)).as(remove.output()).isZero();
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void killingTheStarterAtAnyMomentLeavesAServerTheNextCommandCanUse(SourceDb kind) throws Exception {
        long committed = 0;
        for (long delayMillis : new long[]{300, 1_500, 4_000, 8_000}) {
            CommandProcess starter = command("starter-" + delayMillis, false, "GenerateEvents", "--source-db", kind.name(),
                    "-n", "1000000", "--rate", "500");
            Thread.sleep(delayMillis);
            starter.kill9();
            CommandProcess next = command("next-" + delayMillis, false, "GenerateEvents", "--source-db", kind.name(), "-n", "10");
            assertThat(next.exitCode(180)).as("after a kill at " + delayMillis + " ms: " + next.output()).isZero();
            committed += committedInserts(next.output());
            assertThat(serverPid(kind)).as("the last user stopped it").isEmpty();
        }
        assertThat(sourceRows(kind)).as("what the finished commands reported is there").isGreaterThanOrEqualTo(committed);
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void aServerKilledUnderAPipelineStopsItWithOneLineAndRemoveStillWorks(SourceDb kind) throws Exception {
        CommandProcess pipeline = command("pipeline", false, "CreatePipeline", "--source-db", kind.name(), "-n", "10", "--port", "0");
        awaitPipeline(kind, pipeline);
        long server = serverPid(kind).orElseThrow();
        ProcessHandle.of(server).orElseThrow().destroyForcibly(); // the database goes away
        assertThat(pipeline.exitCode(120)).as(pipeline.output()).isEqualTo(1);
        List<String> errors = pipeline.output().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).as(pipeline.output()).singleElement();
        assertThat(pipeline.output()).doesNotContain("\tat ");

        CommandProcess remove = command("remove", false, "RemovePipeline", "--source-db", kind.name(), "--target", "local");
        assertThat(remove.exitCode(180)).as(remove.output()).isZero();
        assertThat(remove.output()).contains("Local " + kind.displayName() + " pipeline removed.");
        assertThat(serverPid(kind)).isEmpty();
    }
}
