package io.cdccookbook.compare;

import io.cdccookbook.events.LatencyStats;
import io.cdccookbook.table.Rows;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TableComparisonTest {

    private static String[] row(int id, String name, String verified, String updatedAt) {
        Map<String, String> values = new HashMap<>();
        values.put("id", String.valueOf(id));
        values.put("name", name);
        values.put("email", "e");
        values.put("address", "a");
        values.put("phone_number", "p");
        values.put("email_verified", verified);
        values.put("onboarded", "0");
        values.put("deleted", "0");
        values.put("lang", "EN");
        values.put("created_at", "2024-01-01 00:00:00.000000");
        values.put("updated_at", updatedAt);
        assertThat(values.keySet()).containsExactlyInAnyOrderElementsOf(Rows.COLUMNS);
        String[] row = new String[Rows.COLUMNS.size()];
        values.forEach((column, value) -> row[Rows.indexOf(column)] = value);
        return row;
    }

    @Test
    void identicalStreamsHaveNoDifferences() {
        List<String[]> rows = List.of(row(1, "A", "1", "2024-01-01 00:00:00.000001"), row(2, "B", "0", null));
        Comparison c = TableComparison.compare(rows.iterator(), rows.iterator(), r -> { });
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
        Comparison c = TableComparison.compare(source.iterator(), replica.iterator(), r -> seen.add(r[Rows.indexOf("id")]));

        assertThat(c.identical()).isFalse();
        assertThat(c.differences()).isEqualTo(5);
        assertThat(c.examples()).containsExactly(
                "id 1: email_verified '1' in source, '0' in replica",
                "id 2: missing in the replica",
                "id 3: in the replica only (deleted at the source?)",
                "id 4: name 'D' in source, NULL in replica",
                "id 4: appears more than once in the replica");
        assertThat(seen).containsExactly("1", "3", "4", "4");
    }

    @Test
    void valuesAreNormalisedWhateverTheirSource() {
        assertThat(Rows.canonical("email_verified", true)).isEqualTo("1");
        assertThat(Rows.canonical("email_verified", "false")).isEqualTo("0");
        assertThat(Rows.canonical("deleted", "1")).isEqualTo("1");
        assertThat(Rows.canonical("id", "42")).isEqualTo("42");
        assertThat(Rows.canonical("id", "-7")).isEqualTo("-7");
        assertThat(Rows.canonical("id", "42.0")).isEqualTo("42");
        assertThat(Rows.canonical("id", "4.2e1")).isEqualTo("42");
        assertThat(Rows.canonical("id", "042")).isEqualTo("42");
        assertThat(Rows.canonical("updated_at", "2024-05-06 07:08:09.654321")).isEqualTo("2024-05-06 07:08:09.654321");
        assertThat(Rows.canonical("updated_at", "2024-05-06T07:08:09.65")).isEqualTo("2024-05-06 07:08:09.650000");
        assertThat(Rows.canonical("updated_at", "2024-05-06 07:08:09")).isEqualTo("2024-05-06 07:08:09.000000");
        assertThat(Rows.canonical("created_at", "1714979289654321")).isEqualTo("2024-05-06 07:08:09.654321");
        assertThat(Rows.canonical("name", null)).isNull();
        assertThat(Rows.timestamp(LocalDateTime.of(2024, 5, 6, 7, 8, 9, 654_321_987))).isEqualTo("2024-05-06 07:08:09.654321");
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
