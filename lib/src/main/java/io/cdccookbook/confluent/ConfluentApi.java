package io.cdccookbook.confluent;

/**
 * The Confluent APIs the cookbook calls. They differ in the key they take, which is the first thing to
 * check when one answers 401, so each names its key and how to make one.
 */
enum ConfluentApi {

    ORG("org/v2", true),
    CMK("cmk/v2", true),
    CONNECT("connect/v1", true),
    KAFKA_REST("Kafka REST v3", false);

    final String label;
    private final boolean cloudKey;

    ConfluentApi(String label, boolean cloudKey) {
        this.label = label;
        this.cloudKey = cloudKey;
    }

    String keyHint() {
        return cloudKey
                ? "Check CONFLUENT_CLOUD_KEY and CONFLUENT_CLOUD_SECRET: they must be a Cloud API key "
                        + "(confluent api-key create --resource cloud), not a Kafka cluster key."
                : "Check CONFLUENT_UNAME and CONFLUENT_SECRET: they must be an API key of this Kafka cluster "
                        + "(confluent api-key create --resource lkc-...), not a Cloud API key.";
    }
}
