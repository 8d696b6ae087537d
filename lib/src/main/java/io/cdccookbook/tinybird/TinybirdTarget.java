package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Json;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.config.Redactor;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.config.ShownPath;
import io.cdccookbook.source.ReadinessCheck;
import io.cdccookbook.source.SourceDb;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The Tinybird part of the cloud target for one source database, as the commands use it: create and
 * remove the pipeline's resources, only the Kafka connection (--tb-connect-kafka), only the Tinybird
 * resources (--tb-clean), the endpoint's READ token for compare-tables, and test-connection's rows.
 * It prints nothing: progress goes to the {@code report} callback, requests to the {@link Plan}.
 */
public final class TinybirdTarget {

    private final Settings settings;
    private final SourceDb db;
    private final String topic;
    private final TinybirdApi api;
    private final Timing timing;
    private final Consumer<String> report;
    /** A table of one's own and its datafiles; null for the users demo, whose files are tinybird/'s users files. */
    private final String table;
    private final TableDatafiles files;
    /** Forward or Classic, decided once for every table's target of the workspace. */
    private final AtomicReference<WorkspaceKind.Choice> kind;
    private TinybirdProject project;
    private boolean avroValues;

    private TinybirdTarget(Settings settings, SourceDb db, String topic, TinybirdApi api, Timing timing,
                           Consumer<String> report) {
        this(settings, db, topic, api, timing, prefixed(api, report), null, null, new AtomicReference<>());
    }

    private TinybirdTarget(Settings settings, SourceDb db, String topic, TinybirdApi api, Timing timing,
                           Consumer<String> report, String table, TableDatafiles files, AtomicReference<WorkspaceKind.Choice> kind) {
        this.settings = settings;
        this.db = db;
        this.topic = topic;
        this.api = api;
        this.timing = timing;
        this.report = report;
        this.table = table;
        this.files = files;
        this.kind = kind;
    }

    /** In a dry run "created" means "would be created": say so on every line. */
    private static Consumer<String> prefixed(TinybirdApi api, Consumer<String> report) {
        String prefix = api.isDryRun() ? "[dry run] " : "";
        return s -> report.accept(prefix + Redactor.redact(s));
    }

    /**
     * The same workspace for a table of one's own, captured by the same connector into {@code tableTopic}, with
     * its datafiles from {@code tableFiles}; the workspace's kind, once decided, is shared.
     */
    public TinybirdTarget forTable(String ownTable, String tableTopic, TableDatafiles tableFiles) {
        TinybirdTarget other = new TinybirdTarget(settings, db, tableTopic, api, timing, report, ownTable, tableFiles, kind);
        other.avroValues = avroValues;
        return other;
    }

    /** The same workspace for the users demo's table, captured into {@code usersTopic}. */
    public TinybirdTarget forUsersDemo(String usersTopic) {
        TinybirdTarget other = new TinybirdTarget(settings, db, usersTopic, api, timing, report, null, null, kind);
        other.avroValues = avroValues;
        return other;
    }

    /**
     * @param topic  the topic the Confluent connector writes to (ConnectorDefinition.topic())
     * @param plan   {@link Plan#dryRun()} to only record the requests, {@link Plan#live()} to make them
     * @param report gets one line per step and per resource
     */
    public static TinybirdTarget of(Settings settings, SourceDb db, String topic, Plan plan, Consumer<String> report) {
        return new TinybirdTarget(settings, db, topic, TinybirdApi.fromSettings(settings, plan), Timing.standard(), report);
    }

    /** With an API and timing of one's own: tests, notebooks. */
    public static TinybirdTarget of(Settings settings, SourceDb db, String topic, TinybirdApi api, Timing timing,
                                    Consumer<String> report) {
        return new TinybirdTarget(settings, db, topic, api, timing, report);
    }

    /**
     * The datafiles for this source database and USERS_TABLE_NAME, reading the topic with a fresh consumer
     * group through TINYBIRD_CONFLUENT_CONNECTION_NAME; loaded once.
     */
    public TinybirdProject project() {
        if (project == null) {
            DatafileSource source = DatafileSource.forProject(settings.projectDir());
            // a dry run may lack the cluster's name: the plan then shows the setting's name where it goes
            Settings named = api.isDryRun() && !settings.isSet(Setting.TINYBIRD_CONFLUENT_CONNECTION_NAME)
                    ? settings.with(java.util.Map.of(Setting.TINYBIRD_CONFLUENT_CONNECTION_NAME, Setting.TINYBIRD_CONFLUENT_CONNECTION_NAME.name()))
                    : settings;
            if (files == null) {
                report.accept("Tinybird: using " + source.description() + ".");
                project = TinybirdProject.load(source, db).forTable(settings.identifier(Setting.USERS_TABLE_NAME));
            } else {
                report.accept("Tinybird: table " + table + " uses " + (files.generated().isEmpty() ? "its datafiles in "
                        : "its datafiles, generated where missing, in ") + ShownPath.of(settings.projectDir().resolve(DatafileSource.FOLDER)) + "/.");
                project = TinybirdProject.load(files.texts()::get, source, db, table);
            }
            project = project.consuming(KafkaSettings.fresh(named, topic, timing.clock()));
            if (settings.isSet(Setting.CONFLUENT_SCHEMA_REGISTRY_URL)) {
                project = project.withSchemaRegistry();
            }
            if (avroValues) {
                project = project.readingAvro();
            }
        }
        return project;
    }

    /** The topic's values are Avro (Confluent's MariaDB connector writes no schemaless JSON): decode them. */
    public TinybirdTarget readingAvro() {
        avroValues = true;
        project = null;
        return this;
    }

    /** Forward or Classic, from TINYBIRD_DEPLOY or by asking the workspace; decided once. */
    public WorkspaceKind.Choice kind() {
        if (kind.get() == null) {
            kind.set(WorkspaceKind.choose(settings, api));
            report.accept(kind.get() + ".");
        }
        return kind.get();
    }

    /** The Kafka connection and the pipeline's data sources and pipes; what exists is left as it is. */
    public void create() {
        TinybirdProject p = project();
        deployer().create(p);
    }

    /** The pipeline's pipes, data sources and tokens; the Kafka connection too with {@code includeConnection}. */
    public void remove(boolean includeConnection) {
        TinybirdProject p = project();
        deployer().remove(p, includeConnection);
    }

    /** Only the Kafka connection: the original's --tb-connect-kafka. */
    public void connectKafka() {
        TinybirdProject p = project();
        deployer().connectKafka(p);
    }

    /** The endpoint's READ token (a secret: registered with the Redactor), for compare-tables. */
    public String readToken() {
        String name = project().readToken();
        var answer = api.findJson("/v0/tokens/" + name, "read the endpoint's READ token " + name);
        if (api.isDryRun()) {
            return Plan.placeholder("token " + name);
        }
        String token = answer.map(json -> Json.string(json, "token")).orElseThrow(() -> new CookbookException(
                "The endpoint's READ token " + name + " is not in the Tinybird workspace.",
                "Run create-pipeline --target tinybird for " + db.displayName() + " first."));
        Redactor.register(token);
        return token;
    }

    /** Where the workspace's API answers: the endpoint is read at {@code <baseUrl>/v0/pipes/<endpointPipe>.json}. */
    public String baseUrl() {
        return api.baseUrl();
    }

    /** The endpoint pipe's name, read with {@link #readToken()}. */
    public String endpointPipe() {
        return project().names().endpoint();
    }

    /** test-connection's Tinybird rows. */
    public List<ReadinessCheck> readiness() {
        return TinybirdReadiness.check(settings, api, this::project, topic);
    }

    private TinybirdDeployer deployer() {
        java.util.function.Supplier<KafkaCredentials> credentials = api.isDryRun()
                ? () -> KafkaCredentials.planned(settings) : () -> KafkaCredentials.from(settings);
        SecretFingerprints fingerprints = fingerprints();
        return switch (kind().kind()) {
            case FORWARD -> new ForwardDeployer(api, credentials, fingerprints, timing, report);
            case CLASSIC -> new ClassicDeployer(api, credentials, fingerprints, report);
        };
    }

    /**
     * What the cookbook last set as the Kafka credentials, in the state folder rather than a pipeline's
     * folder: the connection and its secrets belong to the workspace, shared by every pipeline in it.
     */
    private SecretFingerprints fingerprints() {
        return new SecretFingerprints(settings.stateDir().resolve("tinybird").resolve("kafka-credentials.json"),
                settings.get(Setting.TINYBIRD_API_KEY));
    }
}
