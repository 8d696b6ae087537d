package io.cdccookbook.source;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Setting;

import java.util.Locale;

/** The two kinds of source database. MariaDB counts as MySQL: same protocol, same settings. */
public enum SourceDb {

    PG("PostgreSQL", Setting.PG_HOST_URL, Setting.PG_PORT, Setting.PG_USERNAME, Setting.PG_PASSWORD,
            Setting.PG_DATABASE),
    MYSQL("MySQL", Setting.MYSQL_HOST_URL, Setting.MYSQL_PORT, Setting.MYSQL_USERNAME, Setting.MYSQL_PASSWORD,
            Setting.MYSQL_DB_NAME);

    private final String displayName;
    public final Setting host;
    public final Setting port;
    public final Setting user;
    public final Setting password;
    public final Setting database;

    SourceDb(String displayName, Setting host, Setting port, Setting user, Setting password, Setting database) {
        this.displayName = displayName;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    public String displayName() {
        return displayName;
    }

    /** Accepts PG, MYSQL in any case, and the everyday names POSTGRES, POSTGRESQL and MARIADB. */
    public static SourceDb parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "PG", "POSTGRES", "POSTGRESQL" -> PG;
            case "MYSQL", "MARIADB" -> MYSQL;
            default -> throw new CookbookException("Unknown source database '" + text + "'.",
                    "Use PG or MYSQL (any case).");
        };
    }
}
