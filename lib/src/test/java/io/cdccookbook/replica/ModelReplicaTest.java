package io.cdccookbook.replica;

import io.cdccookbook.capture.ConnectorDefinition;
import io.cdccookbook.capture.EmbeddedCapture;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.table.SchemaReader;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local replica built from a table's schema, not the users demo's: a composite key and one column of each
 * mapped type, captured by the real Debezium engine (snapshot, then an insert, an update and a delete while it
 * streams) into the DuckDB replica, whose live rows must hold the source's values.
 */
class ModelReplicaTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void aCompositeKeyTableOfEveryMappedTypeReplicates(SourceDb kind) throws Exception {
        boolean pg = kind == SourceDb.PG;
        String table = "replica_model";
        SourceDatabase source = SourceDatabase.of(TestDatabases.withDatabase(TestDatabases.embedded(kind).settings(),
                "cdc_model_" + Long.toString(System.nanoTime(), 36)), table);
        TestDatabases.execute(source, "DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (code VARCHAR(12) NOT NULL, line INT NOT NULL, qty SMALLINT, big BIGINT,"
                        + " price " + (pg ? "NUMERIC" : "DECIMAL") + "(10,2), ratio " + (pg ? "DOUBLE PRECISION" : "DOUBLE")
                        + ", flag BOOLEAN, note TEXT, doc " + (pg ? "JSONB" : "JSON") + ", day DATE, at3 "
                        + (pg ? "TIMESTAMP(3)" : "DATETIME(3)") + ", at6 " + (pg ? "TIMESTAMP(6)" : "DATETIME(6)")
                        + (pg ? ", uid UUID, at_tz TIMESTAMPTZ, bin BYTEA" : ", at_tz TIMESTAMP(6) NULL, bin VARBINARY(10), yr YEAR")
                        + ", PRIMARY KEY (code, line))",
                insert(pg, "'A', 1, 7, 9000000000, 12.50, 0.5, TRUE, 'héllo ✓', '{\"a\": 1}', '2024-02-29',"
                        + " '2024-02-29 13:37:03.123', '2024-02-29 13:37:03.123456'",
                        pg ? "'0b1e8a4e-8f5a-4b1c-9a9e-7d2b0f0c1a2b', '2024-02-29 13:37:03.12+02', '\\x00ff10'"
                                : "'2024-02-29 11:37:03.120000', x'00ff10', 2024"),
                insert(pg, "'A', 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL", "NULL, NULL, NULL"),
                insert(pg, "'B', 1, -32768, -9223372036854775808, -99999999.99, -1e300, FALSE, '', '[]', '1900-01-01',"
                        + " '1969-12-31 23:59:59.999', '2100-12-31 23:59:59.999999'",
                        pg ? "'00000000-0000-0000-0000-000000000000', '1900-01-01 00:00:00+00', ''" : "'1970-01-01 00:00:01', x'', 1901"));
        if (pg) {
            TestDatabases.execute(source, "ALTER TABLE " + table + " REPLICA IDENTITY FULL");
        }
        ConnectorDefinition definition = ConnectorDefinition.of(source, "model-" + kind.name().toLowerCase());
        try (LocalReplica replica = LocalReplica.open(dir.resolve("replica.duckdb"), List.of(new LocalReplica.Table(
                SchemaReader.read(source), ReplicaNames.of(kind, table), definition.topic())));
             EmbeddedCapture capture = EmbeddedCapture.start(definition, dir, replica::apply, Duration.ofMinutes(2))) {
            awaitEvents(replica, 3);
            TestDatabases.execute(source, insert(pg, "'C', 9, 1, 1, 0.01, 1, TRUE, 'new', '{}', '2038-01-20', '2038-01-19 03:14:08.000',"
                            + " '2038-01-19 03:14:08.000001'", "NULL, NULL, NULL"),
                    "UPDATE " + table + " SET note = 'changed', price = 13.75 WHERE code = 'A' AND line = 1",
                    "DELETE FROM " + table + " WHERE code = 'A' AND line = 2");
            awaitEvents(replica, 6);

            // as DuckDB's JDBC driver prints them: a double as Java does, a timestamp as java.sql.Timestamp does
            List<String> rows = liveRows(replica, pg);
            String a = pg ? "|0b1e8a4e-8f5a-4b1c-9a9e-7d2b0f0c1a2b|2024-02-29T11:37:03.120Z|\\x00\\xFF\\x10"
                    : "|2024-02-29T11:37:03.120Z|\\x00\\xFF\\x10|2024";
            String b = pg ? "|00000000-0000-0000-0000-000000000000|1900-01-01T00:00Z|" : "|1970-01-01T00:00:01Z||1901";
            assertThat(rows).containsExactly(
                    "A|1|7|9000000000|13.75|0.5|1|changed|{\"a\": 1}|2024-02-29|2024-02-29 13:37:03.123|2024-02-29 13:37:03.123456" + a,
                    "B|1|-32768|-9223372036854775808|-99999999.99|-1.0E300|0||[]|1900-01-01|1969-12-31 23:59:59.999"
                            + "|2100-12-31 23:59:59.999999" + b,
                    "C|9|1|1|0.01|1.0|1|new|{}|2038-01-20|2038-01-19 03:14:08.0|2038-01-19 03:14:08.000001|null|null|null");
        }
        TestDatabases.execute(source, "DROP TABLE " + table);
    }

    private static String insert(boolean pg, String values, String extra) {
        return "INSERT INTO replica_model VALUES (" + values + ", " + extra + ")";
    }

    private static void awaitEvents(LocalReplica replica, long events) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (replica.eventCount() < events) {
            assertThat(System.nanoTime()).as("waited 90 s for %d events, have %d", events, replica.eventCount()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<String> liveRows(LocalReplica replica, boolean pg) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = replica.reader(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * EXCLUDE (_version, _is_deleted) FROM pg_replica_model_latest"
                     .replace("pg_", pg ? "pg_" : "mysql_") + " WHERE _is_deleted = 0 ORDER BY code, line")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    values.add(String.valueOf(rs.getString(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

}
