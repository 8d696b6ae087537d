package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.provision.ContainerServers;
import io.cdccookbook.provision.DatabaseProvisioner;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.provision.Docker;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which server a command works on. What the user names wins: {@code --db-provider}, CDC_DB_PROVIDER, the
 * host or the database setting (from --set, the environment or cdc.properties). Only when nothing names a
 * server does a command use the server of the local pipeline that runs now, and it says so. Every choice
 * comes with the reason in terms of what the user did.
 *
 * @param kind     PostgreSQL or MySQL
 * @param option   the --db-provider option, or null when not given
 * @param settings the command's settings
 */
public record ServerChoice(SourceDb kind, DbProvider option, Settings settings) {

    /** What names a server, in words ("PG_HOST_URL=db.example.com (from --set)"); empty when nothing does. */
    public Optional<String> namedBy() {
        if (option != null && option != DbProvider.AUTO) {
            return Optional.of("--db-provider " + option.name().toLowerCase(Locale.ROOT));
        }
        List<String> names = new ArrayList<>();
        if (DbProvider.parse(settings.get(Setting.CDC_DB_PROVIDER)) != DbProvider.AUTO) {
            names.add(DatabaseProvisioner.reason(settings));
        }
        if (settings.isSet(kind.host)) {
            names.add(named(kind.host));
        } else if (settings.origin(kind.port) != Settings.Origin.DEFAULT && !settings.get(kind.port).equals(kind.port.defaultValue())) {
            throw io.cdccookbook.config.SettingException.about(settings, kind.port, named(kind.port) + " names a port, but " + kind.host.name() + " is not set, so there is "
                    + "no server to find there.", "Set " + kind.host.name() + " too (127.0.0.1 for this machine), or leave "
                    + kind.port.name() + " out to use the embedded server.");
        }
        if (settings.origin(kind.database) != Settings.Origin.DEFAULT) {
            names.add(named(kind.database));
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", names));
    }

    private String named(Setting s) {
        return s.name() + "=" + settings.get(s) + " (" + settings.where(s) + ")";
    }

    /** The provider to use for a named server: the option, else the setting. */
    private DbProvider provider() {
        return option != null ? option : DbProvider.parse(settings.get(Setting.CDC_DB_PROVIDER));
    }

    private String providerReason() {
        return option != null ? "--db-provider " + option.name().toLowerCase(Locale.ROOT) : DatabaseProvisioner.reason(settings);
    }

    /**
     * The database for commands that work on rows (generate-events, fetch-users, drop-table,
     * test-connection): the named server, else the running pipeline's, else the default one.
     */
    public RunningDatabase database() {
        if (namedBy().isPresent()) {
            return provision();
        }
        List<PipelineState> running = PipelineFolder.running(settings.stateDir(), kind);
        if (running.size() > 1) {
            throw severalRunning(running);
        }
        return running.isEmpty() ? provision() : ofPipeline(running.get(0));
    }

    /** The named server, or the default one when nothing names a server. */
    public RunningDatabase provision() {
        DbProvider provider = provider();
        return provider == DbProvider.AUTO ? DatabaseProvisioner.provision(kind, provider, settings, "")
                : DatabaseProvisioner.provision(kind, provider, settings, providerReason());
    }

    /** The running pipeline compare-tables reads: the named server's, else the only one that runs. */
    public PipelineState runningPipeline() {
        PipelineState state = chosenRunningPipeline();
        tablesToCompare(state);
        return state;
    }

    /**
     * The tables of the running pipeline to compare: those the settings name (CDC_TABLES, --table or
     * USERS_TABLE_NAME), which it must capture (the setting wins, so another table means this is not the
     * pipeline meant); else all it captures.
     */
    public List<String> tablesToCompare(PipelineState state) {
        Optional<List<String>> named = explicitTables();
        if (named.isEmpty()) {
            return state.tables();
        }
        List<String> missing = named.get().stream().filter(t -> !state.tables().contains(t)).toList();
        if (!missing.isEmpty()) {
            throw new CookbookException("The running local pipeline (" + state.describe() + ") captures " + tables(state.tables())
                    + ", not " + tables(missing) + ", which " + namedTables() + " names.",
                    "Name tables it captures (or none, to compare them all), or start a pipeline of those tables (another database).");
        }
        return named.get();
    }

    /** The tables the settings name; empty when they have their default, so remembered state may say. */
    public Optional<List<String>> explicitTables() {
        return settings.tablesNamed() ? Optional.of(settings.tables()) : Optional.empty();
    }

    private String namedTables() {
        return settings.origin(Setting.CDC_TABLES) != Settings.Origin.DEFAULT ? named(Setting.CDC_TABLES) : named(Setting.USERS_TABLE_NAME);
    }

    private static String tables(List<String> names) {
        return (names.size() == 1 ? "table " : "tables ") + String.join(", ", names);
    }

    /**
     * What remove-pipeline removes: a pipeline folder (see {@link #folderToRemove}), the server to drop on,
     * and the tables. Tables the settings name win over the folder's; when they differ, the folder is not the
     * one meant: its pipeline is left (running or not) and only the named tables' slot and publication (and
     * the users demo's table, if named) go, on the folder's server.
     *
     * @param folder   the pipeline folder to remove, if one is meant
     * @param database the server, empty when it was a container gone with its pipeline
     * @param tables   the captured tables whose slot and publication go (the users demo's table goes too)
     * @param usersTable the users demo's table, the one the cookbook made (a folder of an older cookbook names it)
     * @param kept     what is left on purpose, for the verdict: the other tables' pipeline, or nothing
     */
    public record Removal(Optional<PipelineFolder> folder, Optional<RunningDatabase> database, List<String> tables, String usersTable,
                          List<String> kept) {
    }

    /** @param report hears which server, folder and tables were chosen and why */
    public Removal removal(java.util.function.Consumer<String> report) {
        List<String> said = new ArrayList<>();
        Optional<PipelineFolder> folder = folderToRemove(said::add);
        Optional<PipelineFolder.Server> server = folder.flatMap(PipelineFolder::server);
        Optional<List<String>> named = explicitTables();
        Optional<RunningDatabase> db = namedBy().isEmpty() && folder.isPresent()
                ? databaseOf(folder.get(), "the pipeline's folder says so, and nothing names another server")
                : Optional.of(provision());
        Optional<List<String>> remembered = server.map(PipelineFolder.Server::tables).filter(t -> !t.isEmpty());
        // an older cookbook captured the users demo only: the one table its folder names is that table
        String usersTable = server.filter(s -> s.legacy() && !settings.tablesNamed())
                .map(PipelineFolder.Server::table).orElse(settings.identifier(Setting.USERS_TABLE_NAME));
        if (remembered.isPresent() && named.isPresent() && !PipelineFolder.sameTables(named.get(), remembered.get())) {
            report.accept("The local pipeline of " + server.get().describe() + " captures " + tables(remembered.get()) + ", not the "
                    + tables(named.get()) + " that " + namedTables() + " names: that pipeline is left as it is"
                    + (folder.get().isRunning() ? ", running" : "") + ", and only what the named tables' pipeline made is removed there.");
            return new Removal(Optional.empty(), db, named.get(), usersTable, List.of("the " + (folder.get().isRunning() ? "running " : "")
                    + "pipeline of " + tables(remembered.get())));
        }
        said.forEach(report);
        return new Removal(folder, db, named.or(() -> remembered).orElse(settings.tables()), usersTable, List.of());
    }

    private PipelineState chosenRunningPipeline() {
        List<PipelineState> running = PipelineFolder.running(settings.stateDir(), kind);
        Optional<String> named = namedBy();
        if (named.isPresent()) {
            Optional<PipelineFolder> folder = namedFolder();
            Optional<PipelineState> state = folder.flatMap(PipelineFolder::runningState);
            if (state.isPresent()) {
                return state.get();
            }
            throw new CookbookException("No local " + kind.displayName() + " pipeline runs on the server that " + named.get()
                    + " names" + (running.isEmpty() ? "." : "; running: " + list(running) + "."),
                    "Start one with ./jbang create-pipeline --source-db " + kind + " and the same settings, or name the running one's server.");
        }
        if (running.size() > 1) {
            throw severalRunning(running);
        }
        if (running.isEmpty()) {
            throw new CookbookException("No local " + kind.displayName() + " pipeline is running, so there is no endpoint to compare with.",
                    "Start one with ./jbang create-pipeline --source-db " + kind + " (it serves until Ctrl-C).");
        }
        return running.get(0);
    }

    /**
     * The pipeline folder remove-pipeline removes: the named server's, else the running pipeline's, else
     * the only one there is. Empty when there is none (the named or default server may still hold a table).
     *
     * @param report hears which one was chosen and why, when the state folder chose it
     */
    public Optional<PipelineFolder> folderToRemove(java.util.function.Consumer<String> report) {
        if (namedBy().isPresent()) {
            return namedFolder();
        }
        List<PipelineState> running = PipelineFolder.running(settings.stateDir(), kind);
        if (running.size() > 1) {
            throw severalRunning(running);
        }
        if (running.size() == 1) {
            report.accept("Removing the running local pipeline (" + running.get(0).describe() + "): nothing names another server.");
            return Optional.of(running.get(0).pipelineFolder());
        }
        List<PipelineFolder> all = PipelineFolder.all(settings.stateDir(), kind);
        if (all.size() > 1) {
            throw new CookbookException(all.size() + " local " + kind.displayName() + " pipelines have state here ("
                    + all.stream().map(f -> f.server().map(PipelineFolder.Server::describe).orElse(f.dir().toString()))
                    .collect(Collectors.joining("; ")) + "), and nothing says which to remove.",
                    "Name its server: " + kind.host.name() + " (and " + kind.port.name() + ", " + kind.database.name()
                            + ") for a configured one, --db-provider embedded for the embedded one.");
        }
        all.stream().findFirst().flatMap(PipelineFolder::server).ifPresent(server ->
                report.accept("Removing the local pipeline of " + server.describe() + ": the only one with state here; nothing names another server."));
        return all.stream().findFirst();
    }

    /** The folder of the named server's pipeline, worked out from the settings without starting anything. */
    private Optional<PipelineFolder> namedFolder() {
        DbProvider provider = provider();
        if (provider == DbProvider.AUTO) {
            provider = settings.isSet(kind.host) ? DbProvider.EXTERNAL : Docker.isAvailable() ? DbProvider.TESTCONTAINERS : DbProvider.EMBEDDED;
        }
        String database = settings.identifier(kind.database);
        return switch (provider) {
            case EMBEDDED -> Optional.of(PipelineFolder.of(settings.stateDir(), DbProvider.EMBEDDED,
                    new DbSettings(kind, "127.0.0.1", 0, "", "", database)));
            case EXTERNAL -> {
                settings.require("The configured " + kind.displayName() + " server", kind.host, kind.port, kind.database);
                yield Optional.of(PipelineFolder.of(settings.stateDir(), DbProvider.EXTERNAL, DbSettings.fromSettings(kind, settings)));
            }
            // a container is new every time: only the running pipeline's own is there to find
            default -> Optional.empty();
        };
    }

    /** The database of a pipeline folder: its embedded server (started if need be), its configured one, or none for a gone container. */
    public Optional<RunningDatabase> databaseOf(PipelineFolder folder, String why) {
        Optional<PipelineFolder.Server> server = folder.server();
        if (server.isEmpty() || server.get().provider() == DbProvider.TESTCONTAINERS && !folder.isRunning()) {
            return Optional.empty();
        }
        PipelineFolder.Server s = server.get();
        return Optional.of(switch (s.provider()) {
            case EMBEDDED -> DatabaseProvisioner.provision(kind, DbProvider.EMBEDDED,
                    settings.with(Map.of(kind.database, s.database())), why);
            case TESTCONTAINERS -> RunningDatabase.borrowed(s.db(ContainerServers.password(settings.stateDir())), DbProvider.TESTCONTAINERS,
                    "Using the container of the local pipeline at " + s.db("").address() + " (" + why + ").");
            // the remembered user, not the user setting: a user alone names no server, and the one set is the
            // configured server's (LocalCommandsTest: MYSQL_USERNAME=root in the environment, pipeline on another)
            default -> RunningDatabase.borrowed(s.db(settings.get(kind.password)), DbProvider.EXTERNAL,
                    "Using " + s.describe() + " (" + why + ").");
        });
    }

    /** The running pipeline's database, held for this command (an embedded server stays up until it is done). */
    public RunningDatabase ofPipeline(PipelineState state) {
        // the settings may name this very server: then they are the reason, not the state folder
        String why = namedBy().map(named -> named + " names it").orElse("nothing names another server");
        RunningDatabase db = databaseOf(state.pipelineFolder(), why).orElseThrow(() -> new CookbookException(
                "The running pipeline's folder " + state.folder() + " does not say which server it captures.",
                "Stop it and run remove-pipeline, then create it again."));
        return new RunningDatabase(db.settings(), db.provider(), "Using the database of the running local pipeline (pid "
                + state.pid() + "): " + state.describe().substring(state.describe().indexOf(", ") + 2) + " (" + why + ").", db);
    }

    private CookbookException severalRunning(List<PipelineState> running) {
        return new CookbookException(running.size() + " local " + kind.displayName() + " pipelines are running (" + list(running)
                + "), and nothing names one of their servers.",
                "Name it: " + kind.host.name() + " (and " + kind.port.name() + ", " + kind.database.name()
                        + ") for a configured server, --db-provider embedded for the embedded one.");
    }

    private static String list(List<PipelineState> running) {
        return running.stream().map(PipelineState::describe).collect(Collectors.joining("; "));
    }
}
