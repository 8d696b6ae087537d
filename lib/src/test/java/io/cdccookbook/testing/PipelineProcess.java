package io.cdccookbook.testing;

import io.cdccookbook.config.PrivateFiles;
import io.cdccookbook.pipeline.PipelineFolder;
import io.cdccookbook.pipeline.PipelineState;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * create-pipeline in a JVM of its own, serving until it is stopped, as a user runs it in a first terminal:
 * pointed at a test's server as a configured one, with its state (and log) in a folder of the test's.
 */
public final class PipelineProcess {

    private final Process process;
    private final SourceDb kind;
    private final Path state;
    private final Path log;

    private PipelineProcess(Process process, SourceDb kind, Path state, Path log) {
        this.process = process;
        this.kind = kind;
        this.state = state;
        this.log = log;
    }

    /** Starts it; the log goes to {@code <state>/pipeline.log}, appended to across starts. */
    public static PipelineProcess start(SourceDb kind, DbSettings db, String table, Path state, Path config) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "CreatePipeline",
                "--config", config.toString(), "--source-db", kind.name(), "--port", "0", "-n", "0",
                "--set", "CDC_STATE_DIR=" + state, "--set", "USERS_TABLE_NAME=" + table,
                "--set", kind.host.name() + "=" + db.host(), "--set", kind.port.name() + "=" + db.port(),
                "--set", kind.user.name() + "=" + db.user(), "--set", kind.database.name() + "=" + db.database()));
        Path log = state.resolve("pipeline.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put(kind.password.name(), db.password()); // not on the command line, where ps shows it
        Process p = builder.start();
        return new PipelineProcess(p, kind, state, log);
    }

    public Process process() {
        return process;
    }

    /** Waits until it has written its state file and its endpoint answers. */
    public PipelineState awaitRunning() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("pipeline process alive; its log: " + log()).isTrue();
            var running = PipelineFolder.running(state, kind).stream().filter(s -> s.pid() == process.pid()).findFirst();
            if (running.isPresent()) {
                String token = PrivateFiles.secret(running.get().pipelineFolder().tokenFile());
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(running.get().endpointUrl() + "/v0/health"))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return running.get();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the pipeline did not come up; its log: " + log());
    }

    /** What it printed so far (also handed to the suite's secrets check). */
    public String log() {
        try {
            String text = Files.readString(log);
            OutputRecorder.record("pipeline process", text);
            return text;
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
