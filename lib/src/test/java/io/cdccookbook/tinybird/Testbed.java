package io.cdccookbook.tinybird;

import io.cdccookbook.cloud.Plan;
import io.cdccookbook.cloud.RetryInterceptor;
import io.cdccookbook.config.Settings;
import io.cdccookbook.source.SourceDb;
import mockwebserver3.MockWebServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Tinybird target wired to a {@link FakeTinybird}: settings with recognisable secrets, a retrying
 * client whose waits are recorded instead of slept, a fixed clock, and the report lines.
 */
final class Testbed implements AutoCloseable {

    static final String ADMIN_TOKEN = "p.ADMIN-token-never-shown-0001";
    static final String KAFKA_KEY = "KAFKAKEY1234";
    static final String KAFKA_SECRET = "kafka-secret-never-shown-0002";
    static final String BOOTSTRAP = "pkc-12345.eu-west-1.aws.confluent.cloud:9092";
    static final String PG_TOPIC = "postgres_cdc_demo.public.users";
    static final long NOW = 1_767_225_600L;

    final MockWebServer server = new MockWebServer();
    final FakeTinybird tinybird;
    final List<Duration> retryWaits = Collections.synchronizedList(new ArrayList<>());
    final List<Duration> pollWaits = new ArrayList<>();
    final List<String> reports = new ArrayList<>();
    final Plan plan;
    /** The state folder, where the Kafka credentials' fingerprints are kept; a new one unless shared. */
    final Path stateDir;
    private final boolean ownStateDir;

    Testbed(Plan plan) {
        this(plan, null);
    }

    /** With the state folder of an earlier run, to see what a second run does. */
    Testbed(Plan plan, Path stateDir) {
        this.plan = plan;
        try {
            this.ownStateDir = stateDir == null;
            this.stateDir = stateDir != null ? stateDir : Files.createTempDirectory("tinybird-testbed");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        tinybird = FakeTinybird.on(server);
    }

    Testbed() {
        this(Plan.live());
    }

    Settings settings(String deploy, Map<String, String> more) {
        Map<String, String> s = new HashMap<>(Map.of(
                "TINYBIRD_API_URI", server.url("/").toString(),
                "TINYBIRD_API_KEY", ADMIN_TOKEN,
                "TINYBIRD_DEPLOY", deploy,
                "CONFLUENT_CLUSTER_NAME", "cluster_eu",
                "CONFLUENT_BOOTSTRAP_SERVERS", BOOTSTRAP,
                "CONFLUENT_UNAME", KAFKA_KEY,
                "CONFLUENT_SECRET", KAFKA_SECRET,
                "CDC_STATE_DIR", stateDir.toString()));
        s.putAll(more);
        return Settings.of(s);
    }

    TinybirdApi api() {
        return new TinybirdApi(server.url("/").toString(), ADMIN_TOKEN,
                TinybirdApi.httpClient(new RetryInterceptor(3, Duration.ofSeconds(60), retryWaits::add)), plan);
    }

    Timing timing() {
        return new Timing(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC), pollWaits::add,
                Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    TinybirdTarget target(String deploy) {
        return target(deploy, Map.of());
    }

    TinybirdTarget target(String deploy, Map<String, String> more) {
        return TinybirdTarget.of(settings(deploy, more), SourceDb.PG, PG_TOPIC, api(), timing(), reports::add);
    }

    /** Fails when any text shows the admin token or the Kafka key or secret. */
    static void assertNoSecrets(String what, String text) {
        assertThat(text).as(what).doesNotContain(ADMIN_TOKEN, KAFKA_KEY, KAFKA_SECRET);
    }

    void assertNothingShowsASecret() {
        assertNoSecrets("plan", plan.describe());
        assertNoSecrets("report", String.join("\n", reports));
    }

    @Override
    public void close() {
        server.close();
        if (ownStateDir) {
            try (var files = Files.walk(stateDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary folder: the system cleans it up
            }
        }
    }
}
