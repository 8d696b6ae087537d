package io.cdccookbook.source;

import io.cdccookbook.CookbookException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceDbTest {

    @ParameterizedTest
    @CsvSource({"PG,PG", "pg,PG", "Pg,PG", "postgres,PG", "PostgreSQL,PG", "MYSQL,MYSQL", "mysql,MYSQL", "MySQL,MYSQL",
            "mariadb,MYSQL", " mysql ,MYSQL"})
    void acceptsEveryCaseAndTheEverydayNames(String text, SourceDb expected) {
        assertThat(SourceDb.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ORACLE", "", "p g", "sqlserver"})
    void rejectsOthersWithWhatToUse(String text) {
        assertThatThrownBy(() -> SourceDb.parse(text))
                .isInstanceOf(CookbookException.class)
                .hasMessage("Unknown source database '" + text + "'.")
                .extracting(e -> ((CookbookException) e).hint()).isEqualTo("Use PG or MYSQL (any case).");
    }
}
