package io.cdccookbook.pipeline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cdccookbook.CookbookException;
import io.cdccookbook.config.PrivateFiles;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where one local pipeline keeps its things, one folder per server it captures:
 * {@code <state>/pipelines/<pg|mysql>/<server>/}, where {@code <server>} is the server's identity (host,
 * port and database; {@code embedded_<database>} for the embedded server of this state folder). A pipeline
 * can so never reuse another server's offsets, schema history or replica, and remove-pipeline removes one
 * server's things only. Inside:
 * <ul>
 *   <li>{@code server.json}: which server and tables the folder belongs to, kept until remove-pipeline;</li>
 *   <li>{@code pipeline.json}: the running pipeline's process and endpoint ({@link PipelineState});</li>
 *   <li>{@code lock}: locked by the running pipeline for its whole life; the system drops the lock when the
 *       process dies, so a killed pipeline never counts as running;</li>
 *   <li>{@code offsets.dat}, {@code schema-history.dat}, {@code replica.duckdb}, {@code endpoint.token}.</li>
 * </ul>
 */
public record PipelineFolder(Path dir) {

    /** Which server a folder belongs to (never a password). */
    public record Server(SourceDb kind, DbProvider provider, String host, int port, String user, String database, List<String> tables,
                         String table) {

        public Server(SourceDb kind, DbProvider provider, String host, int port, String user, String database, List<String> tables) {
            this(kind, provider, host, port, user, database, tables, null);
        }

        /** Whether an older cookbook wrote it: it names the one table it captured (the users demo's) as {@code table}. */
        public boolean legacy() {
            return tables == null && table != null;
        }

        /** The captured tables; a folder an older cookbook wrote names one, as {@code table} (null in new ones). */
        @Override
        public List<String> tables() {
            return tables != null ? tables : table != null ? List.of(table) : List.of();
        }

        /** The server's connection settings with {@code password}. */
        public DbSettings db(String password) {
            return new DbSettings(kind, host, port, user, password, database);
        }

        /** How a message names it: "embedded PostgreSQL, database x" or "PostgreSQL at host:port/x". */
        public String describe() {
            DbSettings shown = db("");
            return provider == DbProvider.EMBEDDED
                    ? "the embedded " + kind.displayName() + ", database " + shown.shownDatabase()
                    : kind.displayName() + " at " + shown.address() + "/" + shown.shownDatabase();
        }
    }

    /** Whether two lists name the same tables, in any order: a, b and b, a are one pipeline (one slot). */
    public static boolean sameTables(List<String> a, List<String> b) {
        return new java.util.HashSet<>(a).equals(new java.util.HashSet<>(b)) && a.size() == b.size();
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    /** Pipeline locks this JVM holds: a second channel on a locked file would release the lock when closed. */
    private static final Map<Path, FileLock> HELD = new HashMap<>();

    /** The folder of the pipelines of one kind of source database. */
    public static Path root(Path stateDir, SourceDb kind) {
        return stateDir.resolve("pipelines").resolve(kind.name().toLowerCase(Locale.ROOT));
    }

    /** The folder of the pipeline on this server. */
    public static PipelineFolder of(Path stateDir, DbProvider provider, DbSettings db) {
        return new PipelineFolder(root(stateDir, db.kind()).resolve(key(provider, db)));
    }

    /** A folder name that says which server it is: {@code db.example.com_5432_shop}, {@code embedded_shop}. */
    static String key(DbProvider provider, DbSettings db) {
        if (provider == DbProvider.EMBEDDED) {
            return "embedded_" + db.database();
        }
        String host = db.host().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return (provider == DbProvider.TESTCONTAINERS ? "container_" : "") + host + "_" + db.port() + "_" + db.database();
    }

    /** Every pipeline folder of this kind in the state folder, running or not. */
    public static List<PipelineFolder> all(Path stateDir, SourceDb kind) {
        Path root = root(stateDir, kind);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("server.json"))).sorted().map(PipelineFolder::new).toList();
        } catch (IOException e) {
            throw new CookbookException("Cannot read " + root + ": " + e.getMessage(), null, e);
        }
    }

    /** The pipelines of this kind that run now. */
    public static List<PipelineState> running(Path stateDir, SourceDb kind) {
        return all(stateDir, kind).stream().map(PipelineFolder::runningState).flatMap(Optional::stream).toList();
    }

    public Path offsets() {
        return dir.resolve("offsets.dat");
    }

    public Path replicaFile() {
        return dir.resolve("replica.duckdb");
    }

    public Path tokenFile() {
        return dir.resolve("endpoint.token");
    }

    public boolean exists() {
        return Files.isDirectory(dir);
    }

    /** The server this folder belongs to, if it says. */
    public Optional<Server> server() {
        return readJson(dir.resolve("server.json"), Server.class);
    }

    /** Records which server the folder belongs to (the folder is made, for the user only). */
    void writeServer(Server server) {
        PrivateFiles.write(dir.resolve("server.json"), GSON.toJson(server));
    }

    /** The running pipeline's state, if one runs on this folder now. */
    public Optional<PipelineState> runningState() {
        return isRunning() ? readJson(dir.resolve("pipeline.json"), PipelineState.class) : Optional.empty();
    }

    void writeState(PipelineState state) {
        PrivateFiles.write(dir.resolve("pipeline.json"), GSON.toJson(state));
    }

    void deleteState() {
        try {
            Files.deleteIfExists(dir.resolve("pipeline.json"));
        } catch (IOException e) {
            // a leftover state file without the lock counts as not running
        }
    }

    /** Whether a pipeline holds this folder's lock now (this process's or another's). */
    public boolean isRunning() {
        Path file = dir.resolve("lock");
        synchronized (HELD) {
            if (HELD.containsKey(file)) {
                return true;
            }
            if (!Files.exists(file)) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    return true;
                }
                lock.release();
                return false;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /**
     * Takes the folder for a pipeline: made for the user only, and locked until the returned handle closes.
     * Fails with one line when another pipeline holds it.
     */
    AutoCloseable lock(String what) {
        Path file = PrivateFiles.emptyFile(dir.resolve("lock"));
        synchronized (HELD) {
            try {
                if (!HELD.containsKey(file)) {
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        HELD.put(file, lock);
                        return () -> {
                            synchronized (HELD) {
                                HELD.remove(file);
                                lock.release();
                                channel.close();
                            }
                        };
                    }
                    channel.close();
                }
            } catch (IOException e) {
                throw new CookbookException("Cannot lock " + file + ": " + e.getMessage(), null, e);
            }
        }
        String pid = readJson(dir.resolve("pipeline.json"), PipelineState.class).map(s -> " (pid " + s.pid() + ")").orElse("");
        throw new CookbookException("A local pipeline is already running on " + what + pid + ".",
                "Stop it with Ctrl-C in its terminal, or run remove-pipeline.");
    }

    /** Deletes the folder and everything in it; says whether there was one. */
    boolean delete() {
        if (!Files.exists(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
            return true;
        } catch (IOException e) {
            throw new CookbookException("Could not delete " + dir + ": " + e.getMessage(), "Delete it yourself once nothing uses it.", e);
        }
    }

    private static <T> Optional<T> readJson(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), type));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: as good as none
        }
    }
}
