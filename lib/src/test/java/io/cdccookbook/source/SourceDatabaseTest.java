package io.cdccookbook.source;

import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SourceDatabaseTest {

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void createsTheDatabaseWhenMissing(TestDatabases.Target target) throws Exception {
        RunningDatabase server = target.get();
        String fresh = "cdc_fresh_" + Long.toString(System.nanoTime(), 36);
        SourceDatabase db = SourceDatabase.of(TestDatabases.withDatabase(server.settings(), fresh), "users");
        try (Connection c = db.connect()) {
            assertThat(c.getCatalog()).isEqualTo(fresh);
            assertThat(db.countTables(c)).isZero();
        } finally {
            TestDatabases.dropDatabase(server, fresh);
        }
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void createsTheUsersTableIdempotentlyWithTheOriginalsColumns(TestDatabases.Target target) throws Exception {
        SourceDatabase db = target.get().database("users_schema_test");
        db.dropUsersTable();

        db.createUsersTable();
        db.createUsersTable(); // a second time is fine

        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM users_schema_test")) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i).toLowerCase());
            }
            assertThat(columns).containsExactlyElementsOf(SourceDatabase.COLUMNS);
            assertThat(db.tableExists(c)).isTrue();
        }
        assertThat(db.dropUsersTable()).isTrue();
        assertThat(db.dropUsersTable()).as("dropping again is fine and says it was not there").isFalse();
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void fetchesRowsOrderedByIdWithTheSameTypesOnEveryServer(TestDatabases.Target target) throws Exception {
        SourceDatabase db = target.get().database("users_fetch_test");
        db.dropUsersTable();
        db.createUsersTable();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users_fetch_test (name, email, email_verified, lang, created_at, updated_at) VALUES "
                    + "('Zoë Ñúñez 💡', 'z@example.com', TRUE, 'ES', '2024-05-06 07:08:09.123456', '2024-05-06 07:08:09.654321')");
            s.execute("INSERT INTO users_fetch_test (name) VALUES ('Second')");
        }

        Table users = db.fetchUsers();

        assertThat(users.rowCount()).isEqualTo(2);
        assertThat(users.columnNames()).containsExactlyElementsOf(SourceDatabase.COLUMNS);
        assertThat(users.column("id").type()).isEqualTo(ColumnType.INTEGER);
        assertThat(users.column("email_verified").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(users.column("updated_at").type()).isEqualTo(ColumnType.STRING);
        assertThat(users.intColumn("id").get(0)).isLessThan(users.intColumn("id").get(1));
        assertThat(users.stringColumn("name").get(0)).isEqualTo("Zoë Ñúñez 💡");
        assertThat(users.booleanColumn("email_verified").get(0)).isTrue();
        assertThat(users.booleanColumn("onboarded").get(0)).as("DEFAULT FALSE").isFalse();
        assertThat(users.stringColumn("updated_at").get(0)).isEqualTo("2024-05-06 07:08:09.654321");
        assertThat(users.stringColumn("created_at").isMissing(1)).isTrue();
        assertThat(db.countUsers()).isEqualTo(2);
        db.dropUsersTable();
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void theServersTestsUseAreReadyForCdc(TestDatabases.Target target) {
        List<ReadinessCheck> checks = target.get().database("users").check();
        assertThat(checks).allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue());
        assertThat(checks).extracting(ReadinessCheck::name).contains("connect", "table users")
                .containsAnyOf("wal_level", "log_bin");
    }

}
