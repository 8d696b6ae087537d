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
        assertThat(risky.detail()).as("in a row that can be wide, any variable-length value can be TOASTed")
                .contains("title, body, doc");
        assertThat(risky.hint()).isEqualTo("Run ALTER TABLE toast_notes REPLICA IDENTITY FULL.");
        assertThat(ToastRisk.check(SourceDatabase.of(db.settings(), "toast_small")).orElseThrow().passed()).as("nothing to TOAST").isTrue();

        TestDatabases.execute(db, "ALTER TABLE toast_notes REPLICA IDENTITY FULL");
        assertThat(ToastRisk.check(db).orElseThrow()).satisfies(c -> {
            assertThat(c.passed()).isTrue();
            assertThat(c.detail()).isEqualTo("FULL");
        });
        assertThat(ToastRisk.check(SourceDatabase.of(db.settings(), "toast_absent")).orElseThrow().passed()).as("a table not made yet").isTrue();
        TestDatabases.execute(db, "DROP TABLE toast_notes", "DROP TABLE toast_small");
    }

    /** The review's case: no column is long, but together they make a row PostgreSQL TOASTs (it did: 5 values out of line). */
    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void shortColumnsThatMakeAWideRowAreAtRiskAndAnotherKeyForDeletesIsRefused(TestDatabases.Target target) throws Exception {
        SourceDatabase db = target.get().database("toast_wide");
        if (db.settings().kind() != SourceDb.PG) {
            return;
        }
        TestDatabases.execute(db, "DROP TABLE IF EXISTS toast_wide", "DROP TABLE IF EXISTS toast_users_like",
                "CREATE TABLE toast_wide (id INT PRIMARY KEY, u INT UNIQUE NOT NULL, c1 VARCHAR(1000), c2 VARCHAR(1000),"
                        + " c3 VARCHAR(1000), c4 VARCHAR(1000), c5 VARCHAR(1000), c6 CHAR(400))",
                "CREATE TABLE toast_users_like (id INT PRIMARY KEY, a VARCHAR(100), b VARCHAR(100), c VARCHAR(100), d VARCHAR(50),"
                        + " e CHAR(2), f BOOLEAN, g TIMESTAMP(6), h NUMERIC(12,2))");
        ReadinessCheck wide = ToastRisk.check(db).orElseThrow();
        assertThat(wide.passed()).isFalse();
        assertThat(wide.detail()).contains("c1, c2, c3, c4, c5, c6").doesNotContain("id,").doesNotContain(" u,");
        assertThat(ToastRisk.check(SourceDatabase.of(db.settings(), "toast_users_like")).orElseThrow().passed())
                .as("at most about 1.5 kB: never TOASTed").isTrue();

        TestDatabases.execute(db, "CREATE UNIQUE INDEX toast_wide_u ON toast_wide (u)", "ALTER TABLE toast_wide REPLICA IDENTITY USING INDEX toast_wide_u");
        assertThat(ToastRisk.check(db).orElseThrow()).satisfies(c -> {
            assertThat(c.passed()).isFalse();
            assertThat(c.detail()).startsWith("USING INDEX: Debezium's deletes would not carry the primary key");
        });
        TestDatabases.execute(db, "DROP TABLE toast_wide", "DROP TABLE toast_users_like");
    }

}
