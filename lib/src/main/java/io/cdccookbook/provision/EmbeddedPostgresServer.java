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
                // zonky turns synchronous commit off for speed; then the WAL sender only wakes every
                // wal_writer_delay (200 ms) and changes reach Debezium in 200 ms lumps. Real servers commit
                // synchronously, so this one does too.
                .setServerConfig("synchronous_commit", "on")
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
