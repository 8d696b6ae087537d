package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.table.ReplicaNames;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Tinybird side of one pipeline: the raw Kafka data source, the ReplacingMergeTree replica, the
 * materialized pipe between them, the endpoint pipe, and the Forward Kafka connection they share with
 * the other source database's pipeline. Files are read for the users table ({@link #load}); another
 * table, the topic, the consumer group and the connection are set through the model ({@link #forTable},
 * {@link #consuming}).
 */
public final class TinybirdProject {

    /** The table the files in tinybird/ are written for. */
    public static final String FILES_TABLE = "users";
    /** The connection's file in tinybird/; {@link #consuming} renames it to the configured connection. */
    static final String CONNECTION_PATH = "connections/confluent.connection";

    /** The connection's setting for the Schema Registry, and the workspace secret it reads. */
    static final String SCHEMA_REGISTRY = "KAFKA_SCHEMA_REGISTRY_URL";
    static final String SCHEMA_REGISTRY_SECRET = "CDC_KAFKA_SCHEMA_REGISTRY_URL";

    private static final Pattern TB_SECRET = Pattern.compile("tb_secret\\(\\s*[\"']([^\"']+)[\"']");

    private final SourceDb db;
    private final ReplicaNames names;
    private final Datafile raw;
    private final Datafile latest;
    private final Datafile materialization;
    private final Datafile endpoint;
    private final Datafile connection;

    private TinybirdProject(SourceDb db, ReplicaNames names, Datafile raw, Datafile latest, Datafile materialization,
                            Datafile endpoint, Datafile connection) {
        this.db = db;
        this.names = names;
        this.raw = raw;
        this.latest = latest;
        this.materialization = materialization;
        this.endpoint = endpoint;
        this.connection = connection;
    }

    /** Reads the files of {@code db}'s pipeline for the users table. */
    public static TinybirdProject load(DatafileSource source, SourceDb db) {
        return load(source::read, source, db, FILES_TABLE);
    }

    /**
     * Reads the files of {@code table}'s pipeline: its raw, latest, materialization and endpoint files from
     * {@code tableFiles} (path in tinybird/'s layout to text), the shared connection from {@code source}.
     */
    public static TinybirdProject load(Function<String, String> tableFiles, DatafileSource source, SourceDb db, String table) {
        ReplicaNames names = ReplicaNames.of(db, table);
        List<Datafile> files = paths(db, names).stream().map(path -> DatafileParser.parse(path, tableFiles.apply(path))).toList();
        TinybirdProject project = new TinybirdProject(db, names, files.get(0), files.get(1), files.get(2), files.get(3),
                DatafileParser.parse(CONNECTION_PATH, source.read(CONNECTION_PATH)));
        project.check();
        return project;
    }

    /** The files {@link #load} reads for {@code db}: raw, latest, materialization, endpoint, connection. */
    static List<String> paths(SourceDb db) {
        List<String> paths = new java.util.ArrayList<>(paths(db, ReplicaNames.of(db, FILES_TABLE)));
        paths.add(CONNECTION_PATH);
        return paths;
    }

    /** Where a table's raw, latest, materialization and endpoint files live in tinybird/. */
    public static List<String> paths(SourceDb db, ReplicaNames names) {
        String folder = folder(db);
        return List.of(folder + "/datasources/" + names.raw() + ".datasource",
                folder + "/datasources/" + names.latest() + ".datasource",
                folder + "/materializations/" + names.materialization() + ".pipe",
                folder + "/endpoints/" + names.endpoint() + ".pipe");
    }

    /** The links between the files that the deployers rely on; a broken edit fails here, not half-deployed. */
    private void check() {
        require(materialization.nodes().stream().anyMatch(n -> latest.name().equals(n.datasource())),
                materialization, "has no node with DATASOURCE " + latest.name());
        require(endpoint.tokens().stream().anyMatch(t -> t.name().equals(names.readToken()) && t.scope().equals("READ")),
                endpoint, "has no line TOKEN " + names.readToken() + " READ");
        require(raw.setting("KAFKA_TOPIC") != null && raw.setting("KAFKA_CONNECTION_NAME") != null,
                raw, "has no KAFKA_TOPIC or KAFKA_CONNECTION_NAME");
    }

    private static void require(boolean ok, Datafile file, String problem) {
        if (!ok) {
            throw new CookbookException(file.fileName() + " " + problem + ".",
                    "Compare it with the same file in the cookbook's tinybird/ folder.");
        }
    }

    /**
     * The same project for another table: every resource, node and token named after
     * {@code ReplicaNames.of(db, table)}, and the SQL reading the renamed data sources.
     */
    public TinybirdProject forTable(String table) {
        ReplicaNames to = ReplicaNames.of(db, table);
        if (to.equals(names)) {
            return this;
        }
        Map<String, String> renames = new LinkedHashMap<>();
        renames.put(names.raw(), to.raw());
        renames.put(names.latest(), to.latest());
        renames.put(names.materialization(), to.materialization());
        renames.put(names.endpoint(), to.endpoint());
        renames.put(names.readToken(), to.readToken());
        for (Datafile pipe : List.of(materialization, endpoint)) {
            for (Node node : pipe.nodes()) {
                if (node.name().startsWith(names.prefix() + "_")) {
                    renames.put(node.name(), to.prefix() + node.name().substring(names.prefix().length()));
                }
            }
        }
        return new TinybirdProject(db, to, raw.renamed(renames), latest.renamed(renames),
                materialization.renamed(renames), endpoint.renamed(renames), connection);
    }

    /** The same project reading {@code kafka}'s topic as its group, through its connection. */
    public TinybirdProject consuming(KafkaSettings kafka) {
        Datafile newRaw = raw.withSetting("KAFKA_CONNECTION_NAME", kafka.connectionName())
                .withSetting("KAFKA_TOPIC", kafka.topic())
                .withSetting("KAFKA_GROUP_ID", kafka.groupId())
                .withSetting("KAFKA_AUTO_OFFSET_RESET", kafka.offsetReset());
        return new TinybirdProject(db, names, newRaw, latest, materialization, endpoint,
                connection.withName(kafka.connectionName()));
    }

    /**
     * The same project with the connection reaching the Schema Registry: KAFKA_SCHEMA_REGISTRY_URL, read from a
     * workspace secret because the URL carries the registry's key and secret. Every pipeline of the workspace
     * shares the connection, so it carries the registry whenever one is configured, whatever this pipeline reads.
     */
    public TinybirdProject withSchemaRegistry() {
        return new TinybirdProject(db, names, raw, latest, materialization, endpoint,
                connection.withSetting(SCHEMA_REGISTRY, "{{ tb_secret(\"" + SCHEMA_REGISTRY_SECRET + "\") }}"));
    }

    /**
     * The same project with the raw data source decoding Avro values through the connection's Schema Registry
     * (Tinybird's KAFKA_VALUE_FORMAT avro; the schema must be registered as {@code <topic>-value}). The
     * columns' JSON paths stay: Tinybird applies them to the decoded record.
     */
    public TinybirdProject readingAvro() {
        return new TinybirdProject(db, names, raw.withSetting("KAFKA_VALUE_FORMAT", "avro"), latest, materialization,
                endpoint, connection);
    }

    public SourceDb db() {
        return db;
    }

    public ReplicaNames names() {
        return names;
    }

    public Datafile raw() {
        return raw;
    }

    public Datafile latest() {
        return latest;
    }

    public Datafile materialization() {
        return materialization;
    }

    public Datafile endpoint() {
        return endpoint;
    }

    public Datafile connection() {
        return connection;
    }

    /** The Kafka connection the raw data source reads through. */
    public String connectionName() {
        return raw.setting("KAFKA_CONNECTION_NAME");
    }

    /** The endpoint's READ token. */
    public String readToken() {
        return names.readToken();
    }

    /** Data sources and pipes in the order they can be created: each after what it reads. */
    public List<ProjectFile> resourceFiles() {
        String folder = folder(db);
        return List.of(
                file(folder + "/datasources/", raw),
                file(folder + "/datasources/", latest),
                file(folder + "/materializations/", materialization),
                file(folder + "/endpoints/", endpoint));
    }

    /** The connection, as Forward deploys it. */
    public ProjectFile connectionFile() {
        return file("connections/", connection);
    }

    /** Resource names in the order they can be removed: readers first (pipes, then data sources). */
    public List<String> removalOrder() {
        return List.of(endpoint.name(), materialization.name(), latest.name(), raw.name());
    }

    /** The pipes among {@link #removalOrder()}. */
    public List<String> pipeNames() {
        return List.of(endpoint.name(), materialization.name());
    }

    /**
     * The workspace secret each credential of the connection file reads with {@code tb_secret}:
     * KAFKA_BOOTSTRAP_SERVERS, KAFKA_KEY and KAFKA_SECRET (and KAFKA_SCHEMA_REGISTRY_URL when the connection has
     * it) to the secret's name.
     */
    public Map<String, String> connectionSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> keys = connection.setting(SCHEMA_REGISTRY) == null
                ? List.of("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_KEY", "KAFKA_SECRET")
                : List.of("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_KEY", "KAFKA_SECRET", SCHEMA_REGISTRY);
        for (String key : keys) {
            String value = connection.setting(key);
            Matcher m = value == null ? null : TB_SECRET.matcher(value);
            if (m == null || !m.find()) {
                throw new CookbookException(connection.fileName() + " does not read " + key + " with tb_secret(\"...\").",
                        "Credentials must come from workspace secrets, never from the file: compare it with tinybird/"
                                + CONNECTION_PATH + ".");
            }
            secrets.put(key, m.group(1));
        }
        return secrets;
    }

    /** A source's folder in tinybird/: pg or mysql. */
    private static String folder(SourceDb db) {
        return db.name().toLowerCase(Locale.ROOT);
    }

    private static ProjectFile file(String folder, Datafile datafile) {
        return new ProjectFile(folder + datafile.fileName(), DatafileRenderer.render(datafile));
    }
}
