package io.cdccookbook.config;

/**
 * Every setting the cookbook reads, with the names of the Python original's conf.py.
 * They are documented one by one in cdc.properties.example (a test keeps the two in step).
 */
public enum Setting {

    USERS_TABLE_NAME("users", Kind.IDENTIFIER),

    PG_HOST_URL("", Kind.PLAIN),
    PG_PORT("5432", Kind.PORT),
    PG_USERNAME("postgres", Kind.PLAIN),
    PG_PASSWORD("", Kind.SECRET),
    PG_DATABASE("postgres_cdc_demo", Kind.IDENTIFIER),
    PG_CONFLUENT_CONNECTOR_NAME("PostgresDbzmConnector_0", Kind.PLAIN),

    MYSQL_HOST_URL("", Kind.PLAIN),
    MYSQL_PORT("3306", Kind.PORT),
    MYSQL_USERNAME("admin", Kind.PLAIN),
    MYSQL_PASSWORD("", Kind.SECRET),
    MYSQL_DB_NAME("mysql_cdc_demo", Kind.IDENTIFIER),
    MYSQL_CONFLUENT_CONNECTOR_NAME("MysqlDbzmConnector_0", Kind.PLAIN),

    CONFLUENT_ENV_NAME("default", Kind.PLAIN),
    CONFLUENT_CLUSTER_NAME("", Kind.PLAIN),
    CONFLUENT_BOOTSTRAP_SERVERS("", Kind.PLAIN),
    CONFLUENT_UNAME("", Kind.SECRET),
    CONFLUENT_SECRET("", Kind.SECRET),
    CONFLUENT_OFFSET_RESET("earliest", Kind.PLAIN),
    CONFLUENT_CLOUD_KEY("", Kind.SECRET),
    CONFLUENT_CLOUD_SECRET("", Kind.SECRET),
    CONFLUENT_API_URL("https://api.confluent.cloud", Kind.PLAIN),

    TINYBIRD_API_URI("api", Kind.PLAIN),
    TINYBIRD_API_KEY("", Kind.SECRET),
    TINYBIRD_CONFLUENT_CONNECTION_NAME("", Kind.PLAIN),
    TINYBIRD_DEPLOY("auto", Kind.PLAIN),

    // Added by the cookbook: where commands run and what they use when no option says otherwise.
    CDC_SOURCE_DB("PG", Kind.PLAIN),
    CDC_DB_PROVIDER("auto", Kind.PLAIN),
    CDC_STATE_DIR("", Kind.PLAIN);

    /** How a value is checked and shown. */
    public enum Kind { PLAIN, SECRET, IDENTIFIER, PORT }

    private final String defaultValue;
    private final Kind kind;

    Setting(String defaultValue, Kind kind) {
        this.defaultValue = defaultValue;
        this.kind = kind;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isSecret() {
        return kind == Kind.SECRET;
    }
}
