package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Json;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static io.cdccookbook.tinybird.Testbed.ADMIN_TOKEN;
import static io.cdccookbook.tinybird.Testbed.KAFKA_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TinybirdApiTest {

    final Testbed bed = new Testbed();
    final TinybirdApi api = bed.api();

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void sendsTheAdminTokenAsABearerHeaderNeverInTheUrl() throws Exception {
        bed.tinybird.answerFile("GET /v0/datasources", 200, "datasources_other.json");

        assertThat(Json.names(api.getJson("/v0/datasources", "list"), "datasources")).containsExactly("other_events");
        RecordedRequest r = bed.tinybird.requests.get(0);
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + ADMIN_TOKEN);
        assertThat(r.getUrl().toString()).doesNotContain(ADMIN_TOKEN);
        assertThat(bed.plan.describe()).contains("GET " + bed.server.url("/v0/datasources"), "# list").doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void regionLabelsBecomeTinybirdHostsAndUrlsStayAsTheyAre() {
        assertThat(TinybirdApi.baseUrl("api")).isEqualTo("https://api.tinybird.co");
        assertThat(TinybirdApi.baseUrl("api.us-east")).isEqualTo("https://api.us-east.tinybird.co");
        assertThat(TinybirdApi.baseUrl("api.eu-central-1.aws")).isEqualTo("https://api.eu-central-1.aws.tinybird.co");
        assertThat(TinybirdApi.baseUrl("http://localhost:7181/")).isEqualTo("http://localhost:7181");
        assertThatThrownBy(() -> TinybirdApi.baseUrl("api us")).hasMessageContaining("neither a region label nor a URL");
    }

    @Test
    void unauthorizedSaysToCheckTheTokenAndNeverShowsIt() {
        // Tinybird echoing the token back must not put it on the screen
        bed.tinybird.answer("GET /v0/pipes", 401, "{\"error\": \"invalid authentication token " + ADMIN_TOKEN + "\"}");

        CookbookException e = catchThrowableOfType(CookbookException.class, () -> api.getJson("/v0/pipes", "list"));
        assertThat(e.getMessage()).startsWith("Tinybird answered 401 to GET /v0/pipes: invalid authentication token")
                .doesNotContain(ADMIN_TOKEN);
        assertThat(e.hint()).contains("TINYBIRD_API_KEY", "TINYBIRD_API_URI");
    }

    @Test
    void forbiddenAsksForTheAdminToken() {
        bed.tinybird.answer("GET /v0/connectors", 403, "{\"error\": \"Forbidden: admin scope required\"}");

        assertThatThrownBy(() -> api.getJson("/v0/connectors", "list"))
                .hasMessage("Tinybird answered 403 to GET /v0/connectors: Forbidden: admin scope required")
                .extracting(t -> ((CookbookException) t).hint()).asString().contains("workspace admin token");
    }

    @Test
    void notFoundIsAnErrorForReadsAndAnAnswerForFindsAndDeletes() {
        bed.tinybird.answer("GET /v0/pipes/nope", 404, "{\"error\": \"Pipe 'nope' not found\"}");
        bed.tinybird.answer("DELETE /v0/pipes/nope", 404, "{\"error\": \"Pipe 'nope' not found\"}");

        assertThatThrownBy(() -> api.getJson("/v0/pipes/nope", "read")).hasMessageContaining("404")
                .extracting(t -> ((CookbookException) t).hint()).asString().contains("Not found");
        assertThat(api.findJson("/v0/pipes/nope", "find")).isEmpty();
        assertThat(api.delete("/v0/pipes/nope", "delete")).isFalse();
    }

    @Test
    void conflictExplainsDependentsWithTheErrorsList() {
        bed.tinybird.answer("DELETE /v0/datasources/pg_users_latest", 409, """
                {"error": "Data Source pg_users_latest is used by other resources",
                 "errors": ["pg_users_api", "reports_api"],
                 "documentation": "https://www.tinybird.co/docs/api-reference/datasource-api"}""");

        CookbookException e = catchThrowableOfType(CookbookException.class,
                () -> api.delete("/v0/datasources/pg_users_latest", "delete"));
        assertThat(e.getMessage()).isEqualTo("Tinybird answered 409 to DELETE /v0/datasources/pg_users_latest: Data Source"
                + " pg_users_latest is used by other resources; pg_users_api; reports_api."
                + " See https://www.tinybird.co/docs/api-reference/datasource-api");
        assertThat(e.hint()).contains("depend");
    }

    @Test
    void rateLimitedThenServedHonoursRetryAfter() {
        bed.tinybird.answer("GET /v0/datasources", new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
                .body("{\"error\": \"Too many requests\"}").build());
        bed.tinybird.answerFile("GET /v0/datasources", 200, "datasources_other.json");

        assertThat(Json.names(api.getJson("/v0/datasources", "list"), "datasources")).containsExactly("other_events");
        assertThat(bed.retryWaits).containsExactly(Duration.ofSeconds(7));
        assertThat(bed.tinybird.requests).hasSize(2);
    }

    @Test
    void aServerErrorThatPersistsShowsItsBodyAndBlamesTinybird() {
        bed.tinybird.answer("POST /v0/datafiles", 500, "{\"error\": \"Internal server error: ClickHouse is unavailable\"}");

        CookbookException e = catchThrowableOfType(CookbookException.class, () -> api.postFiles("/v0/datafiles?filenames=a.pipe",
                java.util.List.of(new TinybirdApi.FilePart("a.pipe", "a.pipe", "NODE a\nSQL >\n    SELECT 1\n", true)), "push"));
        assertThat(e.getMessage()).contains("500", "ClickHouse is unavailable");
        assertThat(e.hint()).contains("Tinybird had a problem on its side");
        assertThat(bed.tinybird.requests).as("a POST that failed with 500 may have been carried out: sent once").hasSize(1);
    }

    @Test
    void aForwardOnlyRefusalSaysWhichKindToUse() {
        bed.tinybird.answer("POST /v0/datafiles", 400, "{\"error\": \"Adding or modifying data sources to this workspace"
                + " can only be done via deployments.\"}");

        assertThatThrownBy(() -> api.postFiles("/v0/datafiles?filenames=a.pipe",
                java.util.List.of(new TinybirdApi.FilePart("a.pipe", "a.pipe", "x", true)), "push"))
                .extracting(t -> ((CookbookException) t).hint()).asString().contains("TINYBIRD_DEPLOY=forward");
    }

    @Test
    void formSecretsAreSentButMaskedInThePlan() {
        bed.tinybird.answerFile("POST /v0/variables", 200, "variable_created.json");

        api.postForm("/v0/variables", new java.util.LinkedHashMap<>(Map.of("name", "CDC_KAFKA_SECRET", "value", KAFKA_SECRET)),
                Set.of("value"), "create");
        assertThat(FakeTinybird.body(bed.tinybird.requests.get(0))).contains("value=" + KAFKA_SECRET);
        assertThat(bed.plan.describe()).contains("value=********").doesNotContain(KAFKA_SECRET);
    }

    @Test
    void anUnreachableHostIsOneReadableLine() {
        TinybirdApi nowhere = new TinybirdApi("http://127.0.0.1:9", ADMIN_TOKEN,
                TinybirdApi.httpClient(new io.cdccookbook.cloud.RetryInterceptor(1, Duration.ZERO, d -> { })), bed.plan);
        assertThatThrownBy(() -> nowhere.getJson("/v0/pipes", "list")).isInstanceOf(CookbookException.class)
                .hasMessageStartingWith("Cannot reach Tinybird at http://127.0.0.1:9")
                .extracting(t -> ((CookbookException) t).hint()).asString().contains("TINYBIRD_API_URI");
    }

    @Test
    void aDryRunSendsNothingAndAnswersAsIfTheWorkspaceWereEmpty() {
        TinybirdApi dry = new TinybirdApi(bed.server.url("/").toString(), ADMIN_TOKEN, TinybirdApi.httpClient(
                new io.cdccookbook.cloud.RetryInterceptor(1, Duration.ZERO, d -> { })), io.cdccookbook.cloud.Plan.dryRun());

        assertThat(dry.getJson("/v0/datasources", "list").size()).isZero();
        assertThat(dry.delete("/v0/pipes/x", "delete")).isTrue();
        assertThat(dry.get("/v1/deployments", "probe").planned()).isTrue();
        assertThat(bed.tinybird.requests).isEmpty();
        assertThat(dry.plan().steps()).hasSize(3);
    }
}
