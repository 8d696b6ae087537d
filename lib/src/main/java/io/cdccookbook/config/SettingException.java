package io.cdccookbook.config;

import io.cdccookbook.CookbookException;

/**
 * A setting that is unknown or has a value the cookbook cannot use. Given on the command line
 * ({@code --set}) it is a command-line error (exit code 2); from a file or the environment, a failure (1).
 */
public final class SettingException extends CookbookException {

    private final boolean fromCommandLine;

    SettingException(String message, String hint, boolean fromCommandLine) {
        super(message, hint);
        this.fromCommandLine = fromCommandLine;
    }

    /** About the value of {@code setting}: a command-line error (exit code 2) when that value came from --set. */
    public static SettingException about(Settings settings, Setting setting, String message, String hint) {
        return new SettingException(message, hint, settings.origin(setting) == Settings.Origin.COMMAND_LINE);
    }

    public boolean fromCommandLine() {
        return fromCommandLine;
    }
}
