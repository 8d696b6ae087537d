package io.cdccookbook.cli;

import picocli.CommandLine;

/**
 * How every script runs its picocli command: quiet logging (or --verbose), secrets masked, failures as
 * one line, case-insensitive enum values.
 */
public final class Cli {

    private Cli() {
    }

    public static CommandLine commandLine(Object command) {
        // picocli's own warnings go straight to stderr with the values they are about (a --set secret): none
        CommandLine.tracer().setLevel(CommandLine.TraceLevel.OFF);
        ErrorReporter errors = new ErrorReporter();
        CommandLine cmd = new CommandLine(command);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        cmd.setExecutionStrategy(parseResult -> {
            Logging.configure(parseResult.hasMatchedOption("--verbose"));
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cmd;
    }

    /** Runs the command and returns its exit code: 0 only on success. */
    public static int run(Object command, String... args) {
        return commandLine(command).execute(args);
    }
}
