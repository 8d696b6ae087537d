package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;

import java.util.Locale;

/** Where the replica lives: in Tinybird (through Confluent Cloud), or on this machine. */
public enum Target {
    LOCAL, TINYBIRD;

    /** local or tinybird, in any case. */
    public static Target parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CookbookException("Unknown target '" + text + "'.", "Use local or tinybird.");
        }
    }

    /** A target and the sentence that says why it was chosen. */
    public record Choice(Target target, String reason) {
        @Override
        public String toString() {
            return "Target: " + target.name().toLowerCase(Locale.ROOT) + " (" + reason + ").";
        }
    }

    /** The --target option if given; else tinybird when a Tinybird token is configured, else local. */
    public static Choice choose(Target option, Settings settings) {
        return option != null ? new Choice(option, "--target " + option.name().toLowerCase(Locale.ROOT)) : choose((String) null, settings);
    }

    /** The --target option's text if given; else tinybird when a Tinybird token is configured, else local. */
    public static Choice choose(String option, Settings settings) {
        if (option != null && !option.isBlank()) {
            return new Choice(parse(option), "--target " + option.trim());
        }
        return settings.isSet(Setting.TINYBIRD_API_KEY)
                ? new Choice(TINYBIRD, "TINYBIRD_API_KEY is set")
                : new Choice(LOCAL, "TINYBIRD_API_KEY is not set, so everything runs on this machine");
    }
}
