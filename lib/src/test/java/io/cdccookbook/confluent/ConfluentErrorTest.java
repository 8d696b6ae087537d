package io.cdccookbook.confluent;

import io.cdccookbook.CookbookException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One parser for every error shape the Confluent APIs use; the fixtures are the specs' own examples. */
class ConfluentErrorTest {

    private static String fixture(String name) {
        return FakeConfluent.resource(name);
    }

    @Test
    void readsEveryShape() {
        assertThat(ConfluentError.parse(fixture("error-connect-401.json")))
                .isEqualTo(new ConfluentError.Body("Unauthorized", "401"));
        assertThat(ConfluentError.parse(fixture("error-connect-400.json")).message())
                .isEqualTo("Validation error: database.hostname: Must be a resolvable host name");
        assertThat(ConfluentError.parse(fixture("error-connect-500-create.json")))
                .isEqualTo(new ConfluentError.Body("Failed to find any class that implements Connector and which name "
                        + "matches io.confluent.connect.<connector-class>...", "500"));
        assertThat(ConfluentError.parse(fixture("error-jsonapi-401.json")))
                .isEqualTo(new ConfluentError.Body("Authentication Required: Valid authentication credentials must be provided",
                        "user_unauthenticated"));
        assertThat(ConfluentError.parse(fixture("error-kafka-40403.json")))
                .isEqualTo(new ConfluentError.Body("This server does not host this topic-partition.", "40403"));
        assertThat(ConfluentError.parse(fixture("kafka-429.html")))
                .isEqualTo(new ConfluentError.Body("Error 429 Too Many Requests", null));
        assertThat(ConfluentError.parse("upstream connect error\n  or disconnect")).isEqualTo(
                new ConfluentError.Body("upstream connect error or disconnect", null));
        assertThat(ConfluentError.parse("")).isEqualTo(new ConfluentError.Body("", null));
        assertThat(ConfluentError.parse("{\"errors\":[{\"title\":\"A\"},{\"detail\":\"B\"}]}").message()).isEqualTo("A; B");
    }

    @Test
    void sendsTheRightKeyHintForEachApi() {
        CookbookException cloud = ConfluentError.exception(ConfluentApi.ORG, "list the environments", 401,
                fixture("error-jsonapi-401.json"));
        CookbookException rest = ConfluentError.exception(ConfluentApi.KAFKA_REST, "list the topics", 401,
                fixture("error-kafka-40101.json"));

        assertThat(cloud.getMessage()).isEqualTo("Could not list the environments: Confluent Cloud org/v2 answered 401: "
                + "Authentication Required: Valid authentication credentials must be provided");
        assertThat(cloud.hint()).contains("CONFLUENT_CLOUD_KEY", "Cloud API key", "not a Kafka cluster key");
        assertThat(rest.getMessage()).endsWith("answered 401: Authentication failed");
        assertThat(rest.hint()).contains("CONFLUENT_UNAME", "CONFLUENT_SECRET", "this Kafka cluster");
    }

    @Test
    void hintsSayWhatToDoForEachStatus() {
        assertThat(ConfluentError.hint(ConfluentApi.CMK, 403)).contains("role");
        assertThat(ConfluentError.hint(ConfluentApi.KAFKA_REST, 403)).contains("ACLs");
        assertThat(ConfluentError.hint(ConfluentApi.CONNECT, 404)).contains("CONFLUENT_ENV_NAME", "CONFLUENT_CLUSTER_NAME");
        assertThat(ConfluentError.hint(ConfluentApi.CONNECT, 409)).contains("run the command again");
        assertThat(ConfluentError.hint(ConfluentApi.ORG, 429)).contains("wait a minute");
        assertThat(ConfluentError.hint(ConfluentApi.CONNECT, 500)).contains("Confluent Cloud UI");
        assertThat(ConfluentError.hint(ConfluentApi.ORG, 503)).contains("try again");
    }
}
