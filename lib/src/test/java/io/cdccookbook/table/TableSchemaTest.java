package io.cdccookbook.table;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDb;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableSchemaTest {

    private static TableSchema withColumn(String name) {
        return new TableSchema(SourceDb.PG, "t", List.of(new SourceColumn("id", "integer", "integer", -1, -1, -1, false),
                new SourceColumn(name, "integer", "integer", -1, -1, -1, true)), List.of("id"));
    }

    /** The list is DuckDB's own: every word it reserves, or keeps for types and functions, cannot name a column. */
    @Test
    void everyWordDuckDbReservesIsRefusedAsAColumnName() throws Exception {
        List<String> words = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category IN ('reserved', 'type_function')")) {
            while (rs.next()) {
                words.add(rs.getString(1));
            }
        }
        assertThat(words).hasSizeGreaterThan(100).contains("qualify", "window", "pivot", "lambda");
        for (String word : words) {
            assertThatThrownBy(() -> withColumn(word)).as(word).isInstanceOf(CookbookException.class)
                    .hasMessageContaining("t." + word + " is named with a word SQL reserves");
        }
        assertThat(withColumn("quantity").columnNames()).contains("quantity");
    }
}
