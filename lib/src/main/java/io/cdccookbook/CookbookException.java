package io.cdccookbook;

/**
 * A failure the user can act on: {@link #getMessage()} says what is wrong, {@link #hint()} how to fix it.
 * Commands print these as one line (no stack trace unless --verbose) and exit non-zero.
 */
public class CookbookException extends RuntimeException {

    private final String hint;

    public CookbookException(String message, String hint) {
        this(message, hint, null);
    }

    public CookbookException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public CookbookException(String message) {
        this(message, null, null);
    }

    /** How to fix it, or null when the message says it all. */
    public String hint() {
        return hint;
    }

    /** The message and the hint as one line. */
    public String oneLine() {
        if (hint == null || hint.isBlank()) {
            return getMessage();
        }
        String message = getMessage().strip();
        // a message ending in a library's words ("... no transaction is active") still reads as a sentence before the hint
        boolean ended = message.endsWith(".") || message.endsWith("?") || message.endsWith("!") || message.endsWith(":");
        return message + (ended ? " " : ". ") + hint;
    }
}
