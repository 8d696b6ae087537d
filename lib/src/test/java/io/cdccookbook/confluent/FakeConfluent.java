package io.cdccookbook.confluent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.cdccookbook.capture.ConnectorDefinition;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.config.Settings;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Confluent Cloud for a test: a MockWebServer that answers in order with what the test queues, plays both
 * api.confluent.cloud and the cluster's REST endpoint, and checks every request it gets against the
 * official OpenAPI documents and for the right credentials (Cloud key for org/cmk/connect, cluster key
 * for Kafka REST). A test fails afterwards if any request broke either rule. Waiting is simulated: the
 * sleeper records each wait and moves the fake clock on by it. Nothing the client logs may show a secret.
 */
final class FakeConfluent implements BeforeEachCallback, AfterEachCallback {

    static final String CLOUD_KEY = "CLOUDKEYID7Q2ZX";
    static final String CLOUD_SECRET = "cloud-S3cret-8fJ2kLmN";
    static final String CLUSTER_KEY = "CLUSTERKEYR4T9W";
    static final String CLUSTER_SECRET = "cluster-S3cret-Qp7vXy";
    static final String DB_PASSWORD = "db-Passw0rd-Hz61";
    static final String CONNECTOR = "PostgresDbzmConnector_0";
    static final String TOPIC = "postgres_cdc_demo.public.users";

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> seen = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    final List<Duration> waits = new ArrayList<>();
    /** What the client logged during the test, as formatted before any redacting layout sees it. */
    final List<String> logLines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> logs = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            logLines.add(event.getFormattedMessage());
        }
    };
    final FakeClock clock = new FakeClock();

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        // a request the test did not expect gets an answer no API gives, instead of hanging the test
        ((QueueDispatcher) server.getDispatcher()).setFailFast(new MockResponse.Builder().code(418)
                .body("{\"message\":\"the test queued no answer for this request\"}").build());
        server.start();
        logs.start();
        clientLogger().setLevel(Level.DEBUG);
        clientLogger().addAppender(logs);
    }

    private static Logger clientLogger() {
        return (Logger) LoggerFactory.getLogger("io.cdccookbook.confluent");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            clientLogger().detachAppender(logs);
            assertThat(logLines).as("log lines").noneMatch(FakeConfluent::hasSecret);
            requests();
            assertThat(problems).as("requests that break Confluent's OpenAPI documents or use the wrong key").isEmpty();
        } finally {
            server.close();
        }
    }

    /** Whether a text shows any of the test's secrets. */
    static boolean hasSecret(String text) {
        return text != null && Stream.of(CLOUD_KEY, CLOUD_SECRET, CLUSTER_KEY, CLUSTER_SECRET, DB_PASSWORD)
                .anyMatch(text::contains);
    }

    /** The server's URL, as api.confluent.cloud and as the cluster's REST endpoint. */
    String url() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    void reply(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build());
    }

    /** Answers the next request with a fixture from src/test/resources/confluent. */
    void replyWith(int code, String fixture) {
        reply(code, fixture(fixture));
    }

    void reply(MockResponse response) {
        server.enqueue(response);
    }

    /** A fixture with {{SERVER}} made this server's URL. */
    String fixture(String name) {
        return resource(name).replace("{{SERVER}}", url());
    }

    /** A fixture as it is stored. */
    static String resource(String name) {
        try (InputStream in = FakeConfluent.class.getResourceAsStream("/confluent/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The first two answers of every pipeline step: environment 'default' and cluster 'cdc-cluster'. */
    void replyWithEnvironmentAndCluster() {
        replyWith(200, "environments.json");
        replyWith(200, "clusters.json");
    }

    ConfluentPipeline pipeline(Settings settings) {
        return new ConfluentPipeline(settings, options());
    }

    /** Every request so far as "METHOD path?query", in order; each checked once as it is first seen. */
    List<String> requests() {
        try {
            for (RecordedRequest r; (r = server.takeRequest(0, TimeUnit.SECONDS)) != null; ) {
                seen.add(r);
                problems.addAll(ConfluentOpenApi.problems(r));
                String expected = r.getUrl().encodedPath().startsWith("/kafka/")
                        ? Credentials.basic(CLUSTER_KEY, CLUSTER_SECRET)
                        : Credentials.basic(CLOUD_KEY, CLOUD_SECRET);
                if (!expected.equals(r.getHeaders().get("Authorization"))) {
                    problems.add(r.getRequestLine() + ": not authenticated with the key this API takes");
                }
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return seen.stream().map(r -> r.getMethod() + " " + r.getUrl().encodedPath()
                + (r.getUrl().encodedQuery() == null ? "" : "?" + r.getUrl().encodedQuery())).toList();
    }

    /** The body of the n-th request (0-based). */
    String body(int n) {
        requests();
        return seen.get(n).getBody().string(StandardCharsets.UTF_8);
    }

    ConfluentCloud.Options options() {
        return new ConfluentCloud.Options(url(), d -> {
            waits.add(d);
            clock.advance(d);
        }, clock, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    ConfluentCloud cloud(Plan plan) {
        return new ConfluentCloud(new ApiKey(CLOUD_KEY, CLOUD_SECRET), new ApiKey(CLUSTER_KEY, CLUSTER_SECRET), plan, options());
    }

    static Settings settings() {
        return Settings.of(Map.ofEntries(
                entry("CONFLUENT_ENV_NAME", "default"),
                entry("CONFLUENT_CLUSTER_NAME", "cdc-cluster"),
                entry("CONFLUENT_CLOUD_KEY", CLOUD_KEY),
                entry("CONFLUENT_CLOUD_SECRET", CLOUD_SECRET),
                entry("CONFLUENT_UNAME", CLUSTER_KEY),
                entry("CONFLUENT_SECRET", CLUSTER_SECRET),
                entry("PG_PASSWORD", DB_PASSWORD)));
    }

    static ConnectorDefinition postgres() {
        return new ConnectorDefinition(new DbSettings(SourceDb.PG, "db.example.com", 5432, "cdc_user", DB_PASSWORD,
                "postgres_cdc_demo"), "users", CONNECTOR, ConnectorDefinition.Flavor.POSTGRES);
    }

    static ConnectorDefinition mysql() {
        return new ConnectorDefinition(new DbSettings(SourceDb.MYSQL, "mysql.example.com", 3306, "admin", DB_PASSWORD,
                "mysql_cdc_demo"), "users", "MysqlDbzmConnector_0", ConnectorDefinition.Flavor.MYSQL);
    }

    /** A clock that moves only when told: waiting takes no time, and timeouts are exact. */
    static final class FakeClock extends Clock {
        private Instant now = Instant.parse("2026-08-20T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
