package io.cdccookbook.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Ranges of numeric options, checked before a command does anything: a value out of range is a command-line error
 * (exit code 2). Every count and duration has an upper bound too, so that no value an option's type can hold
 * overflows a Duration or an Instant, or makes a command wait for ever.
 */
public final class OptionRules {

    /** The longest wait an option may ask for: a day. */
    public static final long MAX_SECONDS = 86_400;
    /** The longest poll interval: a minute. */
    public static final long MAX_POLL_MILLIS = 60_000;
    /** The most events, rows or rounds a command makes or prints. */
    public static final long MAX_COUNT = 100_000_000;
    /** The highest relative weight of an event type, and events per second. */
    public static final long MAX_WEIGHT = 1_000_000;

    private OptionRules() {
    }

    public static void atLeast(CommandSpec spec, String option, long value, long min) {
        if (value < min) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be " + (min == 1 ? "positive" : min + " or more")
                    + ", not " + value);
        }
    }

    /** The smallest --rate that is not 0 (no limit): one event a minute. */
    public static final double MIN_RATE = 0.017; // about one event a minute

    public static void between(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be from " + min + " to " + max + ", not " + value);
        }
    }

    /** A number of seconds to wait: 1 to {@link #MAX_SECONDS}. */
    public static void seconds(CommandSpec spec, String option, long value) {
        between(spec, option, value, 1, MAX_SECONDS);
    }

    /** A poll interval in milliseconds: 1 to {@link #MAX_POLL_MILLIS}. */
    public static void pollMillis(CommandSpec spec, String option, long value) {
        between(spec, option, value, 1, MAX_POLL_MILLIS);
    }

    /** A count of events, rows or rounds: {@code min} to {@link #MAX_COUNT}. */
    public static void count(CommandSpec spec, String option, long value, long min) {
        if (value < min) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be " + min + " or more, not " + value);
        }
        between(spec, option, value, min, MAX_COUNT);
    }

    /** A number of type double from {@code min} to {@code max} (NaN is refused). */
    public static void between(CommandSpec spec, String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be from " + fmt(min) + " to " + fmt(max)
                    + ", not " + value);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
