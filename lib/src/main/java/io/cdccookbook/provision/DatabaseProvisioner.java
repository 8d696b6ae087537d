package io.cdccookbook.provision;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;

import java.nio.file.Path;

/**
 * Finds or starts the source database: the configured server, a container, or an embedded server.
 * The {@link RunningDatabase#description()} says which one and why, in terms of what the user did (a
 * setting and where it came from, an option), so the user is never left guessing.
 */
public final class DatabaseProvisioner {

    private DatabaseProvisioner() {
    }

    /** With the reason for an explicit provider given by where it came from: {@code --db-provider embedded}. */
    public static RunningDatabase provision(SourceDb kind, DbProvider provider, Settings settings) {
        return provision(kind, provider, settings, "--db-provider " + provider.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * @param why for an explicit provider, what chose it, e.g. "--db-provider embedded" or
     *            "CDC_DB_PROVIDER=embedded from the environment"; AUTO explains itself
     */
    public static RunningDatabase provision(SourceDb kind, DbProvider provider, Settings settings, String why) {
        String database = settings.identifier(kind.database);
        return switch (provider) {
            case EXTERNAL -> external(kind, settings, why);
            case EMBEDDED -> embedded(kind, database, settings, why);
            case TESTCONTAINERS -> {
                if (!Docker.isAvailable()) {
                    throw new CookbookException(why + " needs Docker, and no Docker engine answers here.",
                            "Start Docker, or use --db-provider embedded (no Docker needed).");
                }
                yield containers(kind, database, settings, why);
            }
            case AUTO -> {
                String host = kind.host.name();
                if (settings.isSet(kind.host)) {
                    yield external(kind, settings, host + " is set (" + settings.where(kind.host) + ")");
                }
                if (Docker.isAvailable()) {
                    yield containers(kind, database, settings, host + " is not set and Docker is available");
                }
                yield embedded(kind, database, settings, host + " is not set and Docker is not available");
            }
        };
    }

    /** The folder of the embedded server of {@code kind} in a state folder. */
    public static Path embeddedHome(Path stateDir, SourceDb kind) {
        return stateDir.resolve("embedded").resolve(kind == SourceDb.PG ? "postgres" : "mariadb");
    }

    private static RunningDatabase external(SourceDb kind, Settings settings, String why) {
        settings.require("The configured " + kind.displayName() + " server", kind.host, kind.port, kind.user, kind.database);
        DbSettings db = DbSettings.fromSettings(kind, settings);
        return RunningDatabase.borrowed(db, DbProvider.EXTERNAL,
                "Using the configured " + kind.displayName() + " server " + db.address() + "/" + db.shownDatabase()
                        + " (" + why + ").");
    }

    private static RunningDatabase containers(SourceDb kind, String database, Settings settings, String why) {
        RunningDatabase db = ContainerServers.start(kind, database, settings.stateDir());
        return new RunningDatabase(db.settings(), DbProvider.TESTCONTAINERS,
                "Using " + db.description() + " at " + db.settings().address() + " (" + why
                        + "); it goes away when this command ends.", db);
    }

    private static RunningDatabase embedded(SourceDb kind, String database, Settings settings, String why) {
        EmbeddedServers.Kind server = kind == SourceDb.PG ? new EmbeddedPostgresServer() : new EmbeddedMariaDbServer();
        EmbeddedServers.Lease lease = EmbeddedServers.obtain(embeddedHome(settings.stateDir(), kind), server);
        String user = kind == SourceDb.PG ? EmbeddedPostgresServer.USER : EmbeddedMariaDbServer.USER;
        DbSettings db = new DbSettings(kind, "127.0.0.1", lease.port(), user, lease.password(), database);
        return new RunningDatabase(db, DbProvider.EMBEDDED,
                "Using an embedded " + server.name() + " on port " + lease.port() + ", " + lease.how() + " (" + why + ").",
                lease.release());
    }

    /** Why {@code provider} was chosen when it came from a setting rather than the --db-provider option. */
    public static String reason(Settings settings) {
        return Setting.CDC_DB_PROVIDER.name() + "=" + settings.get(Setting.CDC_DB_PROVIDER) + " (" + settings.where(Setting.CDC_DB_PROVIDER) + ")";
    }
}
