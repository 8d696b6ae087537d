package io.cdccookbook.confluent;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClusterTest {

    private static JsonObject firstCluster(String fixture) {
        String json = FakeConfluent.resource(fixture).replace("{{SERVER}}", "https://pkc-12345.us-west-2.aws.confluent.cloud:443");
        return JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("data").get(0).getAsJsonObject();
    }

    @Test
    void takesTheEndpointsOfThePublicEntryOverTheDeprecatedFields() {
        KafkaCluster cluster = KafkaCluster.fromJson(firstCluster("clusters.json"));

        assertThat(cluster).isEqualTo(new KafkaCluster("lkc-00000", "cdc-cluster", "env-abc123",
                "https://pkc-12345.us-west-2.aws.confluent.cloud:443", "pkc-12345.us-west-2.aws.confluent.cloud:9092"));
    }

    @Test
    void fallsBackToTheDeprecatedFieldsWithoutThePrefixSomeToolsAdd() {
        KafkaCluster cluster = KafkaCluster.fromJson(firstCluster("clusters-legacy-endpoint.json"));

        assertThat(cluster.restEndpoint()).isEqualTo("https://pkc-12345.us-west-2.aws.confluent.cloud:443");
        assertThat(cluster.bootstrapServers()).isEqualTo("pkc-00000.us-west-2.aws.confluent.cloud:9092");
    }

    @Test
    void aClusterWithOnlyPrivateEndpointsHasNoRestEndpoint() {
        JsonObject item = JsonParser.parseString("""
                {"id":"lkc-2","spec":{"display_name":"private","endpoints":{"ap1":{"connection_type":"PRIVATE_LINK",
                 "http_endpoint":"https://lkc-2.private","kafka_bootstrap_endpoint":"lkc-2.private:9092"}}}}""")
                .getAsJsonObject();

        assertThat(KafkaCluster.fromJson(item).restEndpoint()).isEmpty();
    }
}
