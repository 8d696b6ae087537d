package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Redactor;
import io.cdccookbook.endpoint.EndpointClient;
import io.cdccookbook.source.ReadinessCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** test-connection's rows and compare-tables' READ token. */
class TinybirdReadinessTest {

    static final String PREVIEW = "GET /v0/connectors/4a0c3a6e-7b7e-4a56-9d6c-0f3c1a2b3c4d/preview";

    Testbed bed = new Testbed();

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void allPassWhenTheTokenIsAdminAndTheConnectionListsTopics() {
        bed.tinybird.answerFile("GET /v0/connectors", 200, "connectors_ours.json")
                .answerFile("GET /v1/deployments", 200, "deployments_live_4.json")
                .answerFile(PREVIEW, 200, "preview_topics.json");

        List<ReadinessCheck> rows = bed.target("auto").readiness();

        assertThat(rows).extracting(ReadinessCheck::name).containsExactly("Tinybird token", "Tinybird workspace",
                "Tinybird Kafka connection cluster_eu");
        assertThat(rows).allMatch(ReadinessCheck::passed);
        assertThat(rows.get(1).detail()).isEqualTo("forward (it lists deployments)");
        assertThat(rows.get(2).detail()).isEqualTo("lists 3 topics, including " + Testbed.PG_TOPIC);
    }

    @Test
    void aTokenThatIsNotTheAdminTokenFailsWithAHintAndStopsThere() {
        bed.tinybird.answer("GET /v0/connectors", 403, "{\"error\": \"Forbidden\"}");

        List<ReadinessCheck> rows = bed.target("auto").readiness();

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.passed()).isFalse();
            assertThat(r.detail()).isEqualTo("accepted, but it is not the workspace admin token");
            assertThat(r.hint()).contains("workspace admin token");
        });
    }

    @Test
    void aMissingOrBrokenConnectionFails() {
        bed.tinybird.answerFile("GET /v0/connectors", 200, "connectors_none.json");
        ReadinessCheck missing = bed.target("classic").readiness().get(2);
        assertThat(missing.passed()).isFalse();
        assertThat(missing.detail()).isEqualTo("not in the workspace");
        assertThat(missing.hint()).contains("--tb-connect-kafka");

        Testbed other = new Testbed();
        try {
            other.tinybird.answerFile("GET /v0/connectors", 200, "connectors_ours.json")
                    .answer(PREVIEW, 422, "{\"error\": \"Authentication failed\"}");
            ReadinessCheck broken = other.target("classic").readiness().get(2);
            assertThat(broken.passed()).isFalse();
            assertThat(broken.detail()).isEqualTo("cannot list the cluster's topics: 422 Authentication failed");
        } finally {
            other.close();
        }
    }

    @Test
    void anUnsetConnectionNameIsARowNotACrash() {
        bed.tinybird.answerFile("GET /v0/connectors", 200, "connectors_ours.json");

        ReadinessCheck row = bed.target("classic", Map.of("CONFLUENT_CLUSTER_NAME", "")).readiness().get(2);

        assertThat(row.passed()).isFalse();
        assertThat(row.detail()).contains("TINYBIRD_CONFLUENT_CONNECTION_NAME");
    }

    @Test
    void theReadTokenIsReadByNameAndNeverShown() {
        bed.tinybird.answerFile("GET /v0/tokens/pg_users_api_read", 200, "token_read.json");

        String token = bed.target("classic").readToken();

        assertThat(token).isEqualTo("p.eyJ1IjogInJlYWQifQ.read-token-value");
        assertThat(Redactor.redact("token " + token)).doesNotContain(token);
        TinybirdTarget classic = bed.target("classic");
        assertThat(new EndpointClient(classic.baseUrl(), classic.endpointPipe(), classic.readToken()).url())
                .isEqualTo(bed.api().baseUrl() + "/v0/pipes/pg_users_api.json");
    }

    @Test
    void aMissingReadTokenSaysToCreateThePipeline() {
        bed.tinybird.answer("GET /v0/tokens/pg_users_api_read", 404, "{\"error\": \"Token not found\"}");

        assertThatThrownBy(() -> bed.target("classic").readToken()).isInstanceOf(CookbookException.class)
                .hasMessage("The endpoint's READ token pg_users_api_read is not in the Tinybird workspace.")
                .extracting(t -> ((CookbookException) t).hint()).asString().contains("create-pipeline --target tinybird");
    }
}
