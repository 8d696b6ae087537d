package io.cdccookbook.pipeline;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import io.cdccookbook.compare.Comparer;
import io.cdccookbook.compare.Comparison;
import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.config.Settings;
import io.cdccookbook.endpoint.EndpointClient;
import io.cdccookbook.events.DeleteMode;
import io.cdccookbook.events.Generator;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.events.TableEventGenerator;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.table.SchemaReader;
import io.cdccookbook.table.TableSchema;
import io.cdccookbook.testing.EmbeddedClickHouse;
import io.cdccookbook.testing.TestDatabases;
import io.cdccookbook.tinybird.Column;
import io.cdccookbook.tinybird.Datafile;
import io.cdccookbook.tinybird.DatafileGenerator;
import io.cdccookbook.tinybird.DatafileParser;
import io.cdccookbook.tinybird.Node;
import io.cdccookbook.tinybird.TinybirdProject;
import io.cdccookbook.tinybird.DatafileKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Tinybird side on the real engine: the datafiles generated for the type round trip's table (a column of
 * every type the cookbook maps) become ClickHouse tables and a materialized view, get every change event
 * Debezium wrote for the local pipeline, and the endpoint's query over them must equal the source.
 * What it proves: the ClickHouse types of the data sources, the materialized pipe's conversions and its WHERE
 * guard, ReplacingMergeTree with its version and is_deleted columns, and FINAL. What it cannot: Tinybird's
 * Kafka ingestion, whose {@code json:$.column} paths are stood in for by ClickHouse's JSONEachRow (the
 * flattened events' keys are the columns' names), and the HTTP layer of Tinybird's API.
 */
class ClickHouseReplicaTest {

    /** The columns Tinybird adds to every Kafka data source. */
    private static final String KAFKA_COLUMNS = "`__value` String, `__topic` LowCardinality(String), `__partition` Int16,"
            + " `__offset` Int64, `__timestamp` DateTime, `__key` String";

    @TempDir
    Path state;

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void theGeneratedDatafilesRunOnClickHouseAndItsReplicaOfEveryTypeEqualsTheSource(TestDatabases.Target t) throws Exception {
        EmbeddedClickHouse clickHouse = EmbeddedClickHouse.require();
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase db = server.database(TypeRoundTripTest.TABLE);
        TestDatabases.execute(db, TypeRoundTripTest.ddl(t.kind()).toArray(String[]::new));
        TableSchema schema = SchemaReader.read(db);
        Settings settings = Settings.of(Map.of("CDC_STATE_DIR", state.toString(), "CDC_TABLES", TypeRoundTripTest.TABLE,
                t.kind().database.name(), TestDatabases.TEST_DATABASE));
        new TableEventGenerator(db, schema, GeneratorOptions.defaults(60).withSeed(11).withEdgeValues(0.3).withBatch(10)).run();
        PipelineFolder folder = PipelineFolder.of(state, server.provider(), server.settings());
        try {
            String topic = runLocally(t, settings, GeneratorOptions.defaults(120).withSeed(12).withEdgeValues(0.2).withBatch(5),
                    GeneratorOptions.defaults(40).withSeed(13).withEdgeValues(1.0));
            ReplicaNames names = ReplicaNames.of(t.kind(), TypeRoundTripTest.TABLE);
            assertIdenticalOnClickHouse(clickHouse, DatafileGenerator.generate(schema, names, topic, "confluent"), names,
                    changeEvents(folder.replicaFile(), names.raw()), db, schema);
        } finally { // a failed run leaves no slot or publication for the next one to trip over
            remove(folder, t, settings);
            TestDatabases.execute(db, "DROP TABLE IF EXISTS " + TypeRoundTripTest.TABLE);
        }
    }

    /** The users demo's files as they are committed in tinybird/ (what create-pipeline deploys), on its own traffic. */
    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void theUsersDemosCommittedDatafilesRunOnClickHouseAndItsReplicaEqualsTheSource(TestDatabases.Target t) throws Exception {
        EmbeddedClickHouse clickHouse = EmbeddedClickHouse.require();
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase users = server.database("users");
        users.dropUsersTable();
        Settings settings = Settings.of(Map.of("CDC_STATE_DIR", state.toString(), t.kind().database.name(), TestDatabases.TEST_DATABASE));
        PipelineFolder folder = PipelineFolder.of(state, server.provider(), server.settings());
        try {
            runLocally(t, settings, GeneratorOptions.defaults(300).withSeed(21).withBatch(5),
                    GeneratorOptions.defaults(200).withSeed(22).withDeleteMode(DeleteMode.HARD));
            ReplicaNames names = ReplicaNames.of(t.kind(), "users");
            List<Datafile> files = new ArrayList<>();
            for (String path : TinybirdProject.paths(t.kind(), names)) {
                files.add(DatafileParser.parse(Path.of(path).getFileName().toString(),
                        Files.readString(Path.of("..", "tinybird").resolve(path))));
            }
            assertIdenticalOnClickHouse(clickHouse, files, names, changeEvents(folder.replicaFile(), names.raw()), users,
                    SchemaReader.read(users));
        } finally {
            remove(folder, t, settings);
        }
    }

    /** Runs the local pipeline through {@code runs}, each ending identical, and stops it; returns the first table's topic. */
    private static String runLocally(TestDatabases.Target t, Settings settings, GeneratorOptions... runs) throws Exception {
        try (LocalPipeline pipeline = LocalPipeline.start(settings, TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0)) {
            for (GeneratorOptions run : runs) {
                Comparer comparer = pipeline.comparer();
                PropagationRun result = PropagationRun.run(comparer, Generator.of(comparer.source(), comparer.rows().table(), "users", run),
                        Duration.ofMillis(200), Duration.ofMinutes(2), c -> { });
                assertThat(result.outcome().identical()).as("the local replica first: " + result.outcome().comparison().examples()
                        + pipeline.captureFailure().map(e -> "; the capture failed: " + e.getMessage()).orElse("")).isTrue();
            }
            return pipeline.definition().topics().get(0);
        }
    }

    private static void remove(PipelineFolder folder, TestDatabases.Target t, Settings settings) {
        new LocalPipelineRemover(line -> { }).remove(Optional.of(folder), Optional.of(TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE)),
                settings.tables(), "users");
    }

    /**
     * Makes the data sources and the materialized view of {@code files} in a fresh ClickHouse, inserts
     * {@code events} into the raw data source, serves the endpoint pipe's answer as Tinybird's API would and
     * compares it with the source table.
     */
    private static void assertIdenticalOnClickHouse(EmbeddedClickHouse clickHouse, List<Datafile> files, ReplicaNames names,
                                                    List<String> events, SourceDatabase db, TableSchema schema) throws Exception {
        assertThat(events).as("the snapshot's and the streamed events").hasSizeGreaterThan(100);
        List<String> statements = new ArrayList<>();
        Datafile endpoint = null;
        for (Datafile file : files) {
            if (file.kind() == DatafileKind.DATASOURCE) {
                statements.add(createTable(file, file.name().equals(names.raw())));
            } else if ("materialized".equals(nodeOf(file).settings().get("TYPE"))) {
                statements.add("CREATE MATERIALIZED VIEW `" + file.name() + "` TO `" + nodeOf(file).settings().get("DATASOURCE")
                        + "` AS " + nodeOf(file).sql());
            } else {
                endpoint = file;
            }
        }
        assertThat(endpoint).as("an endpoint pipe among " + files.stream().map(Datafile::fileName).toList()).isNotNull();
        statements.add("INSERT INTO `" + names.raw() + "` FORMAT JSONEachRow\n" + String.join("\n", events));
        statements.add(nodeOf(endpoint).sql());
        String answer = clickHouse.run(statements);

        HttpServer tinybird = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        tinybird.createContext("/v0/pipes/" + endpoint.name() + ".json", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        tinybird.start();
        try {
            String url = "http://127.0.0.1:" + tinybird.getAddress().getPort();
            Comparison comparison = new Comparer(db, new EndpointClient(url, endpoint.name(), null), schema).compare();
            assertThat(comparison.identical()).as("ClickHouse's replica: " + comparison.examples()).isTrue();
            assertThat(comparison.sourceRows()).isPositive();
        } finally {
            tinybird.stop(0);
        }
    }

    /** Every event the local pipeline received, in offset order, as Tinybird's Kafka data source would get it. */
    private static List<String> changeEvents(Path replica, String raw) throws Exception {
        List<String> events = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + replica);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT __value, __topic, __offset, strftime(__timestamp, '%Y-%m-%d %H:%M:%S'), __key FROM "
                     + raw + " ORDER BY __offset")) {
            while (rs.next()) {
                JsonObject row = JsonParser.parseString(rs.getString(1)).getAsJsonObject();
                row.addProperty("__value", rs.getString(1));
                row.addProperty("__topic", rs.getString(2));
                row.addProperty("__partition", 0);
                row.addProperty("__offset", rs.getLong(3));
                row.addProperty("__timestamp", rs.getString(4));
                row.addProperty("__key", rs.getString(5));
                events.add(row.toString());
            }
        }
        return events;
    }

    private static String createTable(Datafile file, boolean kafka) {
        String columns = file.schema().stream().map(ClickHouseReplicaTest::column).collect(Collectors.joining(", "));
        String engine = unquoted(file.setting("ENGINE"));
        List<String> engineArgs = new ArrayList<>();
        Optional.ofNullable(file.setting("ENGINE_VER")).map(ClickHouseReplicaTest::unquoted).ifPresent(engineArgs::add);
        Optional.ofNullable(file.setting("ENGINE_IS_DELETED")).map(ClickHouseReplicaTest::unquoted).ifPresent(engineArgs::add);
        String partition = file.setting("ENGINE_PARTITION_KEY") == null ? "" : " PARTITION BY " + unquoted(file.setting("ENGINE_PARTITION_KEY"));
        String sorting = file.setting("ENGINE_SORTING_KEY") == null ? "tuple()" : "(" + unquoted(file.setting("ENGINE_SORTING_KEY")) + ")";
        return "CREATE TABLE `" + file.name() + "` (" + columns + (kafka ? ", " + KAFKA_COLUMNS : "") + ") ENGINE = " + engine
                + "(" + String.join(", ", engineArgs) + ")" + partition + " ORDER BY " + sorting;
    }

    private static String column(Column c) {
        return "`" + c.name() + "` " + c.type();
    }

    private static String unquoted(String setting) {
        return setting.startsWith("\"") && setting.endsWith("\"") ? setting.substring(1, setting.length() - 1) : setting;
    }

    /** The pipe's one node (the generated pipes have one), whose settings say TYPE and, materialized, DATASOURCE. */
    private static Node nodeOf(Datafile pipe) {
        assertThat(pipe.nodes()).as(pipe.fileName()).hasSize(1);
        return pipe.nodes().get(0);
    }
}
