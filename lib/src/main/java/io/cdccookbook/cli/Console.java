package io.cdccookbook.cli;

import io.cdccookbook.config.Redactor;
import tech.tablesaw.api.Table;

import java.io.PrintWriter;

/** What a command prints, secrets masked. */
public final class Console {

    private final PrintWriter out;
    private final PrintWriter err;

    public Console(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public void println(String line) {
        out.println(Redactor.redact(line));
        out.flush();
    }

    public void println() {
        out.println();
        out.flush();
    }

    /** A table, all rows up to {@code maxRows}, then a line saying how many were left out. */
    public void table(Table table, int maxRows) {
        println(table.rowCount() <= maxRows ? table.printAll() : table.print(maxRows));
    }

    /** A notice that is not the command's output: what database is used, warnings. Goes to stderr. */
    public void info(String line) {
        err.println(Redactor.redact(line));
        err.flush();
    }
}
