package io.cdccookbook.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one line an error becomes: long quoted values are cut, the words around them never. */
class ErrorReporterTest {

    @Test
    void aLongQuotedValueIsCutButTheTextBetweenTwoApostrophesIsNot() {
        // a hostile run of issue 12: "the table's REPLICA IDENTITY FULL ... the column's" was cut as if quoted
        String sentence = "error: An event has a stand-in as the value of arr: the table's " + "words ".repeat(60)
                + "and the column's own value.";
        assertThat(ErrorReporter.readable(sentence)).isEqualTo(sentence);

        String value = "x".repeat(500);
        String quoted = "error: Invalid value '" + value + "' for option '--table'; " + "more ".repeat(10);
        assertThat(ErrorReporter.readable(quoted)).contains("'" + "x".repeat(60) + "...'").doesNotContain(value)
                .contains("for option '--table'");
    }
}
