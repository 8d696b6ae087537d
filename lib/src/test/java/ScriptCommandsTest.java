import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.PasswordProtectedPostgres;
import io.cdccookbook.testing.CommandRun;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripts in scripts/ as a user runs them: arguments in, exit code and output out. They run
 * in-process against the test run's embedded servers.
 */
class ScriptCommandsTest {

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void emptySettingsFile() throws IOException {
        config = Files.writeString(dir.resolve("cdc.properties"), "# tests pass what they need with --set\n");
    }

    private CommandRun run(Object command, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString(), "--set", "CDC_STATE_DIR=" + TestDatabases.stateDir(),
                "--set", "PG_DATABASE=" + TestDatabases.TEST_DATABASE, "--set", "MYSQL_DB_NAME=" + TestDatabases.TEST_DATABASE));
        return runRaw(command, all.toArray(String[]::new));
    }

    private static CommandRun runRaw(Object command, String... args) {
        return CommandRun.of(command, args);
    }

    /** One line saying what is wrong and what to do, no stack trace; notices such as "Using ..." may precede it. */
    private static void assertOneLineError(CommandRun run, int exit, String... fragments) {
        assertThat(run.exit()).as(run.all()).isEqualTo(exit);
        List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(run.all()).filteredOn(l -> l.startsWith("error: ")).singleElement()
                .satisfies(line -> assertThat(line).contains(fragments));
        assertThat(lines).as(run.all()).allSatisfy(l -> assertThat(l).doesNotContain("Exception", "\tat "));
        assertThat(lines.size()).as(run.all()).isLessThanOrEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void generateEventsCreatesTheTableAndSummarises(SourceDb kind) {
        TestDatabases.embedded(kind);
        CommandRun drop = run(new DropTable(), "--source-db", kind.name().toLowerCase(), "--db-provider", "embedded",
                "--set", "USERS_TABLE_NAME=users_script");
        assertThat(drop.exit()).as(drop.all()).isZero();

        CommandRun run = run(new GenerateEvents(), "--source-db", kind.name().toLowerCase(), "--db-provider", "embedded", "-n", "40",
                "--seed", "1", "--delete-mode", "HARD", "--set", "USERS_TABLE_NAME=users_script");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.err()).contains("Using an embedded " + (kind == SourceDb.PG ? "PostgreSQL" : "MariaDB"));
        assertThat(run.out()).containsPattern("40 events in [0-9.]+ s \\([0-9]+ events/s\\): [0-9]+ inserts, [0-9]+ updates, 0 soft deletes, [0-9]+ hard deletes");

        CommandRun fetch = run(new FetchUsers(), "--source-db", kind.name(), "--db-provider", "embedded", "--set", "USERS_TABLE_NAME=users_script");
        assertThat(fetch.exit()).isZero();
        assertThat(fetch.out()).contains("email_verified").containsPattern("[0-9]+ rows\\.");

        CommandRun dropped = run(new DropTable(), "--source-db", kind.name(), "--db-provider", "embedded", "--set", "USERS_TABLE_NAME=users_script");
        assertThat(dropped.out()).contains("Dropped table users_script.");
        CommandRun again = run(new DropTable(), "--source-db", kind.name(), "--db-provider", "embedded", "--set", "USERS_TABLE_NAME=users_script");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("did not exist; nothing to do");
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void generateEventsOnTablesOfOnesOwnChecksEveryTableBeforeTheFirstEvent(SourceDb kind) throws Exception {
        var db = TestDatabases.borrowed(new TestDatabases.Target("embedded", kind, () -> TestDatabases.embedded(kind)),
                TestDatabases.TEST_DATABASE).database("gen_own");
        TestDatabases.execute(db, "DROP TABLE IF EXISTS gen_own", "DROP TABLE IF EXISTS gen_flagged",
                "CREATE TABLE gen_own (region varchar(8) NOT NULL, id int NOT NULL, amount numeric(8,2), PRIMARY KEY (region, id))",
                "CREATE TABLE gen_flagged (flag boolean PRIMARY KEY, note text)");
        String[] own = {"--source-db", kind.name(), "--db-provider", "embedded", "--table", "gen_own", "-n", "30", "--seed", "3",
                "--edge-values", "0.5"};

        CommandRun run = run(new GenerateEvents(), own);
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).containsPattern("30 events in [0-9.]+ s \\([0-9]+ events/s\\): [1-9][0-9]* inserts, [0-9]+ updates, 0 soft deletes");
        long rows = rows(db);
        assertThat(rows).isPositive();

        // a key the generator cannot make, named after a table it can: nothing is generated on either
        assertOneLineError(run(new GenerateEvents(), "--source-db", kind.name(), "--db-provider", "embedded", "--table", "gen_own",
                "--table", "gen_flagged", "-n", "5"), 1, "The generator cannot make keys of", "flag");
        assertThat(rows(db)).as("check first: no event on the first table either").isEqualTo(rows);
        assertOneLineError(run(new GenerateEvents(), "--source-db", kind.name(), "--db-provider", "embedded", "--table", "gen_nope"), 1,
                "There is no table gen_nope");
        assertOneLineError(runRaw(new GenerateEvents(), "--edge-values", "1.5"), 2, "--edge-values must be between 0 and 1, not 1.5.");
        TestDatabases.execute(db, "DROP TABLE gen_own", "DROP TABLE gen_flagged");
    }

    private static long rows(io.cdccookbook.source.SourceDatabase db) {
        Long n = db.run("count", c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + db.table())) {
                rs.next();
                return rs.getLong(1);
            }
        });
        return n;
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void testConnectionPrintsATableOfChecks(SourceDb kind) {
        TestDatabases.embedded(kind);
        CommandRun run = run(new TestConnection(), "--source-db", kind.name(), "--db-provider", "embedded");
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.out()).contains("check", "result", "hint", "connect", "PASS", "All checks passed.")
                .contains(kind == SourceDb.PG ? "wal_level" : "binlog_row_image").doesNotContain("FAIL");
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        CommandRun run = runRaw(new GenerateEvents(), "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--source-db", "--num-events", "--delete-mode", "--seed", "--rate", "--batch",
                "--insert-weight", "--update-weight", "--delete-weight", "--address-update-probability", "--db-provider",
                "--config", "--set", "--verbose");
    }

    @Test
    void anUnknownSourceDatabaseIsOneLineAndExitTwo() {
        assertOneLineError(runRaw(new GenerateEvents(), "--source-db", "ORACLE"), 2,
                "Invalid value for option '--source-db'", "Unknown source database 'ORACLE'", "Use PG or MYSQL", "--help");
    }

    @Test
    void aNegativeNumberOfEventsIsOneLineAndExitTwo() {
        assertOneLineError(runRaw(new GenerateEvents(), "--num-events", "-5"), 2, "--num-events must be 0 or more, not -5.");
        assertOneLineError(runRaw(new GenerateEvents(), "--batch", "0"), 2, "--batch must be 1 or more");
    }

    @Test
    void anUnknownOptionIsOneLineAndExitTwo() {
        assertOneLineError(runRaw(new GenerateEvents(), "--num-event", "5"), 2, "Unknown option", "generate-events --help");
    }

    @Test
    void aQuoteInASetValueIsKeptAndNothingPrintsTheValue() throws Exception {
        // in a JVM of its own: picocli's warnings went to the process's stderr, which an in-process run does not see
        io.cdccookbook.testing.CommandProcess process = io.cdccookbook.testing.CommandProcess.start(dir, "quote", false, java.util.Map.of(),
                "TestConnection", "--target", "local", "--set", "PG_PASSWORD=Secr\"etXY", "--set", "PG_HOST_URL=127.0.0.1", "--set", "PG_PORT=1");
        assertThat(process.exitCode(120)).as(process.output()).isEqualTo(1);
        assertThat(process.output()).contains("127.0.0.1:1").doesNotContain("etXY", "picocli");
        CommandRun quoted = runRaw(new FetchUsers(), "--config", config.toString(), "--set", "PG_DATABASE=\"abc\"");
        assertOneLineError(quoted, 2, "PG_DATABASE '\"abc\"' (from --set) is not a valid name");
    }

    @Test
    void aSetPairWithoutEqualsIsOneLineWithoutRepeatingItOrSayingOptionTwice() {
        CommandRun run = runRaw(new FetchUsers(), "--set", "p.SomeTokenTypedWithoutKey");
        assertOneLineError(run, 2, "--set", "has no '='");
        assertThat(run.all()).doesNotContain("p.SomeTokenTypedWithoutKey", "option option");
    }

    @Test
    void aPortWithoutAHostFromSetIsACommandLineError() {
        assertOneLineError(run(new FetchUsers(), "--set", "PG_HOST_URL=", "--set", "PG_PORT=1"), 2, "PG_PORT=1 (from --set) names a port");
    }

    @Test
    void aUrlShapedHostShowsTheUserButNotThePassword() {
        CommandRun run = run(new FetchUsers(), "--set", "PG_HOST_URL=postgresql://admin:Hunter2Secret@db.example.com:5432/app");
        assertOneLineError(run, 2, "postgresql://admin:********@db.example.com:5432/app", "is a URL");
        assertThat(run.all()).doesNotContain("Hunter2Secret");
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // before the bounds, --poll-interval 9223372036854775807 never returned
    void hugeDurationsAreRangeErrorsNotOverflowsOrEndlessWaits() {
        for (String[] args : List.of(new String[]{"--timeout", "" + Long.MAX_VALUE}, new String[]{"--poll-interval", "" + Long.MAX_VALUE})) {
            CommandRun run = runRaw(new CompareTables(), "-n", "1", args[0], args[1]);
            assertOneLineError(run, 2, args[0] + " must be from 1 to");
            assertThat(run.all()).doesNotContain("ArithmeticException");
        }
    }

    @Test
    void aTokenThatCannotGoInAHeaderIsOneLineWithoutTheToken() {
        CommandRun run = run(new TestConnection(), "--target", "tinybird", "--set", "TINYBIRD_API_KEY=p.Secr\u00fcetTokenValue");
        assertOneLineError(run, 2, "TINYBIRD_API_KEY", "visible ASCII");
        assertThat(run.all()).doesNotContain("Secr", "IllegalArgumentException");
    }

    @Test
    void aDeviceAsConfigIsNotARegularFile() {
        assertOneLineError(runRaw(new FetchUsers(), "--config", "/dev/zero"), 2, "/dev/zero is not a regular file");
    }

    @Test
    void aPlantedSettingsFileOfAnotherUserIsRefusedAndTestConnectionSaysWhichFileItReads() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to act as nobody");
        Path shared = Files.createDirectories(dir.resolve("shared/sub"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(shared.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Process p = new ProcessBuilder("runuser", "-u", "nobody", "--", "sh", "-c",
                "printf 'TINYBIRD_API_URI=http://127.0.0.1:7199\\nCDC_STATE_DIR=/tmp/planted\\n' > '" + shared.getParent().resolve("cdc.properties") + "'")
                .inheritIO().start();
        assertThat(p.waitFor()).isZero();
        Path planted = shared.getParent().resolve("cdc.properties");
        assertThat(Files.getOwner(planted).getName()).isEqualTo("nobody");

        // named: refused with exit code 1, naming the file and the fix
        assertOneLineError(runRaw(new FetchUsers(), "--config", planted.toString()), 1, planted.toString(), "belongs to nobody", "chown");
        // test-connection says which file it read
        CommandRun mine = run(new TestConnection(), "--target", "local", "--set", "PG_HOST_URL=127.0.0.1", "--set", "PG_PORT=1");
        assertThat(mine.err()).contains("Settings: " + config.toAbsolutePath().normalize() + " (--config).");
    }

    @Test
    void aMissingSettingNamesItAndWhereToSetIt() {
        CommandRun run = run(new GenerateEvents(), "--db-provider", "external", "--set", "PG_HOST_URL="); // empty beats the environment
        assertOneLineError(run, 1, "needs PG_HOST_URL", "which is not set", config.toString(), "--set PG_HOST_URL=");
    }

    @Test
    void aClosedPortIsOneLineNamingTheAddress() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CommandRun run = run(new GenerateEvents(), "--set", "PG_HOST_URL=127.0.0.1", "--set", "PG_PORT=" + closed);
        assertOneLineError(run, 1, "Cannot reach PostgreSQL at 127.0.0.1:" + closed + ": connection refused.", "PG_HOST_URL/PG_PORT");
    }

    @Test
    void aRefusedPasswordIsOneLineAndTheSecretNeverPrints() throws Exception {
        String wrong = "wrong-Password-4711";
        try (PasswordProtectedPostgres pg = new PasswordProtectedPostgres(dir.resolve("pw"))) {
            CommandRun run = run(new TestConnection(), "--set", "PG_HOST_URL=127.0.0.1", "--set", "PG_PORT=" + pg.port(),
                    "--set", "PG_USERNAME=" + PasswordProtectedPostgres.USER, "--set", "PG_PASSWORD=" + wrong);
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("FAIL", "refused the login of user 'cdc_app'", "Check PG_USERNAME and PG_PASSWORD");
            assertThat(run.all()).doesNotContain(wrong);

            CommandRun generate = run(new GenerateEvents(), "--verbose", "--set", "PG_HOST_URL=127.0.0.1", "--set", "PG_PORT=" + pg.port(),
                    "--set", "PG_USERNAME=" + PasswordProtectedPostgres.USER, "--set", "PG_PASSWORD=" + wrong);
            assertThat(generate.exit()).isEqualTo(1);
            assertThat(generate.err()).contains("\nerror: PostgreSQL at 127.0.0.1:" + pg.port() + " refused the login of user 'cdc_app'. Check PG_USERNAME and PG_PASSWORD.\n")
                    .contains("\tat ") // --verbose shows the stack trace
                    .doesNotContain(wrong);

            CommandRun right = run(new TestConnection(), "--set", "PG_HOST_URL=127.0.0.1", "--set", "PG_PORT=" + pg.port(),
                    "--set", "PG_USERNAME=" + PasswordProtectedPostgres.USER, "--set", "PG_PASSWORD=" + PasswordProtectedPostgres.PASSWORD);
            assertThat(right.out()).contains("connect").doesNotContain(PasswordProtectedPostgres.PASSWORD);
        }
    }

    @Test
    void aPasswordEqualToTheUserNameWarnsAndDoesNotGarbleTheUserName() throws Exception {
        String same = "samepw_4711";
        try (PasswordProtectedPostgres pg = new PasswordProtectedPostgres(dir.resolve("same"))) {
            pg.createLogin(same, same);
            // run without the suite's recorder: the user name is printed on purpose, and it is the password
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine cmd = io.cdccookbook.cli.Cli.commandLine(new TestConnection());
            cmd.setOut(new java.io.PrintWriter(out, true));
            cmd.setErr(new java.io.PrintWriter(err, true));
            int exit = cmd.execute("--config", config.toString(), "--target", "local", "--set", "PG_HOST_URL=127.0.0.1",
                    "--set", "PG_PORT=" + pg.port(), "--set", "PG_USERNAME=" + same, "--set", "PG_PASSWORD=" + same,
                    "--set", "PG_DATABASE=postgres");
            String all = out + "\n" + err;
            assertThat(all).contains("WARN", "the password of " + same + " is the user name", "Choose another one")
                    .contains(same + "@127.0.0.1:" + pg.port() + "/postgres")
                    .contains("127.0.0.1:" + pg.port() + "/postgres (PG_HOST_URL is set (from --set))")
                    .doesNotContain("********@", "********_");
            assertThat(exit).as("a warning is not a failure, but wal_level is: " + all).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void aTableOfTheSameNameWithOtherColumnsIsNamedNotGuessedAt(SourceDb kind) throws Exception {
        var server = TestDatabases.borrowed(TestDatabases.all().map(n -> n.getPayload()).filter(t -> t.kind() == kind)
                .findFirst().orElseThrow(), TestDatabases.TEST_DATABASE);
        io.cdccookbook.source.SourceDatabase other = server.database("users_other");
        other.dropUsersTable();
        other.run("make a table of someone else's", c -> {
            try (var st = c.createStatement()) {
                st.execute("CREATE TABLE users_other (id INT PRIMARY KEY, name VARCHAR(10), nickname VARCHAR(10))");
            }
            return null;
        });
        try {
            CommandRun run = run(new GenerateEvents(), "--source-db", kind.name(), "--db-provider", "embedded", "-n", "5",
                    "--set", "USERS_TABLE_NAME=users_other");
            assertOneLineError(run, 1, "Table users_other", "is not the cookbook's users table: it lacks email, address",
                    "it has nickname", "Set USERS_TABLE_NAME to another name");
        } finally {
            other.dropUsersTable();
        }
    }
}
