package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.Shutdown;
import io.cdccookbook.capture.ConnectorDefinition;
import io.cdccookbook.capture.EmbeddedCapture;
import io.cdccookbook.compare.Comparer;
import io.cdccookbook.config.PrivateFiles;
import io.cdccookbook.config.Redactor;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.config.ShownPath;
import io.cdccookbook.endpoint.EndpointClient;
import io.cdccookbook.endpoint.LocalEndpoint;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.replica.LocalReplica;
import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.table.SchemaReader;
import io.cdccookbook.table.TableChecks;
import io.cdccookbook.table.TableSchema;
import io.cdccookbook.source.ReadinessCheck;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The whole pipeline on one machine, each part standing in for a cloud one:
 * <pre>
 *   source database  --Debezium embedded engine-->  local replica (DuckDB)  --HTTP-->  local endpoint
 *   (same as cloud)     (Confluent's CDC connector      (Tinybird's Kafka data source,   (Tinybird's
 *                        and the Kafka topic)            materialized pipe, RMT)          endpoint)
 * </pre>
 * Starting it checks first and creates second: the server's readiness (the checks test-connection prints),
 * the table if it exists, the endpoint's port and the pipeline's folder are all checked before the table,
 * the replica or the replication slot is made; a failure half-way says what it left. Then it creates the
 * table if needed, opens the replica, starts capture, serves the endpoint and writes the state file other
 * commands read. Closing it (or Ctrl-C) stops all of that again; offsets and the replica stay, so a new
 * start resumes.
 */
public final class LocalPipeline implements AutoCloseable {

    private final Settings settings;
    private final RunningDatabase database;
    private final SourceDatabase source;
    private final ConnectorDefinition definition;
    private final PipelineFolder folder;
    private final LocalReplica replica;
    private final LocalEndpoint endpoint;
    private final EmbeddedCapture capture;
    private final String token;
    private final AutoCloseable lock;
    private final SourceWatch watch;
    private final Shutdown.Step onExit;

    private LocalPipeline(Settings settings, RunningDatabase database, SourceDatabase source, ConnectorDefinition definition,
                          PipelineFolder folder, LocalReplica replica, LocalEndpoint endpoint, EmbeddedCapture capture,
                          String token, AutoCloseable lock) {
        this.settings = settings;
        this.database = database;
        this.source = source;
        this.definition = definition;
        this.folder = folder;
        this.replica = replica;
        this.endpoint = endpoint;
        this.capture = capture;
        this.token = token;
        this.lock = lock;
        this.watch = SourceWatch.start(source, capture);
        this.onExit = Shutdown.onExit("stop the local pipeline", this::stopParts);
    }

    /** The endpoint's port unless --port says otherwise: 7181 (Tinybird Local's) for PG, 7182 for MySQL. */
    public static int defaultPort(SourceDb kind) {
        return kind == SourceDb.PG ? 7181 : 7182;
    }

    /**
     * Starts the pipeline on {@code database}, which it then holds (closing the pipeline closes it).
     *
     * @param port the local endpoint's port; 0 picks a free one
     */
    public static LocalPipeline start(Settings settings, RunningDatabase database, int port) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        opened.push(database);
        List<String> made = new ArrayList<>();
        try {
            List<String> tables = settings.tables();
            String usersTable = settings.identifier(Setting.USERS_TABLE_NAME);
            boolean withUsers = tables.contains(usersTable);
            // the users demo's table checks (and creation) are its own; the user's tables must be there to be read
            SourceDatabase source = database.database(withUsers ? usersTable : tables.get(0));
            PipelineFolder folder = PipelineFolder.of(settings.stateDir(), database.provider(), database.settings());
            String server = database.settings().address() + "/" + database.settings().shownDatabase();
            if (folder.isRunning()) {
                throw new CookbookException("A local pipeline is already running on " + server
                        + folder.runningState().map(s -> " (pid " + s.pid() + ", endpoint " + s.endpointUrl() + ")").orElse("") + ".",
                        "Stop it with Ctrl-C in its terminal, or run remove-pipeline.");
            }
            Optional<List<String>> captured = folder.server().map(PipelineFolder.Server::tables).filter(t -> !t.isEmpty());
            if (folder.exists() && captured.isPresent() && !PipelineFolder.sameTables(captured.get(), tables)) {
                // its offsets, slot and replica are those tables': another list would resume from them, or leave them behind
                throw new CookbookException("The local pipeline of " + server + " captures " + String.join(", ", captured.get())
                        + ", not " + String.join(", ", tables) + ".", "Remove it first (remove-pipeline --table "
                        + String.join(" --table ", captured.get()) + "), or name the same tables; nothing was created.");
            }
            List<String> excluded = settings.excludedColumns();
            List<ReadinessCheck> checks = TableChecks.all(database::database, tables, usersTable, excluded);
            List<ReadinessCheck> failed = checks.stream().filter(c -> !c.passed()).toList();
            if (!failed.isEmpty()) {
                throw new CookbookException(failed.get(0).oneLine(), failed.size() == 1 ? "Nothing was created."
                        : "Nothing was created; test-connection lists " + (failed.size() - 1) + " more check(s) that failed.");
            }
            ConnectorDefinition definition = ConnectorDefinition.of(source, tables,
                    settings.get(ConnectorDefinition.nameSetting(database.settings().kind()))).withExcludedColumns(excluded);
            boolean databaseExisted = source.databaseIsThere();
            if (database.settings().kind() == SourceDb.PG && databaseExisted) { // a slot belongs to a database
                ReplicationSlot.requireFree(source, definition.slotName(), server);
                ReplicationSlot.requirePublishes(source, definition.publicationName(), definition.schema(), tables, server);
            }
            LocalEndpoint endpoint = LocalEndpoint.bind(port);
            opened.push(endpoint);
            boolean tableExisted = databaseExisted && source.tableIsThere();
            boolean folderExisted = folder.exists();
            AutoCloseable lock = folder.lock(server);
            opened.push(lock);
            if (!folderExisted) {
                made.add("the pipeline folder " + folder.dir());
            }
            folder.writeServer(new PipelineFolder.Server(database.settings().kind(), database.provider(), database.settings().host(),
                    database.settings().port(), database.settings().user(), database.settings().database(), tables));

            if (withUsers) {
                try {
                    source.createUsersTable();
                } finally {
                    // the database is made before the table: a table that fails still leaves it, and the message says so
                    if (!databaseExisted && isThere(source)) {
                        made.add("database " + database.settings().shownDatabase() + " on " + database.settings().address());
                    }
                }
                if (!tableExisted) {
                    made.add("table " + source.shownTable() + " on " + server);
                }
            }
            List<LocalReplica.Table> replicated = new ArrayList<>();
            for (String table : tables) {
                TableSchema schema = SchemaReader.read(database.database(table), excluded);
                replicated.add(new LocalReplica.Table(schema, ReplicaNames.of(database.settings().kind(), table), definition.topic(table)));
            }
            LocalReplica replica = LocalReplica.open(folder.replicaFile(), replicated);
            opened.push(replica);
            if (database.settings().kind() == SourceDb.PG) {
                made.add("replication slot " + definition.slotName() + " and publication " + definition.publicationName()
                        + " (if Debezium got to make them)");
            }
            EmbeddedCapture capture = EmbeddedCapture.start(definition, folder.dir(), replica::apply, Duration.ofMinutes(2));
            opened.push(capture);
            String token = PrivateFiles.secret(folder.tokenFile());
            // a replica whose capture died answers so, instead of looking like one that lags (a hostile run of issue 12)
            endpoint.serve(replica, token, () -> failureOf(capture).map(CookbookException::oneLine));
            LocalPipeline pipeline = new LocalPipeline(settings, database, source, definition, folder, replica, endpoint, capture,
                    token, lock);
            folder.writeState(pipeline.state());
            return pipeline;
        } catch (RuntimeException e) {
            while (!opened.isEmpty()) {
                closeQuietly(opened.pop());
            }
            if (made.isEmpty() || !(e instanceof CookbookException ce)) {
                throw e;
            }
            throw new CookbookException(ce.getMessage(), (ce.hint() == null ? "" : ce.hint() + " ") + "create-pipeline stopped half-way and left "
                    + made.stream().collect(Collectors.joining(", ")) + "; remove-pipeline removes them.", e);
        }
    }

    private PipelineState state() {
        var db = database.settings();
        return new PipelineState(ProcessHandle.current().pid(), db.kind(), database.provider(), db.host(), db.port(),
                db.user(), db.database(), definition.tables(), definition.excludedColumns(), endpoint.baseUrl(),
                replica.tables().stream().map(t -> t.names().endpoint()).toList(), folder.dir().toString());
    }

    public RunningDatabase database() {
        return database;
    }

    public SourceDatabase source() {
        return source;
    }

    public ConnectorDefinition definition() {
        return definition;
    }

    public LocalReplica replica() {
        return replica;
    }

    public EmbeddedCapture capture() {
        return capture;
    }

    public PipelineFolder folder() {
        return folder;
    }

    /** A client of the first table's endpoint with the pipeline's token, as compare-tables and the notebooks use it. */
    public EndpointClient endpoint() {
        return endpoint(definition.tables().get(0));
    }

    /** A client of {@code table}'s endpoint. */
    public EndpointClient endpoint(String table) {
        return new EndpointClient(endpoint.baseUrl(), ReplicaNames.of(definition.kind(), table).endpoint(), token);
    }

    /** The token the endpoint wants (Authorization: Bearer), for clients of its own; never print it. */
    public String endpointToken() {
        return token;
    }

    /** Each table's endpoint URL, in the order the tables were named. */
    public List<String> endpointUrls() {
        return replica.tables().stream().map(endpoint::pipeUrl).toList();
    }

    /** The first table's endpoint URL. */
    public String endpointUrl() {
        return endpoint.pipeUrl(replica.tables().get(0));
    }

    /** The comparer of the table named first. */
    public Comparer comparer() {
        return comparers().get(0);
    }

    /** A comparer per captured table, in the order they were named. */
    public List<Comparer> comparers() {
        return replica.tables().stream().map(t -> new Comparer(database.database(t.schema().name()), endpoint(t.schema().name()),
                t.schema())).toList();
    }

    /**
     * Says where the endpoint is, its token's file and what to try in another terminal, then serves until
     * stopped (see {@link #serveUntilStopped()}).
     */
    public void serve(Consumer<String> say) throws Exception {
        String kind = source.settings().kind().name();
        String tokenFile = ShownPath.of(folder.tokenFile());
        for (LocalReplica.Table table : replica.tables().subList(1, replica.tables().size())) {
            say.accept("Serving " + endpoint.pipeUrl(table) + " (table " + table.schema().name() + ").");
        }
        say.accept("Serving " + endpointUrl() + " until Ctrl-C. Its token is in " + tokenFile + ". In another terminal:");
        // the tables, unless the pipeline is the users demo's alone: without them, generate-events would make that table
        List<String> tables = definition.tables();
        String named = tables.equals(List.of(settings.identifier(Setting.USERS_TABLE_NAME))) ? ""
                : " --table " + String.join(" --table ", tables);
        say.accept("  ./jbang generate-events --source-db " + kind + named + " -n 100");
        say.accept("  ./jbang compare-tables --source-db " + kind + named);
        // shown as it is: the masking would take "Bearer $(cat" for a token
        say.accept(Redactor.shown("  curl -H \"Authorization: Bearer $(cat " + tokenFile + ")\" ") + endpointUrl());
        serveUntilStopped();
    }

    /**
     * Serves until the capture stops: Ctrl-C or SIGTERM (the shutdown sequence closes the pipeline), or a
     * failure, which is thrown.
     */
    public void serveUntilStopped() throws Exception {
        try {
            capture.finished().get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Why the capture stopped, if it failed (storing a batch, Debezium): what a wait that ran out should report. */
    public java.util.Optional<CookbookException> captureFailure() {
        return failureOf(capture);
    }

    private static java.util.Optional<CookbookException> failureOf(EmbeddedCapture capture) {
        if (!capture.finished().isCompletedExceptionally()) {
            return java.util.Optional.empty();
        }
        try {
            capture.finished().join();
            return java.util.Optional.empty();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return java.util.Optional.of(e.getCause() instanceof CookbookException c ? c
                    : new CookbookException("The capture stopped: " + (e.getCause() == null ? e : e.getCause()).getMessage(), null, e));
        }
    }

    /** Stops capture (flushing offsets), the endpoint, the replica and its hold on the database; removes the state file. */
    @Override
    public void close() {
        onExit.close();
    }

    private void stopParts() {
        folder.deleteState();
        for (AutoCloseable part : new AutoCloseable[]{watch, capture, endpoint, replica, lock, database}) {
            closeQuietly(part);
        }
    }

    /** Whether the database is there now; a server that cannot say must not hide the failure being reported. */
    private static boolean isThere(SourceDatabase source) {
        try {
            return source.databaseIsThere();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(LocalPipeline.class).warn("Closing {} failed: {}", c, e.toString());
        }
    }
}
