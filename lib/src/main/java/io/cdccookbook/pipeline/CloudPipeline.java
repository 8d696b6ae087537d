package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.capture.ConnectorDefinition;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.compare.Comparer;
import io.cdccookbook.endpoint.EndpointClient;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.confluent.ConfluentConnectorConfig;
import io.cdccookbook.confluent.ConfluentPipeline;
import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.GenerationSummary;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.provision.DatabaseProvisioner;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.ReadinessCheck;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.tinybird.TinybirdTarget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The cloud target, in the original's order: the users table on your server, a Confluent Cloud CDC
 * connector that snapshots it into a Kafka topic, the initial events, then Tinybird's Kafka data source
 * (a fresh consumer group reading from the earliest offset), the materialized replica and its endpoint.
 * With a dry-run plan nothing changes anywhere: the database steps are only described and every API
 * request is recorded in the plan.
 */
public final class CloudPipeline implements Pipeline {

    private static final Set<String> THIS_MACHINE = Set.of("localhost", "127.0.0.1", "::1", "0.0.0.0", "host.docker.internal");

    private final Settings settings;
    private final SourceDb kind;
    private final Plan plan;
    private final Consumer<String> report;

    public CloudPipeline(Settings settings, SourceDb kind, Plan plan, Consumer<String> report) {
        this.settings = settings;
        this.kind = kind;
        this.plan = plan;
        this.report = report;
        List<String> tables = settings.tables();
        if (!tables.equals(List.of(settings.identifier(Setting.USERS_TABLE_NAME)))) {
            // checked before anything is made: the connector, the topics and the deployment are one table's so far
            throw new CookbookException("The tinybird target captures the users demo table only so far, not "
                    + String.join(", ", tables) + " (CDC_TABLES or --table).",
                    "Use --target local for your own tables; generate-datafiles writes their Tinybird datafiles.");
        }
    }

    public Plan plan() {
        return plan;
    }

    /**
     * Creates everything; returns what the generator did with the initial events (null in a dry run).
     */
    public GenerationSummary create(GeneratorOptions initialEvents) {
        String table = settings.identifier(Setting.USERS_TABLE_NAME);
        if (plan.isDryRun()) {
            ConnectorDefinition def = plannedDefinition(table);
            report.accept("[dry run] Would create table " + table + " on " + def.db().address() + "/" + def.db().database()
                    + " if missing, and generate " + initialEvents.numEvents() + " events after the connector runs.");
            new ConfluentPipeline(settings).create(def, plan, report);
            tinybird(def).create();
            return null;
        }
        try (RunningDatabase db = database()) {
            SourceDatabase source = db.database(table);
            source.createUsersTable();
            ConnectorDefinition def = ConnectorDefinition.of(source, settings.get(ConnectorDefinition.nameSetting(kind)));
            new ConfluentPipeline(settings).create(def, plan, report);
            GenerationSummary generated = new EventGenerator(source, initialEvents).run();
            report.accept("Generated " + generated + ".");
            tinybird(def).create();
            return generated;
        }
    }

    /**
     * Removes the connector and its topic, the Tinybird resources (the Kafka connection only with
     * {@code includeConnection}), the connector's replication slot and publication (PostgreSQL), and the
     * table. Whatever is not there is reported and skipped.
     */
    public void remove(boolean includeConnection) {
        String table = settings.identifier(Setting.USERS_TABLE_NAME);
        ConnectorDefinition def = plannedDefinition(table);
        new ConfluentPipeline(settings).remove(def, plan, report);
        tinybird(def).remove(includeConnection);
        if (plan.isDryRun()) {
            report.accept("[dry run] Would drop " + (kind == SourceDb.PG ? "replication slot "
                    + ConfluentConnectorConfig.slotName(def) + ", its publication and " : "") + "table " + table
                    + " on " + def.db().address() + "/" + def.db().database() + ".");
            return;
        }
        try (RunningDatabase db = database()) {
            SourceDatabase source = db.database(table);
            if (kind == SourceDb.PG) {
                ReplicationSlot.drop(source, ConfluentConnectorConfig.slotName(def), ConfluentConnectorConfig.publicationName(def), report);
            }
            report.accept(source.dropUsersTable() ? "Dropped table " + table + "." : "Table " + table + " was not there.");
        }
    }

    /** Only the Tinybird resources (the original's --tb-clean); the connection too with {@code includeConnection}. */
    public void cleanTinybird(boolean includeConnection) {
        tinybird(plannedDefinition(settings.identifier(Setting.USERS_TABLE_NAME))).remove(includeConnection);
    }

    /** Only Tinybird's Kafka connection (the original's --tb-connect-kafka). */
    public void connectKafka() {
        tinybird(plannedDefinition(settings.identifier(Setting.USERS_TABLE_NAME))).connectKafka();
    }

    /** Source table against the Tinybird endpoint, read with its READ token. */
    @Override
    public List<Comparer> comparers(RunningDatabase db) {
        return List.of(comparer(db));
    }

    /** Source table against the Tinybird endpoint, read with its READ token. */
    public Comparer comparer(RunningDatabase db) {
        String table = settings.identifier(Setting.USERS_TABLE_NAME);
        TinybirdTarget tinybird = tinybird(plannedDefinition(table));
        return new Comparer(db.database(table),
                new EndpointClient(tinybird.baseUrl(), tinybird.endpointPipe(), tinybird.readToken()));
    }

    /** test-connection's cloud rows: can Confluent reach the database, then Confluent Cloud, then Tinybird. */
    public List<ReadinessCheck> checks() {
        List<ReadinessCheck> checks = new ArrayList<>();
        String row = "database reachable from Confluent Cloud";
        checks.add(onThisMachine() ? ReadinessCheck.fail(row, kind.host.name() + "=" + settings.get(kind.host) + " is this machine",
                "Point " + kind.host.name() + " at a server Confluent Cloud can reach (RDS, Cloud SQL, ...), or use --target local.")
                : ReadinessCheck.pass(row, settings.get(kind.host) + " is not on this machine (whether its firewall lets Confluent in is not checked)"));
        checks.addAll(new ConfluentPipeline(settings).check());
        try {
            checks.addAll(tinybird(plannedDefinition(settings.identifier(Setting.USERS_TABLE_NAME))).readiness());
        } catch (CookbookException e) {
            checks.add(ReadinessCheck.fail("Tinybird", e.getMessage(), e.hint() == null ? "" : e.hint()));
        }
        return checks;
    }

    /**
     * The configured server: Confluent Cloud connects to it from the internet, so an embedded database or a
     * server on this machine cannot work, and the command says so before creating anything.
     */
    public RunningDatabase database() {
        RunningDatabase db = configuredDatabase();
        if (onThisMachine()) {
            db.close();
            throw new CookbookException("Confluent Cloud cannot reach a database on this machine (" + kind.host.name()
                    + "=" + settings.get(kind.host) + ").", "Point " + kind.host.name() + " at a server Confluent Cloud can reach "
                    + "(RDS, Cloud SQL, ...), or use --target local.");
        }
        return db;
    }

    /** The configured server, wherever it is (test-connection checks it even when Confluent could not reach it). */
    public RunningDatabase configuredDatabase() {
        settings.require("The tinybird target's source database", kind.host, kind.port, kind.user, kind.database);
        return DatabaseProvisioner.provision(kind, DbProvider.EXTERNAL, settings, "the tinybird target uses " + kind.host.name() + ", " + settings.where(kind.host));
    }

    private boolean onThisMachine() {
        String host = settings.get(kind.host).trim().toLowerCase(java.util.Locale.ROOT);
        return THIS_MACHINE.contains(host) || host.startsWith("127.");
    }

    /** The connector as it is (or would be) configured, without connecting to the database. */
    private ConnectorDefinition plannedDefinition(String table) {
        DbSettings db = new DbSettings(kind, settings.isSet(kind.host) ? settings.get(kind.host) : Plan.placeholder(kind.host.name()),
                settings.port(kind.port), settings.get(kind.user), settings.get(kind.password), settings.identifier(kind.database));
        return new ConnectorDefinition(db, table, settings.get(ConnectorDefinition.nameSetting(kind)),
                kind == SourceDb.PG ? ConnectorDefinition.Flavor.POSTGRES : ConnectorDefinition.Flavor.MYSQL);
    }

    private TinybirdTarget tinybird(ConnectorDefinition def) {
        TinybirdTarget target = TinybirdTarget.of(settings, kind, def.topic(), plan, report);
        return "AVRO".equals(ConfluentConnectorConfig.valueFormat(def)) ? target.readingAvro() : target;
    }

    @Override
    public RunningDatabase serverToCheck() {
        return configuredDatabase();
    }

    @Override
    public List<Checks> targetChecks() {
        return List.of(new Checks("Confluent Cloud and Tinybird", checks()));
    }

    @Override
    public RunningDatabase pipelineDatabase() {
        return database();
    }

    /** A second: the endpoint's reads count against Tinybird's rate limits. */
    @Override
    public Duration defaultPollInterval() {
        return Duration.ofSeconds(1);
    }

    /** Everything, or only the Tinybird resources (the original's --tb-clean); the Kafka connection only with {@code includeConnection}. */
    @Override
    public String remove(boolean includeConnection, boolean tinybirdOnly) {
        if (tinybirdOnly) {
            cleanTinybird(includeConnection);
        } else {
            remove(includeConnection);
        }
        return tinybirdOnly ? "Tinybird resources removed." : "Cloud " + kind.displayName() + " pipeline removed.";
    }
}
