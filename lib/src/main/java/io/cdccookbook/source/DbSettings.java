package io.cdccookbook.source;

import io.cdccookbook.config.Redactor;
import io.cdccookbook.config.Settings;

/**
 * How to reach one source database. {@link #toString()} never shows the password.
 *
 * @param kind     PostgreSQL or MySQL/MariaDB
 * @param host     host name or address
 * @param port     TCP port
 * @param user     user name
 * @param password password, "" for none
 * @param database the database that holds the users table
 */
public record DbSettings(SourceDb kind, String host, int port, String user, String password, String database) {

    public DbSettings {
        Redactor.register(password);
    }

    /** The configured server of the given kind, validated: port is a number, database a plain name. */
    public static DbSettings fromSettings(SourceDb kind, Settings settings) {
        return new DbSettings(kind, settings.get(kind.host), settings.port(kind.port), settings.get(kind.user),
                settings.get(kind.password), settings.identifier(kind.database));
    }

    /** The host as URLs need it: IPv6 addresses in brackets. */
    public String urlHost() {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.contains(":") ? "[" + bare + "]" : bare;
    }

    /** host:port, for messages (shown as it is even where a secret has the same text). */
    public String address() {
        return Redactor.shown(urlHost()) + ":" + port;
    }

    /** The user name, for messages. */
    public String shownUser() {
        return Redactor.shown(user);
    }

    /** The database name, for messages. */
    public String shownDatabase() {
        return Redactor.shown(database);
    }

    @Override
    public String toString() {
        return kind.displayName() + " " + shownUser() + "@" + address() + "/" + shownDatabase()
                + (password.isEmpty() ? "" : " (password " + Redactor.MASK + ")");
    }
}
