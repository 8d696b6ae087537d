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
    void findsTheFileInAParentFolderAndUsesItsFolderAsProjectFolder() throws IOException {
        file("USERS_TABLE_NAME=people\n");
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
                .hasMessageContaining("Unknown setting 'PG_HOST' in cdc.properties")
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
