package io.cdccookbook.config;

import java.util.List;

/**
 * Every setting the cookbook reads, with the names of the Python original's conf.py.
 * They are documented one by one in cdc.properties.example (a test keeps the two in step).
 */
public enum Setting {

    USERS_TABLE_NAME("users", Kind.IDENTIFIER),

    PG_HOST_URL("", Kind.HOST),
    PG_PORT("5432", Kind.PORT),
    PG_USERNAME("postgres", Kind.PLAIN),
    PG_PASSWORD("", Kind.SECRET),
    PG_DATABASE("postgres_cdc_demo", Kind.IDENTIFIER),
    PG_CONFLUENT_CONNECTOR_NAME("PostgresDbzmConnector_0", Kind.PLAIN),

    MYSQL_HOST_URL("", Kind.HOST),
    MYSQL_PORT("3306", Kind.PORT),
    MYSQL_USERNAME("admin", Kind.PLAIN),
    MYSQL_PASSWORD("", Kind.SECRET),
    MYSQL_DB_NAME("mysql_cdc_demo", Kind.IDENTIFIER),
    MYSQL_CONFLUENT_CONNECTOR_NAME("MysqlDbzmConnector_0", Kind.PLAIN),

    CONFLUENT_ENV_NAME("default", Kind.PLAIN),
    CONFLUENT_CLUSTER_NAME("", Kind.PLAIN),
    CONFLUENT_BOOTSTRAP_SERVERS("", Kind.PLAIN),
    CONFLUENT_UNAME("", Kind.CREDENTIAL),
    CONFLUENT_SECRET("", Kind.CREDENTIAL),
    CONFLUENT_OFFSET_RESET("earliest", Kind.CHOICE, "earliest", "latest"),
    CONFLUENT_CLOUD_KEY("", Kind.CREDENTIAL),
    CONFLUENT_CLOUD_SECRET("", Kind.CREDENTIAL),
    CONFLUENT_API_URL("https://api.confluent.cloud", Kind.URL),
    CONFLUENT_SCHEMA_REGISTRY_URL("", Kind.URL),
    CONFLUENT_SCHEMA_REGISTRY_KEY("", Kind.CREDENTIAL),
    CONFLUENT_SCHEMA_REGISTRY_SECRET("", Kind.CREDENTIAL),

    TINYBIRD_API_URI("api", Kind.PLAIN),
    TINYBIRD_API_KEY("", Kind.CREDENTIAL),
    TINYBIRD_CONFLUENT_CONNECTION_NAME("", Kind.PLAIN),
    TINYBIRD_DEPLOY("auto", Kind.CHOICE, "auto", "forward", "classic"),

    // Added by the cookbook: where commands run and what they use when no option says otherwise.
    CDC_SOURCE_DB("PG", Kind.CHOICE, "PG", "MYSQL", "POSTGRES", "POSTGRESQL", "MARIADB"),
    CDC_DB_PROVIDER("auto", Kind.CHOICE, "auto", "external", "embedded", "testcontainers"),
    CDC_STATE_DIR("", Kind.PLAIN),
    CDC_TABLES("", Kind.TABLES),
    CDC_EXCLUDE_COLUMNS("", Kind.COLUMNS);

    /**
     * How a value is checked (every value, when settings load) and shown: PLAIN anything, SECRET anything
     * and never shown, CREDENTIAL a secret sent in HTTP headers or SASL (API keys, their secrets, tokens): visible
     * ASCII only, never shown, IDENTIFIER a lowercase SQL name, TABLES such names separated by commas (or
     * nothing), COLUMNS {@code table.column} pairs of such names separated by commas (or nothing), PORT 1-65535, HOST a host name or address without
     * scheme, port or path, CHOICE one of the listed values (any case), URL an http(s) URL (or nothing, where
     * the default is nothing).
     */
    public enum Kind { PLAIN, SECRET, CREDENTIAL, IDENTIFIER, TABLES, COLUMNS, PORT, HOST, CHOICE, URL }

    private final String defaultValue;
    private final Kind kind;
    private final List<String> choices;

    Setting(String defaultValue, Kind kind, String... choices) {
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.choices = List.of(choices);
    }

    /** The values a CHOICE setting takes (compared in any case); empty for other kinds. */
    public List<String> choices() {
        return choices;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isSecret() {
        return kind == Kind.SECRET || kind == Kind.CREDENTIAL;
    }
}
