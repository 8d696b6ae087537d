package io.cdccookbook.confluent;

import io.cdccookbook.config.Redactor;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import okhttp3.Credentials;

/**
 * A Confluent API key and its secret. Confluent has two kinds and each API takes only one: the Cloud key
 * (org/v2, cmk/v2, connect/v1) and the Kafka cluster key (Kafka REST, and the connector's own access to
 * the cluster). Both halves are registered with the {@link Redactor}: the key id is configured as a secret
 * too, and a leaked id is half a credential.
 */
public record ApiKey(String id, String secret) {

    public ApiKey {
        id = id == null ? "" : id;
        secret = secret == null ? "" : secret;
        Redactor.register(id);
        Redactor.registerCredentials(id, secret); // as the Authorization header carries them
    }

    /** CONFLUENT_CLOUD_KEY / CONFLUENT_CLOUD_SECRET: for the Confluent Cloud management APIs. */
    public static ApiKey cloud(Settings settings) {
        return new ApiKey(settings.get(Setting.CONFLUENT_CLOUD_KEY), settings.get(Setting.CONFLUENT_CLOUD_SECRET));
    }

    /** CONFLUENT_UNAME / CONFLUENT_SECRET: the Kafka cluster's own key. */
    public static ApiKey cluster(Settings settings) {
        return new ApiKey(settings.get(Setting.CONFLUENT_UNAME), settings.get(Setting.CONFLUENT_SECRET));
    }

    /** The Authorization header value: every Confluent API takes the key as HTTP Basic user and password. */
    String basicAuth() {
        return Credentials.basic(id, secret);
    }

    @Override
    public String toString() {
        return "ApiKey[" + Redactor.mask(id) + "]";
    }
}
