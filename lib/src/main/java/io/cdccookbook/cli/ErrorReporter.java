package io.cdccookbook.cli;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Redactor;
import io.cdccookbook.config.SettingException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Prints a failed command as one line: what went wrong and how to fix it. The stack trace only with
 * --verbose. Exit code 1 for failures, 2 for bad command lines (picocli's convention), including a bad
 * {@code --set} value.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    public static final int FAILED = 1;
    public static final int BAD_USAGE = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (e instanceof CommandLine.ParameterException pe) {
            return handleParseException(pe, new String[0]);
        }
        err.println(readable(Redactor.redact("error: " + oneLine(e))));
        if (isVerbose(parseResult)) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.println(Redactor.redact(trace.toString()));
        }
        err.flush();
        return e instanceof SettingException se && se.fromCommandLine() ? BAD_USAGE : FAILED;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(readable(Redactor.redact("error: " + e.getMessage().strip() + (e.getMessage().strip().endsWith(".") ? "" : ".")
                + " Try '" + cmd.getCommandName() + " --help'.")));
        cmd.getErr().flush();
        return BAD_USAGE;
    }

    /**
     * One line a person can read whatever was typed: control characters (a newline in a value) become '?',
     * and a quoted value of a page's length is cut.
     */
    static String readable(String line) {
        String oneLine = line.strip().replaceAll("\\p{Cntrl}", "?");
        if (oneLine.length() <= 400) {
            return oneLine;
        }
        // a quoted value starts and ends at a quote with no letter outside it: an apostrophe (table's) is no quote
        String cut = java.util.regex.Pattern.compile("(?<![\\p{L}])'([^']{60})[^']{40,}'(?![\\p{L}])").matcher(oneLine)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement("'" + m.group(1) + "...'"));
        return cut.length() <= 600 ? cut : cut.substring(0, 597) + "...";
    }

    /** The user-facing sentence for any failure. */
    public static String oneLine(Throwable e) {
        if (e instanceof CookbookException ce) {
            return ce.oneLine();
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CookbookException ce) {
                return ce.oneLine();
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message)
                + " (run again with --verbose for details)";
    }

    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
