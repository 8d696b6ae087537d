package io.cdccookbook.pipeline;

import io.cdccookbook.compare.Comparer;
import io.cdccookbook.config.PrivateFiles;
import io.cdccookbook.table.SchemaReader;
import io.cdccookbook.endpoint.EndpointClient;
import io.cdccookbook.provision.RunningDatabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The local target's pipeline as the commands see it: the one {@link LocalPipeline} runs, here or in another process. */
final class LocalTarget implements Pipeline {

    private final ServerChoice server;
    private final Consumer<String> report;
    private final Consumer<String> notices;
    /** Read once, so that the database and the endpoint compared are the same pipeline's. */
    private PipelineState running;

    LocalTarget(ServerChoice server, Consumer<String> report, Consumer<String> notices) {
        this.server = server;
        this.report = report;
        this.notices = notices;
    }

    @Override
    public RunningDatabase serverToCheck() {
        return server.database();
    }

    @Override
    public List<Checks> targetChecks() {
        return List.of();
    }

    @Override
    public RunningDatabase pipelineDatabase() {
        return server.ofPipeline(running());
    }

    @Override
    public List<Comparer> comparers(RunningDatabase db) {
        PipelineState state = running();
        String token = PrivateFiles.secret(state.pipelineFolder().tokenFile());
        return server.tablesToCompare(state).stream()
                .map(t -> new Comparer(db.database(t), new EndpointClient(state.endpointUrl(), state.pipe(t), token),
                        SchemaReader.read(db.database(t), state.excludedColumns()))).toList();
    }

    @Override
    public Duration defaultPollInterval() {
        return Duration.ofMillis(100);
    }

    /** Stops a running pipeline, drops the slot, publication and table, deletes the replica and state. */
    @Override
    public String remove(boolean includeConnection, boolean tinybirdOnly) {
        ServerChoice.Removal removal = server.removal(notices);
        removal.database().ifPresent(d -> notices.accept(d.description()));
        List<String> kept = new ArrayList<>(removal.kept());
        kept.addAll(new LocalPipelineRemover(report).remove(removal.folder(), removal.database(), removal.tables(),
                removal.usersTable()));
        // left on purpose is not a failure: everything the cookbook made is gone, and the verdict says what stayed
        return "Local " + server.kind().displayName() + " pipeline removed" + (kept.isEmpty() ? "."
                : "; left on purpose: " + String.join(", ", kept) + ".");
    }

    private PipelineState running() {
        if (running == null) {
            running = server.runningPipeline();
        }
        return running;
    }
}
