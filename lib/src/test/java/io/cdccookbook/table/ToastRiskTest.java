package io.cdccookbook.table;

import io.cdccookbook.source.ReadinessCheck;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;


import static org.assertj.core.api.Assertions.assertThat;

/** A PostgreSQL table whose large values TOAST would hide from Debezium is named, with the fix; MySQL is never at risk. */
class ToastRiskTest {

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void aTableWithLargeColumnsIsAtRiskUntilItsReplicaIdentityIsFull(TestDatabases.Target target) throws Exception {
        SourceDatabase db = target.get().database("toast_notes");
        if (db.settings().kind() != SourceDb.PG) {
            assertThat(ToastRisk.check(db)).as("MySQL's binlog carries whole rows").isEmpty();
            return;
        }
        TestDatabases.execute(db, "DROP TABLE IF EXISTS toast_notes", "DROP TABLE IF EXISTS toast_small",
                "CREATE TABLE toast_notes (id INT PRIMARY KEY, title VARCHAR(100), body TEXT, doc JSONB)",
                "CREATE TABLE toast_small (id INT PRIMARY KEY, title VARCHAR(100), n BIGINT)");

        ReadinessCheck risky = ToastRisk.check(db).orElseThrow();
        assertThat(risky.passed()).isFalse();
        assertThat(risky.detail()).contains("body, doc").doesNotContain("title");
        assertThat(risky.hint()).isEqualTo("ALTER TABLE toast_notes REPLICA IDENTITY FULL");
        assertThat(ToastRisk.check(SourceDatabase.of(db.settings(), "toast_small")).orElseThrow().passed()).as("nothing to TOAST").isTrue();

        TestDatabases.execute(db, "ALTER TABLE toast_notes REPLICA IDENTITY FULL");
        assertThat(ToastRisk.check(db).orElseThrow()).satisfies(c -> {
            assertThat(c.passed()).isTrue();
            assertThat(c.detail()).isEqualTo("FULL");
        });
        assertThat(ToastRisk.check(SourceDatabase.of(db.settings(), "toast_absent")).orElseThrow().passed()).as("a table not made yet").isTrue();
        TestDatabases.execute(db, "DROP TABLE toast_notes", "DROP TABLE toast_small");
    }

}
