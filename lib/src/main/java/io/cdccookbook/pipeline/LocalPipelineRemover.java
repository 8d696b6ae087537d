package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.capture.ConnectorDefinition;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Takes a local pipeline apart: stops it if it runs, drops PostgreSQL's replication slot and publication
 * (else the server keeps WAL for them forever), drops the table and deletes the replica, offsets and state.
 * Every step is skipped when there is nothing to do, so it is safe to run twice or after a half-made pipeline.
 */
public final class LocalPipelineRemover {

    private final Settings settings;
    private final SourceDb kind;
    private final Consumer<String> report;

    public LocalPipelineRemover(Settings settings, SourceDb kind, Consumer<String> report) {
        this.settings = settings;
        this.kind = kind;
        this.report = report;
    }

    /**
     * @param database opens the database when the state file does not name a running one; gets the
     *                 state file's pipeline, if there is one
     */
    public void remove(Function<Optional<PipelineState>, RunningDatabase> database) {
        Optional<PipelineState> state = PipelineState.read(settings.stateDir(), kind);
        state.filter(PipelineState::isAlive).ifPresent(this::stop);

        boolean containerGone = state.map(s -> s.provider() == io.cdccookbook.provision.DbProvider.TESTCONTAINERS).orElse(false);
        if (containerGone) {
            report.accept("The pipeline's database was a container, gone with the pipeline: nothing to drop there.");
        } else {
            try (RunningDatabase db = database.apply(state)) {
                SourceDatabase source = db.database(state.map(PipelineState::table)
                        .orElseGet(() -> settings.identifier(Setting.USERS_TABLE_NAME)));
                if (kind == SourceDb.PG) {
                    ConnectorDefinition def = new ConnectorDefinition(source.settings(), source.table(), "",
                            ConnectorDefinition.Flavor.POSTGRES);
                    ReplicationSlot.drop(source, def.slotName(), def.publicationName(), report);
                }
                report.accept(source.dropUsersTable() ? "Dropped table " + source.table() + "."
                        : "Table " + source.table() + " was not there.");
            }
        }
        deleteFolder(PipelineState.dir(settings.stateDir(), kind));
    }

    private void stop(PipelineState running) {
        ProcessHandle.of(running.pid()).ifPresent(process -> {
            report.accept("Stopping the running pipeline (pid " + running.pid() + ")...");
            process.destroy(); // SIGTERM: its shutdown hook stops capture and flushes offsets
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    private void deleteFolder(Path dir) {
        if (!Files.exists(dir)) {
            report.accept("No local replica or offsets to delete.");
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
            report.accept("Deleted the local replica, offsets and state in " + dir + ".");
        } catch (IOException e) {
            throw new CookbookException("Could not delete " + dir + ": " + e.getMessage(),
                    "Delete it yourself once nothing uses it.", e);
        }
    }
}
