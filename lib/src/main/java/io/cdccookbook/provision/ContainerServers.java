package io.cdccookbook.provision;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.cdccookbook.config.PrivateFiles;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.nio.file.Path;

/**
 * Throwaway database containers configured for CDC. They stop with the process that started them. Their
 * port is published on 127.0.0.1 only (Docker publishes on every interface unless told), and their
 * password is the one kept for containers in the state folder.
 */
public final class ContainerServers {

    static final String POSTGRES_IMAGE = "postgres:16-alpine";
    static final String MYSQL_IMAGE = "mysql:8.4";

    private ContainerServers() {
    }

    /** The password of the cookbook's containers, for commands that join a running pipeline's one. */
    public static String password(Path stateDir) {
        return PrivateFiles.secret(stateDir.resolve("containers").resolve("password"));
    }

    static RunningDatabase start(SourceDb kind, String database, Path stateDir) {
        String password = password(stateDir);
        JdbcDatabaseContainer<?> container = switch (kind) {
            case PG -> new PostgreSQLContainer(POSTGRES_IMAGE)
                    .withDatabaseName(database)
                    .withPassword(password)
                    // withCommand replaces the image's default, so keep fsync=off from Testcontainers' own
                    .withCommand("postgres", "-c", "fsync=off", "-c", "wal_level=logical");
            // MySQL 8 logs ROW/FULL binlogs by default; root may read them.
            case MYSQL -> new MySQLContainer(MYSQL_IMAGE)
                    .withDatabaseName(database)
                    .withUsername("root")
                    .withPassword(password);
        };
        int internalPort = kind == SourceDb.PG ? 5432 : 3306;
        container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(internalPort))));
        container.start();
        DbSettings settings = new DbSettings(kind, "127.0.0.1", container.getFirstMappedPort(),
                container.getUsername(), container.getPassword(), database);
        return new RunningDatabase(settings, DbProvider.TESTCONTAINERS,
                "a " + (kind == SourceDb.PG ? POSTGRES_IMAGE : MYSQL_IMAGE) + " container", container::stop);
    }
}
