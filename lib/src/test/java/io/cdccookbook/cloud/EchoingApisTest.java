package io.cdccookbook.cloud;

import com.google.gson.JsonObject;
import io.cdccookbook.CookbookException;
import io.cdccookbook.confluent.ApiKey;
import io.cdccookbook.confluent.ConfluentCloud;
import io.cdccookbook.tinybird.TinybirdApi;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Both cloud APIs, played by a server that refuses every request and repeats all it was sent (request line,
 * headers, body) in its error: the error the cookbook shows must not carry a secret in any encoding, not
 * the HTTP Basic header's base64, not a URL-encoded form field, not a JSON-escaped body.
 */
class EchoingApisTest {

    // secrets with the characters that encodings change: + / = & % space, a quote and a non-ASCII letter
    private static final String CLOUD_KEY = "CKEYECHO7Q2Z";
    private static final String CLOUD_SECRET = "c+l/o=u&d%S3 \"cr\u00e9t-8fJ2";
    private static final String TOKEN = "p.eyJ+echo/token==Zx81";
    private static final String KAFKA_KEY = "KKEYECHO4T9W";
    private static final String KAFKA_SECRET = "k/a+f=k&a%20s3cr\u00e8t Qp7";

    /** How the echo is written: as JSON (both APIs' error shape) or as plain text, the way a proxy might. */
    enum Echo { JSON, TEXT }

    private final MockWebServer server = new MockWebServer();
    private Echo echo;

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                // headers the way a server's map prints them ({Authorization=Basic ...}), not as "Name: value"
                StringBuilder all = new StringBuilder(request.getRequestLine()).append(" headers ")
                        .append(request.getHeaders().toMultimap()).append(" body ").append(request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8));
                String body;
                if (echo == Echo.JSON) {
                    JsonObject error = new JsonObject();
                    error.addProperty("error", "You sent: " + all); // Tinybird's shape
                    error.addProperty("message", "You sent: " + all); // Confluent's
                    body = error.toString();
                } else {
                    body = "You sent: " + all.toString().replace('\n', ' ');
                }
                return new MockResponse.Builder().code(401).addHeader("Content-Type",
                        echo == Echo.JSON ? "application/json" : "text/plain").body(body).build();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Echo.class)
    void anErrorThatRepeatsTheRequestShowsNoSecret(Echo echo) {
        this.echo = echo;
        String url = server.url("/").toString().replaceAll("/$", "");
        List<String> shown = new ArrayList<>();

        ConfluentCloud confluent = new ConfluentCloud(new ApiKey(CLOUD_KEY, CLOUD_SECRET), new ApiKey(KAFKA_KEY, KAFKA_SECRET),
                Plan.live(), new ConfluentCloud.Options(url, d -> { }, Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        shown.add(shown(catchThrowableOfType(CookbookException.class, confluent::environments)));

        TinybirdApi tinybird = new TinybirdApi(url, TOKEN, TinybirdApi.httpClient(new RetryInterceptor(1, Duration.ZERO, d -> { })), Plan.live());
        shown.add(shown(catchThrowableOfType(CookbookException.class, () -> tinybird.getJson("/v0/datasources", "list"))));
        JsonObject connection = new JsonObject();
        connection.addProperty("kafka_sasl_plain_username", KAFKA_KEY);
        connection.addProperty("kafka_sasl_plain_password", KAFKA_SECRET);
        shown.add(shown(catchThrowableOfType(CookbookException.class, () -> tinybird.postJson("/v0/connectors", connection, "connect"))));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "CDC_KAFKA_SECRET");
        form.put("value", KAFKA_SECRET);
        shown.add(shown(catchThrowableOfType(CookbookException.class,
                () -> tinybird.postForm("/v0/variables", form, Set.of("value"), "set the secret"))));

        assertThat(server.getRequestCount()).as("every call reached the server").isEqualTo(4);
        assertThat(shown).as("each error says what happened").allMatch(line -> line.contains("401"));
        if (echo == Echo.JSON) {
            assertThat(String.join("\n", shown)).as("the bodies were repeated").contains("kafka_sasl_plain_password", "value=");
        }
        for (String secret : List.of(CLOUD_SECRET, TOKEN, KAFKA_SECRET)) {
            assertThat(String.join("\n", shown)).as("what the errors showed").doesNotContain(forms(secret));
        }
        assertThat(String.join("\n", shown)).doesNotContain(basic(CLOUD_KEY, CLOUD_SECRET), basic(KAFKA_KEY, KAFKA_SECRET));
    }

    private static String shown(CookbookException e) {
        assertThat(e).as("the call fails").isNotNull();
        return e.oneLine() + " " + e.hint();
    }

    /** The secret as the request carried it, computed here with the encoders the wire uses. */
    private static String[] forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        String urlEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return new String[] {secret, urlEncoded, urlEncoded.replace("+", "%20"),
                Base64.getEncoder().encodeToString(bytes), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                new com.google.gson.Gson().toJson(secret).replaceAll("^\"|\"$", "")};
    }

    private static String basic(String user, String secret) {
        return Credentials.basic(user, secret).substring("Basic ".length());
    }
}
