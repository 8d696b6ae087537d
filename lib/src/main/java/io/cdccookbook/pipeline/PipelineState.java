package io.cdccookbook.pipeline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cdccookbook.CookbookException;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What a running local pipeline tells other commands, in {@code <state>/pipelines/<pg|mysql>/pipeline.json}:
 * its process, its database (without the password) and its endpoint. generate-events, compare-tables
 * and remove-pipeline read it to work on the same database and replica.
 *
 * @param pid         the pipeline's process
 * @param sourceDb    PG or MYSQL
 * @param provider    where its database came from
 * @param host        database host
 * @param port        database port
 * @param user        database user
 * @param database    database name
 * @param table       captured table
 * @param endpointUrl base URL of the local endpoint, e.g. http://127.0.0.1:7181
 * @param pipe        name of the endpoint pipe
 */
public record PipelineState(long pid, SourceDb sourceDb, DbProvider provider, String host, int port, String user,
                            String database, String table, String endpointUrl, String pipe) {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** The folder of the local pipeline for one source database: replica, offsets, state file. */
    public static Path dir(Path stateDir, SourceDb kind) {
        return stateDir.resolve("pipelines").resolve(kind.name().toLowerCase(Locale.ROOT));
    }

    public static Path file(Path stateDir, SourceDb kind) {
        return dir(stateDir, kind).resolve("pipeline.json");
    }

    public void write(Path stateDir) {
        try {
            Path file = file(stateDir, sourceDb);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("pipeline.json.tmp");
            Files.writeString(tmp, GSON.toJson(this), StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CookbookException("Cannot write the pipeline's state file: " + e.getMessage(), null, e);
        }
    }

    /** The state file, if there is one, whether or not its pipeline still runs. */
    public static Optional<PipelineState> read(Path stateDir, SourceDb kind) {
        Path file = file(stateDir, kind);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), PipelineState.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: as good as none
        }
    }

    /** The pipeline that runs now for this source database, if any. */
    public static Optional<PipelineState> running(Path stateDir, SourceDb kind) {
        return read(stateDir, kind).filter(PipelineState::isAlive);
    }

    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public static void delete(Path stateDir, SourceDb kind) {
        try {
            Files.deleteIfExists(file(stateDir, kind));
        } catch (IOException e) {
            // a state file that cannot go is reported by the next command that reads it
        }
    }

    /** The pipeline's database, with {@code password} (state files never hold one). */
    public DbSettings db(String password) {
        return new DbSettings(sourceDb, host, port, user, password, database);
    }
}
