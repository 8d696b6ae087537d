package io.cdccookbook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.testing.Catalog;
import io.cdccookbook.testing.OutputRecorder;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's remote run, {@code jbang <alias>@<org>/<repo>}: JBang reads the catalog, the scripts, the library
 * sources and the datafiles over HTTP, with no checkout around. Here the "repository" is this checkout served
 * from 127.0.0.1, and every run starts in an empty folder with JBang's own folders fresh, so nothing local
 * (a checkout's tinybird/, a cached build, a cdc.properties) can stand in for what the URL serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteRunTest {

    static final Path ROOT = CookbookSourcesTest.ROOT;
    static final String CLOUD_SECRET = "cloud-secret-never-printed-77";
    static final String KAFKA_SECRET = "kafka-secret-never-printed-88";
    static final String TINYBIRD_TOKEN = "p.tinybird-token-never-printed-99";

    record Result(int exit, String output) {
    }

    HttpServer repo;
    String catalog;
    Path scratch;
    Map<String, String> jbangEnv;

    @BeforeAll
    void serveTheCheckoutAndTrustIt() throws Exception {
        repo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        repo.createContext("/", this::serve);
        repo.start();
        String base = "http://127.0.0.1:" + repo.getAddress().getPort() + "/";
        catalog = base + "jbang-catalog.json";
        scratch = Files.createTempDirectory("remote-run");
        // JBang's trust list and cache, fresh for this class and shared by its runs: the first run compiles the
        // library from the URL, later ones reuse what it fetched. The wrapper keeps its launcher jar in the
        // checkout's .jbang/, not in JBANG_DIR, so a scratch JBANG_DIR does not download JBang again.
        jbangEnv = Map.of("JBANG_DIR", Files.createDirectory(scratch.resolve("jbang")).toString(),
                "JBANG_CACHE_DIR", Files.createDirectory(scratch.resolve("jbang-cache")).toString());
        Result trust = jbang(Map.of(), "trust", "add", base);
        assertThat(trust.exit()).as(trust.output()).isZero();
    }

    @AfterAll
    void stop() throws IOException {
        repo.stop(0);
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * GET of a file of the checkout, read-only. Not dot-folders (.git, .jbang, .cdc-state) nor a cdc.properties:
     * a repository on GitHub has neither, and the user's settings are not for serving.
     */
    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Path file = ROOT.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            boolean servable = exchange.getRequestMethod().equals("GET") && file.startsWith(ROOT) && Files.isRegularFile(file)
                    && ROOT.relativize(file).toString().matches("[^.][^/]*(/[^.][^/]*)*")
                    && !file.getFileName().toString().equals(Settings.FILE_NAME);
            if (!servable) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The wrapper, run from an empty folder of its own, with none of the cookbook's settings but {@code settings}. */
    Result jbang(Map<String, String> settings, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("jbang").toString()));
        command.addAll(List.of(args));
        Path dir = Files.createTempDirectory(scratch, "work");
        Path log = scratch.resolve(dir.getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        for (Setting s : Setting.values()) {
            pb.environment().remove(s.name()); // CI sets PG_HOST_URL and friends for the whole test run
        }
        pb.environment().remove(Settings.CONFIG_ENV);
        pb.environment().put("JBANG_WRAPPER_PINNED", "1"); // the pinned JBang the wrapper fetches, not whatever is installed
        pb.environment().putAll(jbangEnv);
        pb.environment().putAll(settings);
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("jbang " + String.join(" ", args) + " finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        OutputRecorder.record("remote jbang output", output);
        return new Result(p.exitValue(), output);
    }

    Stream<String> aliases() {
        return Catalog.aliases().stream().map(Map.Entry::getKey);
    }

    @ParameterizedTest
    @MethodSource("aliases")
    void everyAliasAnswersHelpFromTheUrl(String alias) throws Exception {
        Result r = jbang(Map.of(), alias + "@" + catalog, "--help");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("Usage: " + alias);
    }

    @Test
    void aTinybirdDryRunPlansEveryDatafileFromTheUrl() throws Exception {
        // Confluent Cloud and Tinybird at a local server that records what reaches it: a dry run sends nothing
        List<String> requests = new CopyOnWriteArrayList<>();
        try (MockWebServer cloud = new MockWebServer()) {
            cloud.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    requests.add(request.getMethod() + " " + request.getTarget());
                    return new MockResponse.Builder().code(404).body("{\"error\": \"not found\"}").build();
                }
            });
            cloud.start();
            Map<String, String> settings = new HashMap<>(Map.of(
                    "CDC_STATE_DIR", Files.createTempDirectory(scratch, "state").toString(),
                    "CONFLUENT_API_URL", cloud.url("/").toString(),
                    "CONFLUENT_CLOUD_KEY", "CLOUDKEY42",
                    "CONFLUENT_CLOUD_SECRET", CLOUD_SECRET,
                    "CONFLUENT_ENV_NAME", "default",
                    "CONFLUENT_CLUSTER_NAME", "cdc-cluster",
                    "CONFLUENT_BOOTSTRAP_SERVERS", "pkc-12345.us-west-2.aws.confluent.cloud:9092",
                    "CONFLUENT_UNAME", "KAFKAKEY42",
                    "CONFLUENT_SECRET", KAFKA_SECRET,
                    "TINYBIRD_API_URI", cloud.url("/").toString()));
            settings.put("TINYBIRD_API_KEY", TINYBIRD_TOKEN);
            // the plan names the connection's file after the connection: this name keeps it connections/confluent.connection
            settings.put("TINYBIRD_CONFLUENT_CONNECTION_NAME", "confluent");
            // the settings by environment, so the working folder stays empty; a database Confluent could reach
            settings.put("PG_HOST_URL", "db.example.com");
            settings.put("MYSQL_HOST_URL", "db.example.com");

            // one source database plans its own datafiles: both together plan all of tinybird/
            StringBuilder plans = new StringBuilder();
            for (String sourceDb : List.of("pg", "mysql")) {
                Result r = jbang(settings, "create-pipeline@" + catalog, "--target", "tinybird", "--dry-run", "--source-db", sourceDb);
                assertThat(r.exit()).as(r.output()).isZero();
                assertThat(r.output()).contains("Plan of requests (dry run: nothing was sent, nothing changed):",
                        "using the datafiles built into the cookbook");
                assertThat(r.output()).doesNotContain(CLOUD_SECRET, KAFKA_SECRET, TINYBIRD_TOKEN, "CLOUDKEY42", "KAFKAKEY42");
                plans.append(r.output());
            }
            Path tinybird = ROOT.resolve("tinybird");
            List<String> datafiles;
            try (Stream<Path> files = Files.walk(tinybird)) {
                datafiles = files.filter(Files::isRegularFile).map(f -> tinybird.relativize(f).toString())
                        .filter(f -> !f.equals("README.md")).sorted().toList();
            }
            assertThat(datafiles).as("the datafiles in the checkout").hasSizeGreaterThan(4);
            for (String datafile : datafiles) {
                assertThat(plans).as("the plan deploys " + datafile).contains("file " + datafile + "\n");
            }
            assertThat(requests).as("a dry run sends nothing").isEmpty();
        }
    }

    @Test
    void theLocalPipelineSyncsOnTheEmbeddedDatabaseAndIsRemoved() throws Exception {
        Map<String, String> settings = Map.of("CDC_STATE_DIR", Files.createTempDirectory(scratch, "state").toString());
        Result create = jbang(settings, "create-pipeline@" + catalog, "--target", "local", "--db-provider", "embedded",
                "--exit-when-synced", "-n", "20", "--port", "0");
        Result remove = jbang(settings, "remove-pipeline@" + catalog, "--target", "local", "--db-provider", "embedded");
        assertThat(create.exit()).as(create.output()).isZero();
        assertThat(create.output()).contains("Using an embedded PostgreSQL", "are identical");
        assertThat(remove.exit()).as(remove.output()).isZero(); // also after a failed create: nothing is left running
        assertThat(remove.output()).contains("Local PostgreSQL pipeline removed.");
    }
}
