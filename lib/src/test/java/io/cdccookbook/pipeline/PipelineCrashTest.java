package io.cdccookbook.pipeline;

import io.cdccookbook.compare.Comparer;
import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.endpoint.EndpointClient;
import io.cdccookbook.events.DeleteMode;
import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.GenerationSummary;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.PipelineProcess;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline as its own process, killed with SIGKILL in the middle of a stream of changes and started
 * again: it resumes from its offsets and the replica converges, with no row twice.
 */
class PipelineCrashTest {

    @TempDir
    Path state;

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void aPipelineKilledMidStreamResumesAndConverges(TestDatabases.Target target) throws Exception {
        SourceDb kind = target.kind();
        String table = "users_crash";
        RunningDatabase server = TestDatabases.borrowed(target, TestDatabases.TEST_DATABASE);
        SourceDatabase source = server.database(table);
        source.dropUsersTable();
        source.createUsersTable();
        Path config = Files.writeString(state.resolve("cdc.properties"), "");
        PipelineProcess firstRun = PipelineProcess.start(kind, server.settings(), table, state, config);
        Process first = firstRun.process();
        try {
            PipelineState running = firstRun.awaitRunning();
            CompletableFuture<GenerationSummary> traffic = CompletableFuture.supplyAsync(() -> new EventGenerator(source,
                    GeneratorOptions.defaults(6_000).withSeed(77).withDeleteMode(DeleteMode.MIXED).withRate(1_500)).run());
            awaitOffsetsFlushedDuring(running, traffic); // then kill it mid-stream, before the traffic ends
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no offset flush
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137);
            assertThat(traffic.isDone()).as("the kill came mid-stream").isFalse();
            GenerationSummary generated = traffic.join();

            PipelineProcess secondRun = PipelineProcess.start(kind, server.settings(), table, state, config);
            Process second = secondRun.process();
            try {
                running = secondRun.awaitRunning();
                assertThat(running.pid()).isEqualTo(second.pid());
                EndpointClient endpoint = new EndpointClient(running.endpointUrl(), running.pipe(table), token(running));
                PropagationRun run = PropagationRun.await(new Comparer(source, endpoint),
                        Duration.ofMillis(250), Duration.ofMinutes(2), c -> { });

                assertThat(run.outcome().comparison().differences())
                        .as("differences after the restart (duplicates count too): " + run.outcome().comparison().examples())
                        .isZero();
                assertThat(run.outcome().comparison().sourceRows()).isEqualTo(generated.inserts() - generated.hardDeletes());
                List<String> ids = new ArrayList<>();
                Comparer comparer = new Comparer(source, endpoint);
                endpoint.forEachRow(comparer.rows(), row -> ids.add(row[comparer.rows().indexOf("id")]));
                assertThat(ids).doesNotHaveDuplicates();
                assertThat(sql(running, "SELECT count(*) AS n FROM " + running.pipe(table).replace("_api", "_raw") + " WHERE __op = 'r'"))
                        .as("resumed from its offsets: no second snapshot").isEqualTo(0);
            } finally {
                second.destroy(); // SIGTERM: a clean stop
                second.waitFor(60, TimeUnit.SECONDS);
            }
        } finally {
            first.destroyForcibly();
            firstRun.log();
            new LocalPipelineRemover(line -> { }).remove(Optional.of(PipelineFolder.of(state, DbProvider.EXTERNAL, server.settings())),
                    Optional.of(server), List.of(table), table);
        }
    }

    /**
     * Waits until the pipeline has flushed an offset of its source (every second while batches come in):
     * the file then holds the source partition ({"server": ...}); before, it may exist and be empty.
     */
    private static void awaitOffsetsFlushedDuring(PipelineState running, CompletableFuture<?> traffic) throws Exception {
        Path offsets = running.pipelineFolder().offsets();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!(Files.exists(offsets) && Files.readString(offsets, java.nio.charset.StandardCharsets.ISO_8859_1).contains("\"server\""))) {
            assertThat(Instant.now()).as("offsets flushed within 30 s").isBefore(deadline);
            assertThat(traffic.isDone()).as("the traffic outlasts the first offset flush").isFalse();
            Thread.sleep(50);
        }
    }

    private static String token(PipelineState running) {
        return io.cdccookbook.config.PrivateFiles.secret(running.pipelineFolder().tokenFile());
    }

    private static long sql(PipelineState running, String query) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(running.endpointUrl()
                + "/v0/sql?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token(running)).build(), HttpResponse.BodyHandlers.ofString());
        return com.google.gson.JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("data").get(0)
                .getAsJsonObject().get("n").getAsLong();
    }

}
