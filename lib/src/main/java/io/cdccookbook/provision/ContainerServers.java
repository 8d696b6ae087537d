package io.cdccookbook.provision;

import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Throwaway database containers configured for CDC. They stop with the process that started them. */
public final class ContainerServers {

    static final String POSTGRES_IMAGE = "postgres:16-alpine";
    static final String MYSQL_IMAGE = "mysql:8.4";
    /** Throwaway containers get a fixed, public password: it protects nothing. */
    static final String PASSWORD = "throwaway-container-pw";

    /** The password of the cookbook's containers, for commands that join a running pipeline's one. */
    public static String password() {
        return PASSWORD;
    }

    private ContainerServers() {
    }

    static RunningDatabase start(SourceDb kind, String database) {
        JdbcDatabaseContainer<?> container = switch (kind) {
            case PG -> new PostgreSQLContainer(POSTGRES_IMAGE)
                    .withDatabaseName(database)
                    .withPassword(PASSWORD)
                    // withCommand replaces the image's default, so keep fsync=off from Testcontainers' own
                    .withCommand("postgres", "-c", "fsync=off", "-c", "wal_level=logical");
            // MySQL 8 logs ROW/FULL binlogs by default; root may read them.
            case MYSQL -> new MySQLContainer(MYSQL_IMAGE)
                    .withDatabaseName(database)
                    .withUsername("root")
                    .withPassword(PASSWORD);
        };
        container.start();
        DbSettings settings = new DbSettings(kind, container.getHost(), container.getFirstMappedPort(),
                container.getUsername(), container.getPassword(), database);
        return new RunningDatabase(settings, DbProvider.TESTCONTAINERS,
                "a " + (kind == SourceDb.PG ? POSTGRES_IMAGE : MYSQL_IMAGE) + " container", container::stop);
    }
}
