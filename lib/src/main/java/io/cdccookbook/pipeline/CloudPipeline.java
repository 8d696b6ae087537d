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
import io.cdccookbook.events.Generator;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.events.TableEventGenerator;
import io.cdccookbook.provision.DatabaseProvisioner;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.ReadinessCheck;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.table.SchemaReader;
import io.cdccookbook.table.TableChecks;
import io.cdccookbook.table.TableSchema;
import io.cdccookbook.tinybird.DatafileSource;
import io.cdccookbook.tinybird.GeneratedRecord;
import io.cdccookbook.tinybird.TableDatafiles;
import io.cdccookbook.tinybird.TinybirdProject;
import io.cdccookbook.tinybird.TinybirdTarget;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The cloud target, in the original's order: the users table on your server (and any tables of your own),
 * one Confluent Cloud CDC connector that snapshots them into a Kafka topic each, the initial events, then per
 * table Tinybird's Kafka data source (a fresh consumer group reading from the earliest offset), the
 * materialized replica and its endpoint.
 * With a dry-run plan nothing changes anywhere: the database steps are only described and every API
 * request is recorded in the plan.
 */
public final class CloudPipeline implements Pipeline {

    private static final Set<String> THIS_MACHINE = Set.of("localhost", "127.0.0.1", "::1", "0.0.0.0", "host.docker.internal");

    private final Settings settings;
    private final SourceDb kind;
    private final Plan plan;
    private final Consumer<String> report;
    private final List<String> tables;
    private final String usersTable;

    public CloudPipeline(Settings settings, SourceDb kind, Plan plan, Consumer<String> report) {
        this.settings = settings;
        this.kind = kind;
        this.plan = plan;
        this.report = report;
        this.tables = settings.tables();
        this.usersTable = settings.identifier(Setting.USERS_TABLE_NAME);
    }

    public Plan plan() {
        return plan;
    }

    /**
     * Creates everything; returns what the generator did with the initial events on the first table (null in
     * a dry run). Check first: every table is read and checked, and the missing datafiles of the user's own
     * tables are generated (in a dry run only shown), before the connector is made.
     *
     * @param initialEvents the users demo's initial events
     * @param ownEvents     the initial events on each table of the user's own (create-pipeline: none unless -n is given)
     */
    public GenerationSummary create(GeneratorOptions initialEvents, GeneratorOptions ownEvents) {
        ConnectorDefinition planned = plannedDefinition();
        if (plan.isDryRun()) {
            Map<String, TableDatafiles> own = ownDatafiles(planned, readableForDryRun(), false, report);
            List<String> would = new ArrayList<>();
            if (tables.contains(usersTable)) {
                would.add("create table " + usersTable + " if missing on " + planned.db().address() + "/" + planned.db().database());
            }
            boolean users = tables.contains(usersTable);
            boolean anyOwn = tables.size() > (users ? 1 : 0);
            if (users && initialEvents.numEvents() > 0) {
                would.add("generate " + initialEvents.numEvents() + " events on table " + usersTable + " after the connector runs");
            }
            if (anyOwn && ownEvents.numEvents() > 0) {
                would.add("generate " + ownEvents.numEvents() + " events on each table of your own after the connector runs");
            }
            if (!would.isEmpty()) {
                report.accept("[dry run] Would " + String.join(", and ", would) + ".");
            }
            if (settings.isSet(kind.host) && onThisMachine()) {
                report.accept("[dry run] " + kind.host.name() + "=" + settings.get(kind.host) + " is this machine, which Confluent"
                        + " Cloud cannot reach: the live run refuses it. Point it at a server Confluent Cloud can reach.");
            }
            new ConfluentPipeline(settings).create(planned, plan, report);
            tinybirdTargets(planned, own).forEach(TinybirdTarget::create);
            return null;
        }
        try (RunningDatabase db = database()) {
            List<ReadinessCheck> failed = TableChecks.all(db::database, tables, usersTable, settings.excludedColumns())
                    .stream().filter(c -> !c.passed()).toList();
            if (!failed.isEmpty()) {
                throw new CookbookException(failed.get(0).oneLine(), "Nothing was created; test-connection --target tinybird"
                        + " lists every check.");
            }
            Map<String, Generator> generators = new LinkedHashMap<>(); // made now: a key it cannot make fails before anything
            for (String table : tables) {
                if (!table.equals(usersTable) && ownEvents.numEvents() > 0) {
                    SourceDatabase source = db.database(table);
                    generators.put(table, new TableEventGenerator(source, SchemaReader.read(source, settings.excludedColumns()), ownEvents));
                }
            }
            Map<String, TableDatafiles> own = ownDatafiles(planned, Optional.of(db), true, report);
            if (tables.contains(usersTable)) {
                db.database(usersTable).createUsersTable();
            }
            ConnectorDefinition def = ConnectorDefinition.of(db.database(tables.get(0)), tables,
                    settings.get(ConnectorDefinition.nameSetting(kind))).withExcludedColumns(settings.excludedColumns());
            new ConfluentPipeline(settings).create(def, plan, report);
            GenerationSummary first = null;
            for (String table : tables) {
                Generator generator = table.equals(usersTable) ? new EventGenerator(db.database(table), initialEvents) : generators.get(table);
                if (generator == null) {
                    continue; // no events asked for
                }
                GenerationSummary generated = generator.run(n -> { });
                report.accept("Generated " + generated + (tables.size() == 1 ? "." : " on table " + table + "."));
                first = first == null ? generated : first;
            }
            tinybirdTargets(def, own).forEach(TinybirdTarget::create);
            return first;
        }
    }

    /**
     * Removes the connector and its topics, each table's Tinybird resources (the Kafka connection only with
     * {@code includeConnection}), the datafiles create-pipeline generated and nobody changed since, the
     * connector's replication slot and publication (PostgreSQL), and the users demo's table; the user's own
     * tables stay. Whatever is not there is reported and skipped.
     */
    public void remove(boolean includeConnection) {
        ConnectorDefinition def = plannedDefinition();
        if (plan.isDryRun()) {
            removeFromCloud(def, ownDatafiles(def, readableForDryRun(), false, line -> { }), includeConnection);
            report.accept("[dry run] Would drop " + (kind == SourceDb.PG ? "replication slot "
                    + ConfluentConnectorConfig.slotName(def) + ", its publication" : "") + (tables.contains(usersTable)
                    ? (kind == SourceDb.PG ? " and " : "") + "table " + usersTable : "") + " on " + def.db().address() + "/"
                    + def.db().database() + "; the datafiles create-pipeline generated, if unchanged; and leave the tables of your own.");
            return;
        }
        try (RunningDatabase db = database()) {
            Map<String, TableDatafiles> own = ownDatafiles(def, Optional.of(db), false, line -> { });
            removeFromCloud(def, own, includeConnection);
            GeneratedRecord record = generatedRecord(def);
            for (String table : own.keySet()) {
                record.removeUnchanged(datafilePaths(table), report);
            }
            SourceDatabase source = db.database(tables.get(0));
            if (kind == SourceDb.PG) {
                ReplicationSlot.drop(source, ConfluentConnectorConfig.slotName(def), ConfluentConnectorConfig.publicationName(def), report);
            }
            for (String table : tables) {
                if (table.equals(usersTable)) {
                    report.accept(db.database(table).dropUsersTable() ? "Dropped table " + table + "." : "Table " + table + " was not there.");
                } else {
                    report.accept("Left table " + table + " as it is: it is yours (the cookbook drops only the users demo's table).");
                }
            }
        }
    }

    private void removeFromCloud(ConnectorDefinition def, Map<String, TableDatafiles> own, boolean includeConnection) {
        new ConfluentPipeline(settings).remove(def, plan, report);
        removeFromTinybird(def, own, includeConnection);
    }

    /** Each table's resources; the connection, which they share, with the last. */
    private void removeFromTinybird(ConnectorDefinition def, Map<String, TableDatafiles> own, boolean includeConnection) {
        List<TinybirdTarget> targets = tinybirdTargets(def, own);
        for (int i = 0; i < targets.size(); i++) {
            targets.get(i).remove(includeConnection && i == targets.size() - 1);
        }
    }

    /** Only the Tinybird resources (the original's --tb-clean); the connection too with {@code includeConnection}. */
    public void cleanTinybird(boolean includeConnection) {
        ConnectorDefinition def = plannedDefinition();
        if (plan.isDryRun()) {
            removeFromTinybird(def, ownDatafiles(def, readableForDryRun(), false, line -> { }), includeConnection);
            return;
        }
        // the database only when a table of one's own has no datafiles to name its resources: --tb-clean needs none
        Optional<RunningDatabase> db = schemaNeeded() ? Optional.of(database()) : Optional.empty();
        try {
            removeFromTinybird(def, ownDatafiles(def, db, false, line -> { }), includeConnection);
        } finally {
            db.ifPresent(RunningDatabase::close);
        }
    }

    /** Only Tinybird's Kafka connection (the original's --tb-connect-kafka): the users demo's files name it. */
    public void connectKafka() {
        ConnectorDefinition def = plannedDefinition();
        TinybirdTarget.of(settings, kind, def.topic(def.tables().get(0)), plan, report).connectKafka();
    }

    /** Each table against its Tinybird endpoint, read with the endpoint's READ token. */
    @Override
    public List<Comparer> comparers(RunningDatabase db) {
        ConnectorDefinition def = plannedDefinition();
        List<TinybirdTarget> targets = tinybirdTargets(def, ownDatafiles(def, Optional.of(db), false, line -> { }));
        List<Comparer> comparers = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            SourceDatabase source = db.database(tables.get(i));
            TinybirdTarget tinybird = targets.get(i);
            comparers.add(new Comparer(source, new EndpointClient(tinybird.baseUrl(), tinybird.endpointPipe(), tinybird.readToken()),
                    SchemaReader.read(source, settings.excludedColumns())));
        }
        return comparers;
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
            ConnectorDefinition def = plannedDefinition();
            checks.addAll(TinybirdTarget.of(settings, kind, def.topic(def.tables().get(0)), plan, report).readiness());
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
    private ConnectorDefinition plannedDefinition() {
        DbSettings db = new DbSettings(kind, settings.isSet(kind.host) ? settings.get(kind.host) : Plan.placeholder(kind.host.name()),
                settings.port(kind.port), settings.get(kind.user), settings.get(kind.password), settings.identifier(kind.database));
        return new ConnectorDefinition(db, tables, settings.get(ConnectorDefinition.nameSetting(kind)),
                kind == SourceDb.PG ? ConnectorDefinition.Flavor.POSTGRES : ConnectorDefinition.Flavor.MYSQL)
                .withExcludedColumns(settings.excludedColumns());
    }

    /**
     * A dry run reads the tables it must generate datafiles for when the server is configured (reading
     * changes nothing); without one it can only use the datafiles tinybird/ holds.
     */
    private Optional<RunningDatabase> readableForDryRun() {
        return schemaNeeded() && settings.isSet(kind.host) ? Optional.of(configuredDatabase()) : Optional.empty();
    }

    /** Whether a table of one's own lacks some of its datafiles in tinybird/, so that its columns must be read. */
    private boolean schemaNeeded() {
        return tables.stream().anyMatch(t -> !t.equals(usersTable) && !TableDatafiles.complete(datafileFolder(), kind, t));
    }

    /**
     * The datafiles of each of the user's own tables: tinybird/'s, and the generator's for those missing
     * there, written (and remembered, for remove-pipeline) when {@code write}; {@code generated} hears about each
     * (create-pipeline tells the user; removing and comparing need only the names). {@code db} is closed here
     * in a dry run.
     */
    private Map<String, TableDatafiles> ownDatafiles(ConnectorDefinition def, Optional<RunningDatabase> db, boolean write,
                                                     Consumer<String> generated) {
        Map<String, TableDatafiles> own = new LinkedHashMap<>();
        try {
            for (String table : tables) {
                if (table.equals(usersTable)) {
                    continue;
                }
                Optional<TableSchema> schema = TableDatafiles.complete(datafileFolder(), kind, table) ? Optional.empty()
                        : db.map(d -> SchemaReader.read(d.database(table), settings.excludedColumns()));
                TableDatafiles files = TableDatafiles.resolve(datafileFolder(), kind, table, schema, def.topic(table), write, generated);
                if (write) {
                    generatedRecord(def).remember(files.generated().stream().map(f -> datafileFolder().resolve(f.path())).toList());
                }
                own.put(table, files);
            }
        } finally {
            if (db.isPresent() && plan.isDryRun()) {
                db.get().close(); // the dry run's own connection; a live run's belongs to its caller
            }
        }
        return own;
    }

    private Path datafileFolder() {
        return settings.projectDir().resolve(DatafileSource.FOLDER);
    }

    private List<Path> datafilePaths(String table) {
        return TinybirdProject.paths(kind, ReplicaNames.of(kind, table)).stream().map(datafileFolder()::resolve).toList();
    }

    private GeneratedRecord generatedRecord(ConnectorDefinition def) {
        return new GeneratedRecord(settings.stateDir(), def.db().address() + "/" + def.db().database());
    }

    /** The Tinybird side of each table, in the tables' order: the users demo's from tinybird/'s users files. */
    private List<TinybirdTarget> tinybirdTargets(ConnectorDefinition def, Map<String, TableDatafiles> own) {
        TinybirdTarget base = TinybirdTarget.of(settings, kind, def.topic(tables.get(0)), plan, report);
        if ("AVRO".equals(ConfluentConnectorConfig.valueFormat(def))) {
            base = base.readingAvro();
        }
        List<TinybirdTarget> targets = new ArrayList<>();
        for (String table : tables) {
            targets.add(table.equals(usersTable) ? base.forUsersDemo(def.topic(table)) : base.forTable(table, def.topic(table), own.get(table)));
        }
        return targets;
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
