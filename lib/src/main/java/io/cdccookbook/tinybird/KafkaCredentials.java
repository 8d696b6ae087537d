package io.cdccookbook.tinybird;

import io.cdccookbook.cloud.Plan;
import io.cdccookbook.config.Redactor;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What Tinybird needs to read the Confluent Cloud cluster: its bootstrap server and a Kafka API key and
 * secret, and, when Avro is to be decoded, the Schema Registry's URL with its API key and secret in it
 * ({@code https://key:secret@psrc-...}, the form Tinybird's KAFKA_SCHEMA_REGISTRY_URL takes Basic auth in;
 * empty when no Schema Registry is configured). {@link #toString()} never shows a key, secret or that URL.
 */
public record KafkaCredentials(String bootstrapServers, String key, String secret, String schemaRegistryUrl) {

    /** From CONFLUENT_BOOTSTRAP_SERVERS, CONFLUENT_UNAME and CONFLUENT_SECRET, failing when one is unset. */
    public static KafkaCredentials from(Settings settings) {
        settings.require("Connecting Tinybird to Kafka", Setting.CONFLUENT_BOOTSTRAP_SERVERS,
                Setting.CONFLUENT_UNAME, Setting.CONFLUENT_SECRET);
        String registry = "";
        if (settings.isSet(Setting.CONFLUENT_SCHEMA_REGISTRY_URL)) {
            settings.require("Connecting Tinybird to the Schema Registry", Setting.CONFLUENT_SCHEMA_REGISTRY_KEY,
                    Setting.CONFLUENT_SCHEMA_REGISTRY_SECRET);
            registry = withUserInfo(settings.get(Setting.CONFLUENT_SCHEMA_REGISTRY_URL),
                    settings.get(Setting.CONFLUENT_SCHEMA_REGISTRY_KEY), settings.get(Setting.CONFLUENT_SCHEMA_REGISTRY_SECRET));
            // the secret is masked already; the URL is one too, in case it shows encoded
            Redactor.register(registry);
        }
        KafkaCredentials credentials = new KafkaCredentials(settings.get(Setting.CONFLUENT_BOOTSTRAP_SERVERS),
                settings.get(Setting.CONFLUENT_UNAME), settings.get(Setting.CONFLUENT_SECRET), registry);
        // Settings registers secrets already; registering here too keeps this safe when built by hand.
        Redactor.register(credentials.key);
        Redactor.registerCredentials(credentials.key, credentials.secret); // SASL PLAIN sends them together
        return credentials;
    }

    /** For a dry run: the settings' values where set, else the settings' names as placeholders. */
    public static KafkaCredentials planned(Settings settings) {
        return new KafkaCredentials(orName(settings, Setting.CONFLUENT_BOOTSTRAP_SERVERS), orName(settings, Setting.CONFLUENT_UNAME),
                orName(settings, Setting.CONFLUENT_SECRET), settings.isSet(Setting.CONFLUENT_SCHEMA_REGISTRY_URL)
                        ? Plan.placeholder("CONFLUENT_SCHEMA_REGISTRY_URL with its key and secret") : "");
    }

    /** https://host/... with {@code user:password@} after the scheme, each percent-encoded. */
    static String withUserInfo(String url, String user, String password) {
        int host = url.indexOf("://") + 3;
        return url.substring(0, host) + encode(user) + ":" + encode(password) + "@" + url.substring(host);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String orName(Settings settings, Setting setting) {
        return settings.isSet(setting) ? settings.get(setting) : Plan.placeholder(setting.name());
    }

    @Override
    public String toString() {
        return "KafkaCredentials[bootstrapServers=" + bootstrapServers + ", key=" + Redactor.MASK
                + ", secret=" + Redactor.MASK + ", schemaRegistryUrl=" + (schemaRegistryUrl.isEmpty() ? "" : Redactor.MASK) + "]";
    }
}
