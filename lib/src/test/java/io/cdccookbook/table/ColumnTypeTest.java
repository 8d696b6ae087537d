package io.cdccookbook.table;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDb;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnTypeTest {

    static final String START = "<!-- the mapping table: ColumnType.markdown() -->\n";
    static final String END = "<!-- end of the mapping table -->";

    @Test
    void theReadmePrintsTheMappingTableAsTheCodeHasIt() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains(START, END);
        String printed = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END));
        assertThat(printed).as("README's mapping table (paste ColumnType.markdown())").isEqualTo(ColumnType.markdown());
    }

    @Test
    void everyRulesExampleIsTakenByThatRule() {
        for (ColumnType.Rule rule : ColumnType.RULES) {
            ColumnType.Rule first = ColumnType.RULES.stream().filter(r -> r.takes().test(rule.example())).findFirst().orElseThrow();
            assertThat(first.sourceTypes()).as("the first rule to take " + rule.example().column()).isEqualTo(rule.sourceTypes());
        }
    }

    @Test
    void aTypeWithoutARuleStopsWithTableColumnTypeAndTheWayOut() {
        SourceColumn point = new SourceColumn("location", "point", "point", -1, -1, -1, true);

        assertThatThrownBy(() -> ColumnType.of(SourceDb.PG, "shops", point)).isInstanceOf(CookbookException.class)
                .satisfies(e -> assertThat(((CookbookException) e).oneLine())
                        .contains("shops.location", "point", "column.exclude.list").doesNotContain("\n"));
    }

    /** Hostile run of issue 12: the way out offered for a key column (--exclude-column) was one the next run refused. */
    @Test
    void aKeyOrAQuotedNameIsNeverOfferedTheWayOutThatCannotTakeIt() {
        SourceColumn id = new SourceColumn("id", "posint", "posint", -1, -1, -1, false);
        SourceColumn note = new SourceColumn("note", "text", "text", -1, -1, -1, true);
        TableSchema domainKey = new TableSchema(SourceDb.PG, "dk", List.of(id, note), List.of("id"));
        assertThatThrownBy(() -> ColumnType.of(domainKey, id)).isInstanceOf(CookbookException.class)
                .hasMessageContaining("dk.id has the type posint")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).doesNotContain("--exclude-column").contains("key column"));

        for (List<String> key : List.of(List.of("key"), List.of("id"))) {
            SourceColumn reserved = new SourceColumn("key", "integer", "integer", -1, -1, -1, false);
            SourceColumn other = new SourceColumn("id", "integer", "integer", -1, -1, -1, false);
            assertThatThrownBy(() -> new TableSchema(SourceDb.PG, "rk", List.of(reserved, other), key)).isInstanceOf(CookbookException.class)
                    .satisfies(e -> assertThat(((CookbookException) e).hint()).as("key " + key)
                            .isEqualTo(key.contains("key") ? "Rename it: a key column cannot be left out."
                                    : "Rename it, or leave it out with --exclude-column rk.key (CDC_EXCLUDE_COLUMNS)."));
        }
        SourceColumn quoted = new SourceColumn("Val", "integer", "integer", -1, -1, -1, true);
        assertThatThrownBy(() -> new TableSchema(SourceDb.MYSQL, "mu", List.of(new SourceColumn("id", "int", "int", -1, -1, -1, false), quoted),
                List.of("id"))).isInstanceOf(CookbookException.class)
                .satisfies(e -> assertThat(((CookbookException) e).hint()).doesNotContain("--exclude-column mu.Val").startsWith("Rename it"));
    }

    @Test
    void mysqlUnsignedIntegersGetTheUnsignedTypesAndBooleansTheStoredNumber() {
        SourceColumn unsigned = new SourceColumn("n", "int", "int unsigned", -1, -1, -1, true);
        SourceColumn unsignedBig = new SourceColumn("n", "bigint", "bigint unsigned", -1, -1, -1, true);
        SourceColumn flag = new SourceColumn("f", "tinyint", "tinyint(1)", -1, -1, -1, true);
        SourceColumn bit = new SourceColumn("b", "bit", "bit(1)", -1, -1, -1, true);

        assertThat(ColumnType.of(SourceDb.MYSQL, "t", unsigned).tinybird().latest()).isEqualTo("UInt32");
        assertThat(ColumnType.of(SourceDb.MYSQL, "t", unsignedBig).tinybird().latest()).isEqualTo("UInt64");
        assertThat(ColumnType.of(SourceDb.MYSQL, "t", unsignedBig).duckDb().latest()).isEqualTo("UBIGINT");
        assertThat(ColumnType.of(SourceDb.MYSQL, "t", flag)).satisfies(t -> {
            assertThat(t.tinybird().latest()).isEqualTo("UInt8");
            assertThat(t.json()).contains("the stored number", "Confluent");
        });
        assertThat(ColumnType.of(SourceDb.MYSQL, "t", bit).json()).isEqualTo("true/false");
        assertThat(ColumnType.of(SourceDb.PG, "t", new SourceColumn("f", "boolean", "boolean", -1, -1, -1, true)).json())
                .isEqualTo("true/false");
    }

    @Test
    void anArrayIsNeverNullableInClickHouseAndIsReadElementByElement() {
        ColumnType.Tinybird ints = ColumnType.of(SourceDb.PG, "t", new SourceColumn("a", "integer[]", "integer[]", -1, -1, -1, true)).tinybird();
        assertThat(ints.rawNullable()).isEqualTo("Array(Nullable(Int32))");
        assertThat(ints.latestNullable()).isEqualTo("Array(Nullable(Int32))");
        assertThat(ints.jsonPath("a")).isEqualTo("$.a[:]");
        ColumnType.Tinybird text = ColumnType.of(SourceDb.PG, "t", new SourceColumn("s", "text", "text", -1, -1, -1, true)).tinybird();
        assertThat(text.rawNullable()).isEqualTo("Nullable(String)");
        assertThat(text.jsonPath("s")).isEqualTo("$.s");
        assertThat(ColumnType.find(SourceDb.PG, new SourceColumn("g", "integer[][]", "integer[][]", -1, -1, -1, true))).isEmpty();
        assertThat(ColumnType.find(SourceDb.PG, new SourceColumn("p", "point[]", "point[]", -1, -1, -1, true))).as("other arrays").isEmpty();
    }

    @Test
    void aTimeIsItsMicrosecondsFromEitherSide() {
        assertThat(ValueForm.TIME.canonical("13:37:03.12")).isEqualTo("49023120000");
        assertThat(ValueForm.TIME.canonical("-838:59:59.000000")).isEqualTo("-3020399000000");
        assertThat(ValueForm.TIME.canonical("-00:00:00.000001")).isEqualTo("-1");
        assertThat(ValueForm.TIME.canonical("24:00:00")).isEqualTo("86400000000");
        assertThat(ValueForm.TIME.canonical("49023120000")).as("the endpoint's number").isEqualTo("49023120000");
        assertThat(ColumnType.of(SourceDb.PG, "t", new SourceColumn("t", "time without time zone", "time(3) without time zone", -1, 3, -1, true))
                .tinybird().convert("t")).isEqualTo("t * 1000");
    }
}
