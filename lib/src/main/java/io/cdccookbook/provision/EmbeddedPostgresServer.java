package io.cdccookbook.provision;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** zonky's embedded PostgreSQL, configured for logical decoding, with its data in {@code <home>/data}. */
final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {
    }

    static EmbeddedServers.Started start(Path home, int port) throws IOException {
        Path data = home.resolve("data");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false) // keep the rows between commands
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                .start();
        return new EmbeddedServers.Started(port, postmasterPid(data), pg);
    }

    /** The server's process id: the first line of postmaster.pid. */
    private static long postmasterPid(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }
}
