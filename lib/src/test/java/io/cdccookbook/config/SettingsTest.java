package io.cdccookbook.config;

import io.cdccookbook.CookbookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("cdc.properties");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void commandLineOverridesEnvironmentWhichOverridesFileWhichOverridesDefaults() throws IOException {
        Path f = file("""
                PG_HOST_URL = file-host
                PG_PORT = 6000
                PG_DATABASE = from_file
                """);
        Settings s = Settings.load(f, Map.of("PG_PORT", "7000", "PG_DATABASE", "from_env"),
                Map.of("PG_DATABASE", "from_cli"), dir);

        assertThat(s.get(Setting.PG_USERNAME)).isEqualTo("postgres");
        assertThat(s.origin(Setting.PG_USERNAME)).isEqualTo(Settings.Origin.DEFAULT);
        assertThat(s.get(Setting.PG_HOST_URL)).isEqualTo("file-host");
        assertThat(s.origin(Setting.PG_HOST_URL)).isEqualTo(Settings.Origin.FILE);
        assertThat(s.port(Setting.PG_PORT)).isEqualTo(7000);
        assertThat(s.origin(Setting.PG_PORT)).isEqualTo(Settings.Origin.ENVIRONMENT);
        assertThat(s.identifier(Setting.PG_DATABASE)).isEqualTo("from_cli");
        assertThat(s.origin(Setting.PG_DATABASE)).isEqualTo(Settings.Origin.COMMAND_LINE);
    }

    @Test
    void findsTheFileInAParentFolderWithinTheCheckoutAndKeepsStateAtTheCheckoutsRoot() throws IOException {
        file("USERS_TABLE_NAME=people\n");
        Files.writeString(dir.resolve("jbang-catalog.json"), "{}");
        Path nested = Files.createDirectories(dir.resolve("notebooks/deeper"));

        Settings s = Settings.load(null, Map.of(), Map.of(), nested);

        assertThat(s.get(Setting.USERS_TABLE_NAME)).isEqualTo("people");
        assertThat(s.file()).isEqualTo(dir.resolve("cdc.properties").toAbsolutePath().normalize());
        assertThat(s.stateDir()).isEqualTo(dir.toAbsolutePath().normalize().resolve(".cdc-state"));
    }

    @Test
    void stopsLookingAtTheCheckoutRoot() throws IOException {
        file("USERS_TABLE_NAME=outside\n");
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.createDirectories(checkout.resolve(".git"));

        Settings s = Settings.load(null, Map.of(), Map.of(), checkout);

        assertThat(s.file()).isNull();
        assertThat(s.get(Setting.USERS_TABLE_NAME)).isEqualTo("users");
        assertThat(s.projectDir()).isEqualTo(checkout.toAbsolutePath().normalize());
    }

    @Test
    void cdcConfigEnvironmentVariableNamesTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("other.properties"), "MYSQL_DB_NAME=shop\n");
        Settings s = Settings.load(null, Map.of("CDC_CONFIG", f.toString()), Map.of(), Path.of("/"));
        assertThat(s.get(Setting.MYSQL_DB_NAME)).isEqualTo("shop");
    }

    @Test
    void outsideACheckoutOnlyTheWorkingFolderIsSearched() throws IOException {
        file("TINYBIRD_API_URI=http://127.0.0.1:7199\n");
        Path sub = Files.createDirectories(dir.resolve("sub"));

        Settings s = Settings.load(null, Map.of(), Map.of(), sub);

        assertThat(s.file()).isNull();
        assertThat(s.get(Setting.TINYBIRD_API_URI)).isEqualTo("api");
        assertThat(s.stateDir()).isEqualTo(sub.toAbsolutePath().normalize().resolve(".cdc-state"));
        assertThat(s.fileNotice()).contains("no settings file").contains(sub.toAbsolutePath().normalize().toString());
    }

    @Test
    void aSettingsFileOfAnotherUserIsRefusedWhereverItIsFound() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(isRoot(), "needs root to give a file to another user");
        Path planted = file("TINYBIRD_API_URI=http://127.0.0.1:7199\nCDC_STATE_DIR=/tmp/attacker\n");
        Files.setOwner(planted, planted.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("CDC_CONFIG", planted.toString()))) {
            assertThatThrownBy(() -> Settings.load(null, env, Map.of(), dir))
                    .isInstanceOf(SettingException.class)
                    .hasMessageContaining(planted.toString()).hasMessageContaining("belongs to nobody")
                    .extracting(e -> ((SettingException) e).fromCommandLine()).isEqualTo(false);
        }
        assertThatThrownBy(() -> Settings.load(planted, Map.of(), Map.of(), dir)).hasMessageContaining("belongs to nobody");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-rw-r--", "rw-r--rw-"})
    void aSettingsFileOthersCanWriteIsRefused(String mode) throws IOException {
        Path f = file("PG_PORT=5432\n");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
        assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of(), dir))
                .isInstanceOf(SettingException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("other users can change")
                .extracting(e -> ((CookbookException) e).hint()).asString().contains("chmod go-w " + f);
    }

    @Test
    void theNoticeSaysWhichFileWasRead() throws IOException {
        Path f = file("PG_PORT=5432\n");
        assertThat(Settings.load(null, Map.of(), Map.of(), dir).fileNotice()).contains(f.toString()).contains("working folder");
        assertThat(Settings.load(f, Map.of(), Map.of(), dir).fileNotice()).contains(f.toString()).contains("--config");
        assertThat(Settings.load(null, Map.of("CDC_CONFIG", f.toString()), Map.of(), dir).fileNotice()).contains("CDC_CONFIG");
    }

    @Test
    void anExplicitFileDoesNotMoveTheStateFolderToItsOwnFolder() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path f = Files.writeString(elsewhere.resolve("my.properties"), "PG_PORT=5432\n");
        Path work = Files.createDirectories(dir.resolve("work"));

        Settings s = Settings.load(f, Map.of(), Map.of(), work);

        assertThat(s.stateDir()).isEqualTo(work.toAbsolutePath().normalize().resolve(".cdc-state"));
    }

    @Test
    void aStateFolderInAFolderEveryoneMayWriteIsRefused() throws IOException {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Settings s = Settings.load(null, Map.of(), Map.of(), shared);
        assertThatThrownBy(s::stateDir).isInstanceOf(SettingException.class)
                .hasMessageContaining(shared.toAbsolutePath().normalize().toString()).hasMessageContaining("other users can write");
    }

    @Test
    void aSettingsFileInAFolderOfAnotherUserOrOneOthersMayChangeIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(isRoot(), "needs root to give a folder to another user");
        Path theirs = Files.createDirectories(dir.resolve("theirs"));
        Path mine = Files.writeString(theirs.resolve("cdc.properties"), "PG_PORT=5432\n");
        Files.setPosixFilePermissions(mine, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertThatThrownBy(() -> Settings.load(mine, Map.of(), Map.of(), dir)).isInstanceOf(SettingException.class)
                .hasMessageContaining("is in " + theirs).hasMessageContaining("a folder of nobody");

        Path shared = Files.createDirectories(dir.resolve("shared-cfg"));
        Path inShared = Files.writeString(shared.resolve("cdc.properties"), "PG_PORT=5432\n");
        Files.setPosixFilePermissions(inShared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> Settings.load(inShared, Map.of(), Map.of(), dir)).isInstanceOf(SettingException.class)
                .hasMessageContaining("is in " + shared).hasMessageContaining("other users can change");
        Files.setAttribute(shared, "unix:mode", 01777); // sticky, as /tmp: no one can swap what is ours
        assertThat(Settings.load(inShared, Map.of(), Map.of(), dir).get(Setting.PG_PORT)).isEqualTo("5432");
    }

    @Test
    void aStateFolderOthersMayWriteIsRefused() throws IOException {
        Path state = Files.createDirectories(dir.resolve("open-state"));
        Files.setAttribute(state, "unix:mode", 01777);
        Settings s = Settings.load(null, Map.of(), Map.of("CDC_STATE_DIR", state.toString()), dir);
        assertThatThrownBy(s::stateDir).isInstanceOf(SettingException.class)
                .hasMessageContaining(state + " is one other users can write to").extracting(e -> ((CookbookException) e).hint())
                .asString().contains("chmod 700 " + state);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void aDeviceIsNotARegularFile() {
        assertThatThrownBy(() -> Settings.load(Path.of("/dev/zero"), Map.of(), Map.of(), dir))
                .isInstanceOf(SettingException.class).hasMessageContaining("/dev/zero is not a regular file");
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithTheLine() throws IOException {
        Path f = dir.resolve("cdc.properties");
        Files.write(f, new byte[]{'P', 'G', '_', 'P', 'O', 'R', 'T', '=', '1', '\n', 'X', '=', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> Settings.load(f, Map.of(), Map.of(), dir))
                .isInstanceOf(CookbookException.class).hasMessageContaining(f + " is not UTF-8 text").hasMessageContaining("line 2")
                .hasMessageNotContaining("Input length");
    }

    @Test
    void anUnknownOrEmptyKeyNamesTheFileAndTheLine() throws IOException {
        Path f = Files.writeString(dir.resolve("g2.props"), "# comment\nPG_PORT=5432\n=oops\n");
        assertThatThrownBy(() -> Settings.load(f, Map.of(), Map.of(), dir))
                .isInstanceOf(SettingException.class).hasMessageContaining("Line 3 of " + f).hasMessageContaining("no setting name");
        Path g = Files.writeString(dir.resolve("g3.props"), "PG_PORT=5432\n\nPG_HOST=x\n");
        assertThatThrownBy(() -> Settings.load(g, Map.of(), Map.of(), dir))
                .hasMessageContaining("Unknown setting 'PG_HOST' in " + g + " (line 3)");
    }

    @Test
    void setValuesArriveByteForByte() {
        Map<String, String> pairs = Settings.overrides(List.of("PG_PASSWORD=\"Secr\"etXY\"", "PG_USERNAME= admin ", "PG_HOST_URL=a=b"));
        assertThat(pairs).containsEntry("PG_PASSWORD", "\"Secr\"etXY\"").containsEntry("PG_USERNAME", " admin ").containsEntry("PG_HOST_URL", "a=b");
        Settings s = Settings.of(Map.of("PG_PASSWORD", "'quoted'", "PG_USERNAME", "\"admin\""));
        assertThat(s.get(Setting.PG_PASSWORD)).isEqualTo("'quoted'");
        assertThat(s.get(Setting.PG_USERNAME)).isEqualTo("\"admin\"");
        assertThatThrownBy(() -> Settings.of(Map.of("PG_DATABASE", "\"abc\""))).hasMessageContaining("is not a valid name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOEQUALS", "=1", "p.SecretValueWithoutKey"})
    void aSetWithoutKeyOrEqualsIsACommandLineErrorThatDoesNotEchoIt(String pair) {
        assertThatThrownBy(() -> Settings.overrides(List.of(pair)))
                .isInstanceOf(SettingException.class).hasMessageContaining("--set").hasMessageNotContaining(pair)
                .extracting(e -> ((SettingException) e).fromCommandLine()).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TINYBIRD_API_KEY", "CONFLUENT_CLOUD_KEY", "CONFLUENT_CLOUD_SECRET", "CONFLUENT_UNAME", "CONFLUENT_SECRET",
            "CONFLUENT_SCHEMA_REGISTRY_KEY", "CONFLUENT_SCHEMA_REGISTRY_SECRET"})
    void credentialsSentInHeadersMustBeVisibleAscii(String name) {
        for (String bad : List.of("p.Secr\u00fcetValue", "with space", "tab\tx")) {
            assertThatThrownBy(() -> Settings.of(Map.of(name, bad)))
                    .isInstanceOf(SettingException.class).hasMessageContaining(name).hasMessageContaining("visible ASCII")
                    .hasMessageNotContaining("Secr").hasMessageNotContaining(bad);
        }
        assertThat(Settings.of(Map.of(name, "p.eyJ1Ijo-_+/=")).get(Setting.valueOf(name))).isEqualTo("p.eyJ1Ijo-_+/=");
    }

    @Test
    void aUrlShapedValueShowsItsUserButNotItsPassword() throws IOException {
        assertThatThrownBy(() -> Settings.of(Map.of("PG_HOST_URL", "postgresql://admin:Hunter2Secret@db.example.com:5432/app")))
                .hasMessageContaining("is a URL").hasMessageContaining("postgresql://admin:" + Redactor.MASK + "@db.example.com")
                .hasMessageNotContaining("Hunter2Secret");
        Path f = file("MYSQL_HOST_URL=jdbc:mysql://admin:Hunter2Secret@db.example.com:3306/app\n");
        assertThatThrownBy(() -> Settings.load(f, Map.of(), Map.of(), dir))
                .hasMessageContaining("admin:" + Redactor.MASK + "@").hasMessageNotContaining("Hunter2Secret");
        assertThat(Settings.of(Map.of("CONFLUENT_BOOTSTRAP_SERVERS", "sasl://k:Hunter2Secret@b:9092")).display().toString())
                .doesNotContain("Hunter2Secret").contains("k:" + Redactor.MASK + "@b");
    }

    @Test
    void aMissingExplicitFileIsAnError() {
        assertThatThrownBy(() -> Settings.load(dir.resolve("nope.properties"), Map.of(), Map.of(), dir))
                .isInstanceOf(CookbookException.class)
                .hasMessageContaining("nope.properties does not exist");
    }

    @Test
    void quotesCarriedOverFromThePythonConfAreDropped() throws IOException {
        Settings s = Settings.load(file("PG_HOST_URL = 'db.example.com'\nPG_USERNAME=\"admin\"\n"), Map.of(), Map.of(), dir);
        assertThat(s.get(Setting.PG_HOST_URL)).isEqualTo("db.example.com");
        assertThat(s.get(Setting.PG_USERNAME)).isEqualTo("admin");
    }

    @Test
    void unknownKeysAreReportedWithTheLikelyMeaning() throws IOException {
        assertThatThrownBy(() -> Settings.load(file("PG_HOST=x\n"), Map.of(), Map.of(), dir))
                .isInstanceOf(CookbookException.class)
                .hasMessageContaining("Unknown setting 'PG_HOST' in " + dir.resolve("cdc.properties") + " (line 1)")
                .extracting(e -> ((CookbookException) e).hint()).asString().contains("PG_HOST_URL");
        assertThatThrownBy(() -> Settings.load(null, Map.of(), Map.of("TINYBIRD_TOKEN", "x"), Path.of("/")))
                .hasMessageContaining("Unknown setting 'TINYBIRD_TOKEN' in --set");
    }

    @Test
    void requireNamesEveryMissingSettingAndWhereToSetIt() throws IOException {
        Settings s = Settings.load(file("CONFLUENT_ENV_NAME=prod\n"), Map.of(), Map.of(), dir);
        assertThatThrownBy(() -> s.require("Creating the connector", Setting.CONFLUENT_ENV_NAME,
                Setting.CONFLUENT_CLOUD_KEY, Setting.CONFLUENT_CLOUD_SECRET, Setting.CONFLUENT_CLUSTER_NAME))
                .isInstanceOf(CookbookException.class)
                .hasMessage("Creating the connector needs CONFLUENT_CLOUD_KEY, CONFLUENT_CLOUD_SECRET, CONFLUENT_CLUSTER_NAME, which are not set.")
                .extracting(e -> ((CookbookException) e).hint()).asString()
                .contains(dir.resolve("cdc.properties").toString()).contains("environment variables").contains("--set CONFLUENT_CLOUD_KEY=");
    }

    @Test
    void requirePassesWhenEverythingIsSet() {
        Settings s = Settings.of(Map.of("PG_HOST_URL", "h"));
        s.require("x", Setting.PG_HOST_URL, Setting.PG_PORT, Setting.PG_USERNAME);
        assertThat(s.isSet(Setting.PG_HOST_URL)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "54x", "", "-1"})
    void portsMustBePortNumbers(String port) {
        assertThatThrownBy(() -> Settings.of(Map.of("PG_PORT", port)))
                .isInstanceOf(CookbookException.class)
                .hasMessageContaining("PG_PORT '" + port + "' (from --set) is not a port number.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"users; DROP TABLE users", "users--", "Users", "1users", "a-b", "users`", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "", "us ers"})
    void tableAndDatabaseNamesMustBePlainIdentifiers(String name) {
        assertThatThrownBy(() -> Settings.of(Map.of("USERS_TABLE_NAME", name)))
                .isInstanceOf(CookbookException.class).hasMessageContaining("USERS_TABLE_NAME").hasMessageContaining("is not a valid name");
        assertThatThrownBy(() -> Settings.of(Map.of("PG_DATABASE", name)))
                .isInstanceOf(CookbookException.class).hasMessageContaining("PG_DATABASE").hasMessageContaining("is not a valid name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "_users", "users_2024", "pg_cdc_demo", "u"})
    void plainIdentifiersPass(String name) {
        assertThat(Settings.of(Map.of("USERS_TABLE_NAME", name)).identifier(Setting.USERS_TABLE_NAME)).isEqualTo(name);
    }

    @Test
    void displayMasksEverySecretAndShowsWhetherItIsSet() {
        Settings s = Settings.of(Map.of("PG_PASSWORD", "pg-pass-123", "TINYBIRD_API_KEY", "p.eyJ1IjogImFiYyJ9",
                "CONFLUENT_CLOUD_SECRET", "cloudsecret", "PG_HOST_URL", "db.example.com"));
        List<List<String>> rows = s.display();

        assertThat(rows.toString()).doesNotContain("pg-pass-123", "p.eyJ1IjogImFiYyJ9", "cloudsecret");
        assertThat(rows).contains(List.of("PG_PASSWORD", Redactor.MASK, "command line"),
                List.of("MYSQL_PASSWORD", "", "default"), List.of("PG_HOST_URL", "db.example.com", "command line"));
        assertThat(Redactor.redact("login with pg-pass-123")).isEqualTo("login with " + Redactor.MASK);
    }

    @Test
    void theTinybirdConnectionIsNamedAfterTheClusterUnlessSet() {
        assertThat(Settings.of(Map.of("CONFLUENT_CLUSTER_NAME", "cluster_eu")).get(Setting.TINYBIRD_CONFLUENT_CONNECTION_NAME))
                .isEqualTo("cluster_eu");
        assertThat(Settings.of(Map.of("CONFLUENT_CLUSTER_NAME", "cluster_eu", "TINYBIRD_CONFLUENT_CONNECTION_NAME", "cc"))
                .get(Setting.TINYBIRD_CONFLUENT_CONNECTION_NAME)).isEqualTo("cc");
    }

    @Test
    void theExampleFileDocumentsEverySettingWithItsDefault() throws IOException {
        Path example = Path.of("..", "cdc.properties.example");
        String text = Files.readString(example);
        for (Setting s : Setting.values()) {
            assertThat(text).as("cdc.properties.example documents " + s)
                    .containsPattern("(?m)^#? ?" + s.name() + "=" + java.util.regex.Pattern.quote(s.defaultValue()) + "$");
        }
        // and the example, loaded as it is, is a valid settings file
        Settings loaded = Settings.load(example, Map.of(), Map.of(), dir);
        assertThat(loaded.identifier(Setting.USERS_TABLE_NAME)).isEqualTo("users");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "postgresql://u@db.example.com:5432/shop|is a URL, not a host.",
            "db.example.com:5433|has a port in it.",
            "db.example.com/shop|is not a host name or address.",
            "a b|is not a host name or address."})
    void hostsAreHostsAndUsersAreToldWhereEachPartGoes(String host, String problem) {
        assertThatThrownBy(() -> Settings.of(Map.of("PG_HOST_URL", host)))
                .isInstanceOf(SettingException.class).hasMessageContaining(problem)
                .extracting(e -> ((SettingException) e).fromCommandLine()).isEqualTo(true);
        assertThatThrownBy(() -> Settings.of(Map.of("PG_HOST_URL", "db.example.com:5433")))
                .extracting(e -> ((CookbookException) e).hint()).asString().contains("PG_PORT=5433");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"db.example.com", "10.0.0.5", "::1", "[::1]", "fe80::1", "localhost", ""})
    void hostNamesAndAddressesPass(String host) {
        assertThat(Settings.of(Map.of("PG_HOST_URL", host)).get(Setting.PG_HOST_URL)).isEqualTo(host);
    }

    @Test
    void choicesAreCheckedWhenTheSettingsLoadInAnyCase() {
        assertThat(Settings.of(Map.of("CDC_DB_PROVIDER", "EMBEDDED")).get(Setting.CDC_DB_PROVIDER)).isEqualTo("EMBEDDED");
        assertThatThrownBy(() -> Settings.of(Map.of("CDC_DB_PROVIDER", "docker")))
                .hasMessageContaining("CDC_DB_PROVIDER 'docker' (from --set) is not one of auto, external, embedded, testcontainers.");
    }

    @Test
    void aConfigFolderIsNotAFile(@org.junit.jupiter.api.io.TempDir Path folder) {
        assertThatThrownBy(() -> Settings.load(folder, Map.of(), Map.of(), folder))
                .isInstanceOf(SettingException.class).hasMessageContaining("is a folder, not a settings file");
    }

    @Test
    void aBadValueInTheFileIsNotACommandLineError(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        Path file = java.nio.file.Files.writeString(folder.resolve("cdc.properties"), "PG_PORT=54x\n");
        assertThatThrownBy(() -> Settings.load(file, Map.of(), Map.of(), folder))
                .isInstanceOf(SettingException.class).hasMessageContaining("PG_PORT '54x' (from " + file)
                .extracting(e -> ((SettingException) e).fromCommandLine()).isEqualTo(false);
    }
}
