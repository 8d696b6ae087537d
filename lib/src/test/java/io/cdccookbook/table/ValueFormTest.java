package io.cdccookbook.table;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The forms' edges that no generator writes: PostgreSQL numeric's NaN and ±Infinity. */
class ValueFormTest {

    @Test
    void aDecimalLosesItsTrailingZerosAndPostgresqlsSpecialValuesStayAsTheyAre() {
        assertThat(ValueForm.DECIMAL.canonical("12.500")).isEqualTo("12.5");
        assertThat(ValueForm.DECIMAL.canonical("1E+3")).isEqualTo("1000");
        for (String special : List.of("NaN", "Infinity", "-Infinity")) {
            assertThat(ValueForm.DECIMAL.canonical(special)).isEqualTo(special);
        }
    }

    @Test
    void numericKeysSortByValueWithTheSpecialValuesWherePostgresqlPutsThem() {
        List<String> keys = new ArrayList<>(List.of("NaN", "2.5", "Infinity", "-1", "10", "-Infinity", "0.01"));
        keys.sort(ValueForm.DECIMAL.order());
        assertThat(keys).containsExactly("-Infinity", "-1", "0.01", "2.5", "10", "Infinity", "NaN");
        List<String> floats = new ArrayList<>(List.of("NaN", "1.0E10", "-2.5", "Infinity"));
        floats.sort(ValueForm.FLOAT64.order());
        assertThat(floats).containsExactly("-2.5", "1.0E10", "Infinity", "NaN");
    }
}
