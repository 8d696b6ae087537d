package io.cdccookbook.compare;

import io.cdccookbook.events.LatencyStats;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.table.Rows;
import io.cdccookbook.table.SourceColumn;
import io.cdccookbook.table.TableSchema;
import io.cdccookbook.table.ValueForm;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableComparisonTest {

    /** A small table of the kinds of columns the users demo has: an integer key, text, a flag and a timestamp. */
    private static final Rows USERS_LIKE = Rows.of(new TableSchema(SourceDb.PG, "people", List.of(
            column("id", "integer"), column("name", "text"), column("email_verified", "boolean"),
            new SourceColumn("updated_at", "timestamp without time zone", "timestamp", -1, 6, -1, true)), List.of("id")));

    /** A composite key of text and bigint, the text sorted by its bytes. */
    private static final Rows TENANTS = Rows.of(new TableSchema(SourceDb.MYSQL, "orders", List.of(
            column("tenant", "varchar"), column("id", "bigint"), column("total", "decimal")), List.of("tenant", "id")));

    private static SourceColumn column(String name, String type) {
        return new SourceColumn(name, type, type.equals("decimal") ? "decimal(10,2)" : type, -1,
                type.equals("decimal") ? 10 : -1, type.equals("decimal") ? 2 : -1, true);
    }

    private static String[] row(int id, String name, String verified, String updatedAt) {
        return new String[]{String.valueOf(id), name, verified, updatedAt};
    }

    @Test
    void identicalStreamsHaveNoDifferences() {
        List<String[]> rows = List.of(row(1, "A", "1", "2024-01-01 00:00:00.000001"), row(2, "B", "0", null));
        Comparison c = TableComparison.compare(USERS_LIKE, rows.iterator(), rows.iterator(), r -> { });
        assertThat(c.identical()).isTrue();
        assertThat(c.sourceRows()).isEqualTo(2);
        assertThat(c.toString()).isEqualTo("identical: 2 rows");
    }

    @Test
    void everyKindOfDifferenceIsCountedAndDescribed() {
        List<String[]> source = List.of(row(1, "A", "1", "t1"), row(2, "B", "0", "t2"), row(4, "D", "0", "t4"));
        List<String[]> replica = List.of(row(1, "A", "0", "t1"), row(3, "C", "0", "t3"), row(4, null, "0", "t4"),
                row(4, null, "0", "t4"));
        List<String> seen = new ArrayList<>();
        Comparison c = TableComparison.compare(USERS_LIKE, source.iterator(), replica.iterator(), r -> seen.add(r[0]));

        assertThat(c.identical()).isFalse();
        assertThat(c.differences()).isEqualTo(5);
        assertThat(c.examples()).containsExactly(
                "id 1: email_verified '1' in source, '0' in replica",
                "id 2: missing in the replica",
                "id 3: in the replica only (deleted at the source?)",
                "id 4: name 'D' in source, NULL in replica",
                "id 4: appears more than once in the replica");
        assertThat(c.differingKeys()).containsExactly("id 1", "id 2", "id 3", "id 4", "id 4");
        assertThat(seen).containsExactly("1", "3", "4", "4");
    }

    @Test
    void compositeKeysAreWalkedInTheReplicasOrder() {
        // bytes order: 'B' < 'a' < 'é' (U+00E9) < '😀' (U+1F600), which String.compareTo puts before U+FFFD
        List<String[]> source = List.of(new String[]{"B", "9", "1.5"}, new String[]{"a", "2", "0"}, new String[]{"a", "10", "3"},
                new String[]{"é", "1", null}, new String[]{"\uFFFD", "1", "1"}, new String[]{"😀", "1", "2"});
        List<String[]> replica = List.of(new String[]{"B", "9", "1.5"}, new String[]{"a", "2", "0"}, new String[]{"a", "10", "3"},
                new String[]{"é", "1", null}, new String[]{"\uFFFD", "1", "1"}, new String[]{"😀", "1", "2.5"});
        Comparison c = TableComparison.compare(TENANTS, source.iterator(), replica.iterator(), r -> { });

        assertThat(c.examples()).containsExactly("tenant '😀', id 1: total '2' in source, '2.5' in replica");
        assertThat(c.sourceRows()).isEqualTo(6);
    }

    @Test
    void valuesAreNormalisedWhateverTheirSource() {
        int verified = USERS_LIKE.indexOf("email_verified");
        int id = USERS_LIKE.indexOf("id");
        int updatedAt = USERS_LIKE.indexOf("updated_at");
        assertThat(USERS_LIKE.canonical(verified, true)).isEqualTo("1");
        assertThat(USERS_LIKE.canonical(verified, "false")).isEqualTo("0");
        assertThat(USERS_LIKE.canonical(verified, "1")).isEqualTo("1");
        assertThat(USERS_LIKE.canonical(id, "42")).isEqualTo("42");
        assertThat(USERS_LIKE.canonical(id, "-7")).isEqualTo("-7");
        assertThat(USERS_LIKE.canonical(id, "42.0")).isEqualTo("42");
        assertThat(USERS_LIKE.canonical(id, "4.2e1")).isEqualTo("42");
        assertThat(USERS_LIKE.canonical(id, "042")).isEqualTo("42");
        assertThat(USERS_LIKE.canonical(updatedAt, "2024-05-06 07:08:09.654321")).isEqualTo("2024-05-06 07:08:09.654321");
        assertThat(USERS_LIKE.canonical(updatedAt, "2024-05-06T07:08:09.65")).isEqualTo("2024-05-06 07:08:09.650000");
        assertThat(USERS_LIKE.canonical(updatedAt, "2024-05-06 07:08:09")).isEqualTo("2024-05-06 07:08:09.000000");
        assertThat(USERS_LIKE.canonical(updatedAt, "1714979289654321")).isEqualTo("2024-05-06 07:08:09.654321");
        assertThat(USERS_LIKE.canonical(USERS_LIKE.indexOf("name"), null)).isNull();
        assertThat(ValueForm.timestamp(LocalDateTime.of(2024, 5, 6, 7, 8, 9, 654_321_987))).isEqualTo("2024-05-06 07:08:09.654321");
        assertThat(TENANTS.canonical(TENANTS.indexOf("total"), "12.50")).isEqualTo(TENANTS.canonical(TENANTS.indexOf("total"), 12.5));
        assertThat(TENANTS.canonical(TENANTS.indexOf("total"), "0.00")).isEqualTo("0");
        assertThat(TENANTS.canonical(TENANTS.indexOf("id"), "9223372036854775807")).isEqualTo("9223372036854775807");
        assertThat(ValueForm.JSON.canonical("{\"b\": [1.50, {\"d\": 1, \"c\": null}], \"a\": \"x\"}"))
                .isEqualTo(ValueForm.JSON.canonical("{\"a\":\"x\",\"b\":[1.5,{\"c\":null,\"d\":1}]}"));
        assertThat(ValueForm.UUID.canonical("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(ValueForm.TIMESTAMP_UTC.canonical("2024-02-29T11:37:03.12Z")).isEqualTo("2024-02-29 11:37:03.120000");
        assertThat(ValueForm.FLOAT32.canonical("3.140000104904175")).isEqualTo(ValueForm.FLOAT32.canonical("3.14"));
    }

    @Test
    void latencyPercentilesAreNearestRank() {
        LatencyStats stats = new LatencyStats();
        for (int ms = 1; ms <= 100; ms++) {
            stats.record(ms * 1000L);
        }
        LatencyStats.Summary s = stats.summary();
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50()).isEqualTo(50.0);
        assertThat(s.p95()).isEqualTo(95.0);
        assertThat(s.p99()).isEqualTo(99.0);
        assertThat(s.max()).isEqualTo(100.0);
        assertThat(LatencyStats.summarise(new long[0]).toString()).isEqualTo("no events measured");
    }
}
