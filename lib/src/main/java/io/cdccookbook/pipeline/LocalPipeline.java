package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.capture.ConnectorDefinition;
import io.cdccookbook.capture.EmbeddedCapture;
import io.cdccookbook.compare.Comparer;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.endpoint.EndpointClient;
import io.cdccookbook.endpoint.LocalEndpoint;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.replica.LocalReplica;
import io.cdccookbook.replica.ReplicaNames;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The whole pipeline on one machine, each part standing in for a cloud one:
 * <pre>
 *   source database  --Debezium embedded engine-->  local replica (DuckDB)  --HTTP-->  local endpoint
 *   (same as cloud)     (Confluent's CDC connector      (Tinybird's Kafka data source,   (Tinybird's
 *                        and the Kafka topic)            materialized pipe, RMT)          endpoint)
 * </pre>
 * Starting it creates the table if needed, opens the replica, serves the endpoint, starts capture and
 * writes the state file other commands read. Closing it stops all of that again; offsets and the
 * replica stay, so a new start resumes.
 */
public final class LocalPipeline implements AutoCloseable {

    private final Settings settings;
    private final RunningDatabase database;
    private final SourceDatabase source;
    private final ConnectorDefinition definition;
    private final LocalReplica replica;
    private final LocalEndpoint endpoint;
    private final EmbeddedCapture capture;

    private LocalPipeline(Settings settings, RunningDatabase database, SourceDatabase source, ConnectorDefinition definition,
                          LocalReplica replica, LocalEndpoint endpoint, EmbeddedCapture capture) {
        this.settings = settings;
        this.database = database;
        this.source = source;
        this.definition = definition;
        this.replica = replica;
        this.endpoint = endpoint;
        this.capture = capture;
    }

    /** The endpoint's port unless --port says otherwise: 7181 (Tinybird Local's) for PG, 7182 for MySQL. */
    public static int defaultPort(SourceDb kind) {
        return kind == SourceDb.PG ? 7181 : 7182;
    }

    /**
     * Starts the pipeline on {@code database}, which it then owns (closing the pipeline closes it).
     *
     * @param port the local endpoint's port; 0 picks a free one
     */
    public static LocalPipeline start(Settings settings, RunningDatabase database, int port) {
        SourceDb kind = database.settings().kind();
        Path stateDir = settings.stateDir();
        PipelineState.running(stateDir, kind).ifPresent(other -> {
            throw new CookbookException("A local " + kind.displayName() + " pipeline is already running (pid " + other.pid()
                    + ", endpoint " + other.endpointUrl() + ").", "Stop it with Ctrl-C in its terminal, or run remove-pipeline.");
        });
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        opened.push(database);
        try {
            SourceDatabase source = database.database(settings.identifier(Setting.USERS_TABLE_NAME));
            source.createUsersTable();
            ConnectorDefinition definition = ConnectorDefinition.of(source, settings.get(kind.connectorName));
            Path dir = PipelineState.dir(stateDir, kind);
            LocalReplica replica = LocalReplica.open(dir.resolve("replica.duckdb"), ReplicaNames.of(kind, source.table()));
            opened.push(replica);
            LocalEndpoint endpoint = LocalEndpoint.start(replica, port);
            opened.push(endpoint);
            EmbeddedCapture capture = EmbeddedCapture.start(definition, dir, replica::apply, Duration.ofMinutes(2));
            opened.push(capture);
            LocalPipeline pipeline = new LocalPipeline(settings, database, source, definition, replica, endpoint, capture);
            pipeline.state().write(stateDir);
            return pipeline;
        } catch (RuntimeException e) {
            while (!opened.isEmpty()) {
                closeQuietly(opened.pop());
            }
            throw e;
        }
    }

    private PipelineState state() {
        var db = database.settings();
        return new PipelineState(ProcessHandle.current().pid(), db.kind(), database.provider(), db.host(), db.port(),
                db.user(), db.database(), source.table(), endpoint.baseUrl(), replica.names().endpoint());
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

    /** A client of the local endpoint, as compare-tables and the notebooks use it. */
    public EndpointClient endpoint() {
        return new EndpointClient(endpoint.baseUrl(), replica.names().endpoint(), null);
    }

    public String endpointUrl() {
        return endpoint.pipeUrl();
    }

    public Comparer comparer() {
        return new Comparer(source, endpoint());
    }

    /** Stops capture (flushing offsets), the endpoint and the replica, in that order; removes the state file. */
    @Override
    public void close() {
        PipelineState.read(settings.stateDir(), database.settings().kind())
                .filter(s -> s.pid() == ProcessHandle.current().pid())
                .ifPresent(s -> PipelineState.delete(settings.stateDir(), s.sourceDb()));
        closeQuietly(capture);
        closeQuietly(endpoint);
        closeQuietly(replica);
        closeQuietly(database);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(LocalPipeline.class).warn("Closing {} failed: {}", c, e.toString());
        }
    }
}
