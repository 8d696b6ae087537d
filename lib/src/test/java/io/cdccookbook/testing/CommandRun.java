package io.cdccookbook.testing;

import io.cdccookbook.cli.Cli;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A script's command run in this JVM as a user runs it: arguments in, exit code and output out. */
public record CommandRun(int exit, String out, String err) {

    public String all() {
        return out + err;
    }

    /** Runs it with writers of its own; what it printed also goes to the suite's secrets check. */
    public static CommandRun of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Cli.commandLine(command);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        OutputRecorder.record("command output", out + "\n" + err);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
