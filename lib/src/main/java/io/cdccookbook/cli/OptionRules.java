package io.cdccookbook.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Ranges of numeric options, checked before a command does anything: a value out of range is a command-line error (exit code 2). */
public final class OptionRules {

    private OptionRules() {
    }

    public static void atLeast(CommandSpec spec, String option, long value, long min) {
        if (value < min) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be " + (min == 1 ? "positive" : min + " or more")
                    + ", not " + value);
        }
    }

    public static void between(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be from " + min + " to " + max + ", not " + value);
        }
    }
}
