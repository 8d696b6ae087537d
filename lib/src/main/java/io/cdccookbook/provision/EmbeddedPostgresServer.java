package io.cdccookbook.provision;

import io.cdccookbook.config.PrivateFiles;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * zonky's embedded PostgreSQL, configured for logical decoding, with its data in {@code <home>/data}. It
 * listens on 127.0.0.1 only, has no Unix socket, and takes only password logins (scram-sha-256) through a
 * pg_hba.conf of the cookbook's own; the password of the postgres user is set when initdb makes the data
 * folder. zonky unpacks PostgreSQL into {@code <home>/binaries} (0700), not its default
 * {@code ${java.io.tmpdir}/embedded-pg}, which it makes writable by everyone: there another local user could
 * replace pg_ctl or postgres and have them run as this user. pg_ctl runs the server in a session of its own,
 * so Ctrl-C in a terminal does not reach it.
 */
final class EmbeddedPostgresServer implements EmbeddedServers.Kind {

    static final String USER = "postgres";

    private static final String ZONKY_WORKING_DIR = "ot.epg.working-dir";

    // A data folder made before the server had a password holds this file once it has one.
    private static final String PASSWORD_SET = "cdc-cookbook-password-set";

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String processName() {
        return "postgres";
    }

    @Override
    public EmbeddedServers.Started start(Path home, int port, String password) throws IOException, SQLException {
        Path data = home.resolve("data");
        Path hba = home.resolve("pg_hba.conf");
        Path passwordFile = home.resolve("password");
        boolean fresh = !Files.exists(data.resolve("postgresql.conf"));
        // An older data folder has no password yet: it gets one in the first second of this start, while
        // only loopback logins are let in without it. A new one is made with it.
        boolean needsPassword = !fresh && !Files.exists(data.resolve(PASSWORD_SET));
        PrivateFiles.write(hba, hba(needsPassword ? "trust" : "scram-sha-256"));
        Path log = PrivateFiles.emptyFile(home.resolve("server.log"));
        Path binaries = PrivateFiles.folder(home.resolve("binaries"));
        EmbeddedPostgres pg;
        try {
            pg = builder(PrivateFiles.folder(home.resolve("zonky")))
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPgBinaryResolver(new BinariesIn(binaries))
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false) // keep the rows between commands
                    .setPort(port)
                    .setRegisterShutdownHook(false) // the last command that uses it stops it, not the one that started it
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // initdb's options: the postgres user's password (read from the file, never on a command line)
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("hba_file", shellQuoted(hba.toString()))
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("wal_level", "logical")
                    // zonky turns synchronous commit off for speed; then the WAL sender only wakes every
                    // wal_writer_delay (200 ms) and changes reach Debezium in 200 ms lumps. Real servers commit
                    // synchronously, so this one does too.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    // the server writes its log to a file, never to the pipe of a command that may be gone
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } finally {
            // zonky makes its working folder writable by everyone (File.setWritable(true, false)) before it
            // unpacks: harmless inside this 0700 folder, and taken back here
            PrivateFiles.folder(binaries);
        }
        if (needsPassword) {
            setPassword(port, password);
            PrivateFiles.write(hba, hba("scram-sha-256"));
            reloadConfiguration(port, password);
        }
        if (!Files.exists(data.resolve(PASSWORD_SET))) {
            Files.writeString(data.resolve(PASSWORD_SET), "the postgres user has the password in ../password\n");
        }
        return new EmbeddedServers.Started(port, EmbeddedServers.pidIn(pidFile(home)), pg);
    }

    /**
     * zonky's builder with {@code parent} as its "parent directory": zonky creates that folder, and at every
     * start stops (pg_ctl stop) and deletes each folder in it that has an epg-lock file older than ten
     * minutes. It is {@code ${java.io.tmpdir}/embedded-pg} unless the system property {@value #ZONKY_WORKING_DIR}
     * says otherwise when the builder is made, and the builder has no setter for it: there another local user
     * could plant folders for this process to stop and delete. Here it is an empty folder of the server's
     * home (not the home itself, whose data folder holds an epg-lock).
     */
    private static EmbeddedPostgres.Builder builder(Path parent) {
        synchronized (System.getProperties()) {
            String before = System.getProperty(ZONKY_WORKING_DIR);
            System.setProperty(ZONKY_WORKING_DIR, parent.toString());
            try {
                return EmbeddedPostgres.builder();
            } finally {
                if (before == null) {
                    System.clearProperty(ZONKY_WORKING_DIR);
                } else {
                    System.setProperty(ZONKY_WORKING_DIR, before);
                }
            }
        }
    }

    /**
     * zonky's own binaries, unpacked into {@code folder}. zonky remembers per resolver where it unpacked,
     * for the life of the JVM: a resolver per folder keeps one state folder's server from running the
     * binaries of another's.
     */
    private record BinariesIn(Path folder) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }

    /** SIGINT: PostgreSQL's fast shutdown, which does not wait for clients to disconnect. */
    @Override
    public void requestStop(ProcessHandle process) throws IOException {
        EmbeddedServers.signal(process, "INT");
    }

    private static String hba(String method) {
        return """
                # Written by the CDC cookbook: logins over TCP from this machine only, with a password.
                # TYPE  DATABASE  USER  ADDRESS       METHOD
                host    all       all   127.0.0.1/32  %s
                """.formatted(method);
    }

    private static void setPassword(int port, String password) throws SQLException {
        try (Connection c = connect(port, password);
             PreparedStatement ps = c.prepareStatement("SELECT format('ALTER ROLE postgres PASSWORD %L', ?::text)")) {
            ps.setString(1, password);
            try (var rs = ps.executeQuery(); Statement s = c.createStatement()) {
                rs.next();
                s.execute(rs.getString(1));
            }
        }
    }

    private static void reloadConfiguration(int port, String password) throws SQLException {
        try (Connection c = connect(port, password); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
    }

    /** pg_ctl hands the server's options to a shell: a path with spaces must be quoted. */
    private static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    @Override
    public Path pidFile(Path home) {
        return home.resolve("data").resolve("postmaster.pid");
    }
}
