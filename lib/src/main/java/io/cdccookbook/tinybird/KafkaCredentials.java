package io.cdccookbook.tinybird;

import io.cdccookbook.config.Redactor;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;

/**
 * What Tinybird needs to read the Confluent Cloud cluster: its bootstrap server and a Kafka API key and
 * secret. {@link #toString()} never shows the key or the secret.
 */
public record KafkaCredentials(String bootstrapServers, String key, String secret) {

    /** From CONFLUENT_BOOTSTRAP_SERVERS, CONFLUENT_UNAME and CONFLUENT_SECRET, failing when one is unset. */
    public static KafkaCredentials from(Settings settings) {
        settings.require("Connecting Tinybird to Kafka", Setting.CONFLUENT_BOOTSTRAP_SERVERS,
                Setting.CONFLUENT_UNAME, Setting.CONFLUENT_SECRET);
        KafkaCredentials credentials = new KafkaCredentials(settings.get(Setting.CONFLUENT_BOOTSTRAP_SERVERS),
                settings.get(Setting.CONFLUENT_UNAME), settings.get(Setting.CONFLUENT_SECRET));
        // Settings registers secrets already; registering here too keeps this safe when built by hand.
        Redactor.register(credentials.key);
        Redactor.registerCredentials(credentials.key, credentials.secret); // SASL PLAIN sends them together
        return credentials;
    }

    /** For a dry run: the settings' values where set, else the settings' names as placeholders. */
    public static KafkaCredentials planned(Settings settings) {
        return new KafkaCredentials(orName(settings, Setting.CONFLUENT_BOOTSTRAP_SERVERS), orName(settings, Setting.CONFLUENT_UNAME),
                orName(settings, Setting.CONFLUENT_SECRET));
    }

    private static String orName(Settings settings, Setting setting) {
        return settings.isSet(setting) ? settings.get(setting) : io.cdccookbook.cloud.Plan.placeholder(setting.name());
    }

    @Override
    public String toString() {
        return "KafkaCredentials[bootstrapServers=" + bootstrapServers + ", key=" + Redactor.MASK
                + ", secret=" + Redactor.MASK + "]";
    }
}
