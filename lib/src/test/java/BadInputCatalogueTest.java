import io.cdccookbook.config.Redactor;
import io.cdccookbook.config.Setting;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.Catalog;
import io.cdccookbook.testing.CommandRun;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Bad input, generated from the commands themselves: every command of jbang-catalog.json, every option of
 * its picocli model with values of the wrong type, out of range, empty, huge and shaped like injections,
 * and every setting with values its kind refuses, on the command line (--set) and in the settings file.
 * Each run must end with one readable line, exit code 2 for the command line and 1 for the file, no stack
 * trace, no secret, and nothing created: no file in its folder, no database on the servers it points at,
 * no file an injection would write. A new option or setting is covered without editing this test; an
 * option of type String is refused here until it has a type that says what it takes.
 */
class BadInputCatalogueTest {

    /** Options whose negative and huge numbers mean something (a seed). */
    private static final Set<String> NEGATIVE_ALLOWED = Set.of("--seed");
    /** After a quote in a secret: picocli's warnings printed what followed one. Never in the output. */
    private static final String HIDDEN = "hiddenTail" + UUID.randomUUID().toString().substring(0, 8);
    private static final String INJECTION = "'; DROP TABLE users; --";
    private static final String SECRET = "catalogue-secret-" + UUID.randomUUID();
    private static final AtomicInteger CASES = new AtomicInteger();
    /** This run's databases start with it: the test servers keep what earlier runs left. */
    private static final String PREFIX = "catalogue_" + Long.toHexString(System.currentTimeMillis()) + "_";

    @TempDir
    static Path dir;

    /** An existing file, which no option that wants a folder may take. */
    private static Path config() {
        try {
            Path file = dir.resolve("a-file.txt");
            return Files.exists(file) ? file : Files.writeString(file, "not a folder");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<OptionSpec> options(String command) {
        return new CommandLine(Catalog.command(command)).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    }

    @TestFactory
    Stream<DynamicTest> everyOptionOfEveryCommandWithBadValues() throws Exception {
        assertThat(Catalog.commandClasses()).as("the catalog lists the commands").hasSizeGreaterThan(5);
        List<DynamicTest> tests = new ArrayList<>();
        for (String command : Catalog.commandClasses()) {
            for (OptionSpec option : options(command)) {
                for (String value : badValues(command, option)) {
                    String name = option.longestName();
                    List<String> args = option.arity().max == 0 ? List.of(name + "=" + value) : List.of(name, value);
                    tests.add(DynamicTest.dynamicTest(command + " " + name + " " + shown(value), () -> check(command, args, name, 2, null)));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everySettingWithBadValuesOnTheCommandLineAndInTheFile() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String command : Catalog.commandClasses()) {
            for (Setting setting : Setting.values()) {
                for (String value : badValues(setting)) {
                    tests.add(DynamicTest.dynamicTest(command + " --set " + setting + "=" + shown(value),
                            () -> check(command, List.of("--set", setting.name() + "=" + value), setting.name(), 2, null)));
                    if (value.chars().noneMatch(Character::isISOControl)) {
                        tests.add(DynamicTest.dynamicTest(command + " cdc.properties " + setting + "=" + shown(value),
                                () -> check(command, List.of(), setting.name(), 1, setting.name() + "=" + value.replace("\\", "\\\\"))));
                    }
                }
            }
            for (String line : List.of("NO_SUCH_SETTING=1", "pg_host_url=lowercase")) {
                tests.add(DynamicTest.dynamicTest(command + " cdc.properties " + line, () -> check(command, List.of(), "Unknown setting", 1, line)));
            }
            for (String pair : List.of("NO_SUCH_SETTING=1", "NOEQUALS", "=1")) {
                tests.add(DynamicTest.dynamicTest(command + " --set " + pair, () -> check(command, List.of("--set", pair), "--set", 2, null)));
            }
        }
        return tests.stream();
    }

    /** Values no option of this type may take. */
    private static List<String> badValues(String command, OptionSpec option) {
        Class<?> type = option.type();
        List<String> values = new ArrayList<>(List.of(INJECTION, "x".repeat(10_000), "a\nb"));
        if (option.arity().max == 0) {
            return List.of("maybe", "yes please"); // (an empty value is picocli's "the default", not bad input)
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            values.addAll(List.of("abc", "", "1.5", "9".repeat(30), "$(touch " + dir.resolve("pwned") + ")", "0x10"));
            if (!NEGATIVE_ALLOWED.contains(option.longestName())) {
                values.add("-1");
                // the largest value of its type: no count or duration may take it (a Duration overflows, a wait never ends)
                values.add(type == int.class || type == Integer.class ? "" + Integer.MAX_VALUE : "" + Long.MAX_VALUE);
            }
        } else if (type == double.class || type == Double.class) {
            values.addAll(List.of("abc", "", "NaN", "Infinity", "-1", "1e309", "1e300"));
            if (option.longestName().equals("--rate")) {
                values.add("1e-300"); // an event in 10^292 years: for ever, in effect
            }
        } else if (option.longestName().equals("--out")) {
            // a folder to write into: a missing one is fine (it is made), a file or a name no system takes is not
            return List.of(config().toString(), "", "a\nb", "x".repeat(300));
        } else if (java.util.Arrays.asList(option.auxiliaryTypes()).contains(io.cdccookbook.table.TableName.class)) {
            return List.of(INJECTION, "x".repeat(10_000), "a\nb", "", "Users", "1abc", "my-table");
        } else if (java.util.Arrays.asList(option.auxiliaryTypes()).contains(io.cdccookbook.table.ColumnName.class)) {
            return List.of(INJECTION, "x".repeat(10_000), "a\nb", "", "users", "users.", ".id", "users.id.x", "Users.id", "users.a-b");
        } else if (type == Path.class) {
            return List.of(dir.resolve("missing.properties").toString(), dir.toString(), "");
        } else if (Map.class.isAssignableFrom(type)) {
            return List.of(); // --set: the settings cases
        } else if (type == String.class) {
            fail(command + " " + option.longestName() + " takes any String: give it a type (an enum, a number, a Path) that says what it takes");
        } else {
            values.addAll(List.of("nope", ""));
        }
        return values;
    }

    /** Values a setting of this kind refuses. */
    private static List<String> badValues(Setting setting) {
        return switch (setting.kind()) {
            case PORT -> List.of("0", "65536", "abc", "", "-1", "9".repeat(30), INJECTION, "54\"32" + HIDDEN);
            case IDENTIFIER -> List.of("Users", "a-b", "x;drop table t", "", "a".repeat(64), "1abc", INJECTION, "users\nx");
            case TABLES -> List.of("Users", "users,", "users,,orders", "users, users", "a-b", "x;drop table t", "a".repeat(64),
                    INJECTION, "users\nx");
            case COLUMNS -> List.of("users", "users.", ".id", "users.id.x", "Users.id", "users.id,", "users.a-b", INJECTION);
            case HOST -> List.of("postgresql://u:p@db.example.com:5432/shop", "db.example.com:5432", "db.example.com/shop", "a b",
                    INJECTION, "$(touch " + dir.resolve("pwned") + ")", "x".repeat(300));
            case CHOICE -> List.of("nope", "", INJECTION);
            // "" is "not set" where the default is nothing (CONFLUENT_SCHEMA_REGISTRY_URL): not bad input there
            case URL -> setting.defaultValue().isEmpty() ? List.of("ftp://x", "not a url", "http://", INJECTION)
                    : List.of("ftp://x", "not a url", "", "http://", INJECTION);
            // sent in HTTP headers: visible ASCII only; the value never shows, not even what follows a quote
            case CREDENTIAL -> List.of("p.Secr\u00fcet" + HIDDEN, "p.Secr\"\u00fcet" + HIDDEN, "key with space" + HIDDEN,
                    "p.\u00a0" + HIDDEN, "tab\t" + HIDDEN);
            case PLAIN, SECRET -> List.of();
        };
    }

    /** The settings every case starts from: valid, pointing at the test run's servers, with a database no one has. */
    private static List<String> baseArgs(String command, String database, Path config, Set<String> given) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("--target", "local");
        defaults.put("-n", command.equals("BenchGenerate") ? "1" : "0");
        defaults.put("--timeout", "5");
        defaults.put("--rounds", "1");
        defaults.put("--seconds", "1");
        defaults.put("--rate", "1");
        defaults.put("--rows", "1");
        defaults.put("--scenario", "latency");
        List<String> names = options(command).stream().flatMap(o -> Stream.of(o.names())).toList();
        List<String> args = new ArrayList<>();
        defaults.forEach((option, value) -> {
            if (names.contains(option) && !given.contains(option)) {
                args.addAll(List.of(option, value));
            }
        });
        if (names.contains("--out") && !given.contains("--out")) {
            args.addAll(List.of("--out", config.getParent().resolve("out").toString())); // a write would show in the case's folder
        }
        if (names.contains("--exit-when-synced") && !given.contains("--exit-when-synced")) {
            args.add("--exit-when-synced");
        }
        if (!given.contains("--config")) {
            args.addAll(List.of("--config", config.toString()));
        }
        DbSettings pg = TestDatabases.embedded(SourceDb.PG).settings();
        DbSettings mysql = TestDatabases.embedded(SourceDb.MYSQL).settings();
        for (String[] pair : new String[][]{{"CDC_STATE_DIR", config.getParent().resolve("state").toString()},
                {"PG_HOST_URL", "127.0.0.1"}, {"PG_PORT", "" + pg.port()}, {"PG_USERNAME", pg.user()}, {"PG_PASSWORD", pg.password()},
                {"PG_DATABASE", database}, {"MYSQL_HOST_URL", "127.0.0.1"}, {"MYSQL_PORT", "" + mysql.port()},
                {"MYSQL_USERNAME", mysql.user()}, {"MYSQL_PASSWORD", mysql.password()}, {"MYSQL_DB_NAME", database},
                {"USERS_TABLE_NAME", "catalogue"}, {"CONFLUENT_SECRET", SECRET}}) {
            args.addAll(List.of("--set", pair[0] + "=" + pair[1]));
        }
        return args;
    }

    private static void check(String command, List<String> bad, String named, int exit, String fileLine) throws Exception {
        int n = CASES.incrementAndGet();
        Path caseDir = Files.createDirectories(dir.resolve("case-" + n));
        Path config = Files.writeString(caseDir.resolve("cdc.properties"), fileLine == null ? "" : fileLine + "\n");
        String database = PREFIX + n;
        Set<String> given = bad.isEmpty() ? Set.of() : Set.of(bad.get(0).split("=")[0]);
        List<String> args = new ArrayList<>(bad);
        List<String> base = baseArgs(command, database, config, given);
        // the setting under test, from --set or the file, is not set by the base arguments too
        String key = fileLine != null ? fileLine.split("=")[0] : bad.size() == 2 && bad.get(0).equals("--set") ? bad.get(1).split("=")[0] : null;
        if (key != null) {
            org.junit.jupiter.api.Assumptions.assumeTrue(fileLine == null || System.getenv(key) == null,
                    "the environment sets " + key + ", which beats the settings file");
            for (int i = 0; i < base.size() - 1; i++) {
                if (base.get(i).equals("--set") && base.get(i + 1).startsWith(key + "=")) {
                    base.remove(i);
                    base.remove(i);
                    break;
                }
            }
        }
        args.addAll(base);
        CommandRun run = CommandRun.of(Catalog.command(command), args.toArray(String[]::new));

        String what = command + " " + Redactor.redact(String.join(" ", bad)) + (fileLine == null ? "" : " [file: " + shown(fileLine) + "]");
        assertThat(run.exit()).as(what + "\n" + run.all()).isEqualTo(exit);
        List<String> lines = run.all().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(what + ": one line").singleElement().satisfies(line -> {
            assertThat(line).startsWith("error: ").contains(named).hasSizeLessThan(600).doesNotContain("Exception", "\tat ");
            assertThat(line).doesNotContain(SECRET, TestDatabases.embedded(SourceDb.PG).settings().password());
            if (java.util.Arrays.stream(Setting.values()).anyMatch(s -> s.name().equals(key) && s.isSecret())) {
                assertThat(line).as(what + ": the secret's value").doesNotContain(HIDDEN, "Secr");
            }
        });
        try (var files = Files.list(caseDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as(what + ": nothing on disk").containsExactly("cdc.properties");
        }
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(databases()).as(what + ": nothing on the servers").noneMatch(d -> d.startsWith(PREFIX));
    }

    /** One connection per server for the whole catalogue: thousands of cases ask. */
    private static final Map<SourceDb, java.sql.Connection> SERVERS = new java.util.EnumMap<>(SourceDb.class);

    private static List<String> databases() throws Exception {
        List<String> names = new ArrayList<>();
        for (SourceDb kind : SourceDb.values()) {
            java.sql.Connection c = SERVERS.get(kind);
            if (c == null || !c.isValid(5)) {
                c = TestDatabases.embedded(kind).database("catalogue").connect();
                SERVERS.put(kind, c);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(kind == SourceDb.PG
                    ? "SELECT datname FROM pg_database" : "SELECT schema_name FROM information_schema.schemata")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static String shown(String value) {
        String oneLine = value.replace("\n", "\\n");
        return oneLine.length() > 40 ? oneLine.substring(0, 20) + "...(" + oneLine.length() + " chars)" : "'" + oneLine + "'";
    }
}
