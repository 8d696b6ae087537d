package io.cdccookbook.confluent;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator itself must be able to fail, or the suite's "every request conforms" proves nothing. */
class ConfluentOpenApiTest {

    private static RecordedRequest send(String method, String path, String body) throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder().code(200).build());
            Request.Builder request = new Request.Builder().url(server.url(path))
                    .method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
            request.header("Authorization", Credentials.basic("key", "secret"));
            new OkHttpClient().newCall(request.build()).execute().close();
            return server.takeRequest();
        }
    }

    @Test
    void acceptsARequestAsTheSpecDescribesIt() throws Exception {
        assertThat(ConfluentOpenApi.problems(send("GET", "/cmk/v2/clusters?environment=env-1&page_size=100", null)))
                .isEmpty();
        assertThat(ConfluentOpenApi.problems(send("DELETE", "/kafka/v3/clusters/lkc-1/topics/db.public.users", null)))
                .isEmpty();
    }

    @Test
    void rejectsWrongPathsMethodsParametersAndBodies() throws Exception {
        assertThat(ConfluentOpenApi.problems(send("GET", "/cmk/v2/clusters?page_size=100", null)))
                .as("environment is required").isNotEmpty();
        assertThat(ConfluentOpenApi.problems(send("GET", "/org/v2/environments?page_size=1000", null)))
                .as("page_size is at most 100").isNotEmpty();
        assertThat(ConfluentOpenApi.problems(send("GET", "/org/v2/environmentz", null))).isNotEmpty();
        assertThat(ConfluentOpenApi.problems(send("POST", "/connect/v1/environments/env-1/clusters/lkc-1/connectors",
                "{\"name\":\"c\",\"config\":{\"connector.class\":\"PostgresCdcSourceV2\",\"name\":\"c\"}}")))
                .as("kafka.api.key and kafka.api.secret are required").isNotEmpty();
        assertThat(ConfluentOpenApi.problems(send("POST", "/connect/v1/environments/env-1/clusters/lkc-1/connectors",
                "{\"name\":\"c\",\"config\":{\"connector.class\":\"X\",\"name\":\"c\",\"kafka.api.key\":\"k\","
                        + "\"kafka.api.secret\":\"s\",\"tasks.max\":1}}")))
                .as("config values are strings").isNotEmpty();
        assertThat(ConfluentOpenApi.problems(send("POST", "/connect/v1/environments/env-1/clusters/lkc-1/connectors/c/status",
                "{}"))).as("status is read-only").isNotEmpty();
        assertThat(ConfluentOpenApi.problems(send("GET", "/v2/whatever", null))).isNotEmpty();
    }
}
