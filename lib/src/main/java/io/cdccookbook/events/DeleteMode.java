package io.cdccookbook.events;

import io.cdccookbook.CookbookException;

import java.util.Locale;

/** How a delete event removes a user. */
public enum DeleteMode {
    /** UPDATE ... SET deleted = TRUE, as the original does; the row stays, flagged. */
    SOFT,
    /** A real DELETE statement; Debezium sends a delete event and the replica drops the row. */
    HARD,
    /** Each delete is soft or hard with equal chance. */
    MIXED;

    public static DeleteMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CookbookException("Unknown delete mode '" + text + "'.", "Use soft, hard or mixed.");
        }
    }
}
