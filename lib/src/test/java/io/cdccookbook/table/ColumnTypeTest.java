package io.cdccookbook.table;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDb;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

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

    @Test
    void mysqlUnsignedIntegersGetTheUnsignedTypesAndBooleansTheirConfluentNote() {
        SourceColumn unsigned = new SourceColumn("n", "int", "int unsigned", -1, -1, -1, true);
        SourceColumn flag = new SourceColumn("f", "tinyint", "tinyint(1)", -1, -1, -1, true);

        assertThat(ColumnType.of(SourceDb.MYSQL, "t", unsigned).tinybird().latest()).isEqualTo("UInt32");
        assertThat(ColumnType.of(SourceDb.MYSQL, "t", flag)).satisfies(t -> {
            assertThat(t.tinybird().latest()).isEqualTo("UInt8");
            assertThat(t.json()).contains("on Confluent", "the stored number");
        });
        assertThat(ColumnType.of(SourceDb.PG, "t", new SourceColumn("f", "boolean", "boolean", -1, -1, -1, true)).json())
                .isEqualTo("true/false");
    }
}
