package io.cdccookbook.provision;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Settings;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;

import java.nio.file.Path;

/**
 * Finds or starts the source database: the configured server, a container, or an embedded server.
 * The {@link RunningDatabase#description()} says which one and why, so the user is never left guessing.
 */
public final class DatabaseProvisioner {

    private DatabaseProvisioner() {
    }

    public static RunningDatabase provision(SourceDb kind, DbProvider provider, Settings settings) {
        String database = settings.identifier(kind.database);
        String hostSetting = kind.host.name();
        return switch (provider) {
            case EXTERNAL -> external(kind, settings, "--db-provider external");
            case EMBEDDED -> embedded(kind, database, settings.stateDir(), "--db-provider embedded");
            case TESTCONTAINERS -> {
                if (!Docker.isAvailable()) {
                    throw new CookbookException("--db-provider testcontainers needs Docker, and no Docker engine answers here.",
                            "Start Docker, or use --db-provider embedded (no Docker needed).");
                }
                yield containers(kind, database, "--db-provider testcontainers");
            }
            case AUTO -> {
                if (settings.isSet(kind.host)) {
                    yield external(kind, settings, hostSetting + " is set");
                }
                if (Docker.isAvailable()) {
                    yield containers(kind, database, hostSetting + " is not set and Docker is available");
                }
                yield embedded(kind, database, settings.stateDir(),
                        hostSetting + " is not set and Docker is not available");
            }
        };
    }

    private static RunningDatabase external(SourceDb kind, Settings settings, String why) {
        settings.require("The configured " + kind.displayName() + " server", kind.host, kind.port, kind.user, kind.database);
        DbSettings db = DbSettings.fromSettings(kind, settings);
        return new RunningDatabase(db, DbProvider.EXTERNAL,
                "Using the configured " + kind.displayName() + " server " + db.address() + "/" + db.database()
                        + " (" + why + ").", () -> { });
    }

    private static RunningDatabase containers(SourceDb kind, String database, String why) {
        RunningDatabase db = ContainerServers.start(kind, database);
        return new RunningDatabase(db.settings(), DbProvider.TESTCONTAINERS,
                "Using " + db.description() + " at " + db.settings().address() + " (" + why
                        + "); it goes away when this command ends.", db);
    }

    private static RunningDatabase embedded(SourceDb kind, String database, Path stateDir, String why) {
        String what = kind == SourceDb.PG ? "PostgreSQL" : "MariaDB";
        Path home = stateDir.resolve("embedded").resolve(kind == SourceDb.PG ? "postgres" : "mariadb");
        EmbeddedServers.Lease lease = EmbeddedServers.obtain(home, what,
                kind == SourceDb.PG ? EmbeddedPostgresServer::start : EmbeddedMariaDbServer::start);
        DbSettings db = new DbSettings(kind, "127.0.0.1", lease.port(), kind == SourceDb.PG ? "postgres" : "root", "",
                database);
        return new RunningDatabase(db, DbProvider.EMBEDDED,
                "Using an embedded " + what + " on port " + lease.port() + ", " + lease.how() + " (" + why + ").", lease.release());
    }
}
