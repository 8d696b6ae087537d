package io.cdccookbook.notebook;

import io.cdccookbook.config.Redactor;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.Locale;

/**
 * HTML for notebooks: tablesaw tables as {@code <table>}s and a few blocks around them. Jupyter, VS Code
 * and GitHub all show a {@code text/html} output; every value is escaped, so a name with quotes, angle
 * brackets or ampersands shows as it is and cannot break the page. Styles are inline and light, so the
 * notebook front end's own table style (and dark theme) still applies.
 */
public final class Html {

    /** Rows shown when no limit is given: enough to see the shape, short enough to scroll past. */
    public static final int DEFAULT_MAX_ROWS = 15;

    private static final String MUTED = "color:#888";

    private Html() {
    }

    /** Text made safe for HTML element content and attribute values, secrets masked; null becomes "". */
    public static String escape(String raw) {
        if (raw == null) {
            return "";
        }
        String text = Redactor.redact(raw);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The first {@link #DEFAULT_MAX_ROWS} rows of {@code table}. */
    public static String table(Table table) {
        return table(table, DEFAULT_MAX_ROWS);
    }

    /**
     * The first {@code maxRows} rows of {@code table}, under a caption with its name and size. Numbers
     * are right-aligned; a missing value shows as a grey NULL, so it is not mistaken for an empty string.
     */
    public static String table(Table table, int maxRows) {
        int shown = Math.min(Math.max(maxRows, 0), table.rowCount());
        StringBuilder html = new StringBuilder("<table>\n<caption style=\"text-align:left\"><b>")
                .append(escape(table.name())).append("</b> <span style=\"").append(MUTED).append("\">")
                .append(size(table.rowCount(), shown, table.columnCount())).append("</span></caption>\n<thead><tr>");
        for (Column<?> column : table.columns()) {
            html.append("<th>").append(escape(column.name())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int row = 0; row < shown; row++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append(cell(column, row));
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    private static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "<td style=\"" + MUTED + ";font-style:italic\">NULL</td>";
        }
        return (column instanceof NumericColumn<?> ? "<td style=\"text-align:right\">" : "<td>") + escape(column.getString(row)) + "</td>";
    }

    private static String size(int rows, int shown, int columns) {
        String size = String.format(Locale.ROOT, "%,d rows × %d columns", rows, columns);
        return shown < rows ? size + String.format(Locale.ROOT, ", first %,d shown", shown) : size;
    }

    /** HTML fragments next to each other, wrapping onto new lines when the window is narrow. */
    public static String sideBySide(String... fragments) {
        StringBuilder html = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start\">\n");
        for (String fragment : fragments) {
            html.append("<div style=\"overflow-x:auto\">").append(fragment).append("</div>\n");
        }
        return html.append("</div>").toString();
    }

    /**
     * A one-line verdict, green when {@code ok}, red otherwise, with a check mark or a cross so it reads
     * without colour too. The text is escaped.
     */
    public static String verdict(boolean ok, String text) {
        String colour = ok ? "#1a7f37" : "#cf222e";
        return "<p style=\"font-size:1.2em;font-weight:bold;color:" + colour + "\">" + (ok ? "✔ " : "✘ ")
                + escape(text) + "</p>";
    }
}
