package io.cdccookbook.notebook;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void escapesEverythingThatMeansSomethingInHtml() {
        assertThat(Html.escape("<script>alert('x') & \"y\"</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
        assertThat(Html.escape("Zoë Ångström 日本 😀")).isEqualTo("Zoë Ångström 日本 😀");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void aTableShowsNamesAndValuesEscapedAndNullsAsNull() {
        Table users = Table.create("users <&>",
                IntColumn.create("id", 1, 2),
                StringColumn.create("name", "O'Brien \"Bob\"", "<b>Zoë</b>"),
                StringColumn.create("phone_number", new String[]{null, "+1 555"}),
                BooleanColumn.create("deleted", true, false));

        String html = Html.table(users);

        assertThat(html).startsWith("<table>").endsWith("</table>")
                .contains("<b>users &lt;&amp;&gt;</b>", "2 rows × 4 columns")
                .contains("<th>id</th><th>name</th><th>phone_number</th><th>deleted</th>")
                .contains("<td>O&#39;Brien &quot;Bob&quot;</td>", "<td>&lt;b&gt;Zoë&lt;/b&gt;</td>")
                .contains("<td style=\"text-align:right\">1</td>")
                .contains(">NULL</td>", "<td>+1 555</td>")
                .doesNotContain("<b>Zoë</b>");
        assertThat(dataRows(html)).isEqualTo(2);
    }

    @Test
    void longTablesAreCutAndSaySo() {
        Table numbers = Table.create("n", IntColumn.create("i", java.util.stream.IntStream.range(0, 1000).toArray()));

        assertThat(dataRows(Html.table(numbers))).isEqualTo(Html.DEFAULT_MAX_ROWS);
        assertThat(Html.table(numbers, 3)).contains("1,000 rows × 1 columns, first 3 shown");
        assertThat(dataRows(Html.table(numbers, 3))).isEqualTo(3);
        assertThat(dataRows(Html.table(numbers, 5000))).isEqualTo(1000);
        assertThat(Html.table(numbers, 5000)).doesNotContain("shown");
    }

    @Test
    void anEmptyTableIsStillATable() {
        String html = Html.table(Table.create("empty", StringColumn.create("name")));
        assertThat(html).contains("0 rows × 1 columns", "<tbody>\n</tbody>");
    }

    @Test
    void blocksAroundTables() {
        assertThat(Html.sideBySide("<p>a</p>", "<p>b</p>")).contains("display:flex", "<p>a</p>", "<p>b</p>");
        assertThat(Html.verdict(true, "identical: 3 rows")).contains("✔ identical: 3 rows", "#1a7f37");
        assertThat(Html.verdict(false, "2 <differences>")).contains("✘ 2 &lt;differences&gt;", "#cf222e");
    }

    private static int dataRows(String html) {
        String body = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
        return body.split("<tr>", -1).length - 1;
    }
}
