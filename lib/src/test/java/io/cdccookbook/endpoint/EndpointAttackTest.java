package io.cdccookbook.endpoint;

import com.google.gson.JsonParser;
import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.config.Settings;
import io.cdccookbook.events.DeleteMode;
import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.pipeline.LocalPipeline;
import io.cdccookbook.provision.DatabaseProvisioner;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.ListeningSockets;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local endpoint against what a hostile web page, or a user with a curl, sends it: queries that write,
 * read files, change settings or stack statements; foreign Hosts (DNS rebinding) and Origins; no or wrong
 * tokens; other methods. Each is refused in Tinybird's error shape, no answer carries CORS headers, and
 * afterwards the replica, the files and the settings are as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAttackTest {

    @TempDir
    static Path dir;

    private LocalPipeline pipeline;
    private OkHttpClient http;
    private HttpUrl base;
    private String latest;

    @BeforeAll
    void aPipelineWithRows() throws Exception {
        Settings settings = Settings.of(Map.of("CDC_STATE_DIR", dir.resolve("state").toString(), "PG_DATABASE", "attacked"));
        pipeline = LocalPipeline.start(settings, DatabaseProvisioner.provision(SourceDb.PG, DbProvider.EMBEDDED, settings), 0);
        new EventGenerator(pipeline.source(), GeneratorOptions.defaults(60).withSeed(3).withDeleteMode(DeleteMode.MIXED)).run();
        PropagationRun.await(pipeline.comparer(), Duration.ofMillis(100), Duration.ofMinutes(1), c -> { });
        http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
        base = HttpUrl.get(pipeline.endpointUrl()).newBuilder().encodedPath("/").build();
        latest = pipeline.replica().tables().get(0).names().latest();
    }

    @AfterAll
    void stop() {
        pipeline.close();
    }

    /** Everything a query could change: the replica's rows and versions, and the database's settings. */
    private String fingerprint() throws Exception {
        try (Connection c = pipeline.replica().reader(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) || ':' || coalesce(sum(hash(id, name, email, address, phone_number, email_verified, onboarded, deleted, "
                        + "lang, created_at, updated_at, _version, _is_deleted)), 0) || ':' || (SELECT count(*) FROM duckdb_tables()) "
                        + "|| ':' || (SELECT string_agg(name || '=' || value, ',' ORDER BY name) FROM duckdb_settings()) FROM " + latest)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Response get(String pathAndQuery, Map<String, String> headers) throws Exception {
        Request.Builder request = new Request.Builder().url(base.resolve(pathAndQuery)).get();
        headers.forEach(request::header);
        return http.newCall(request.build()).execute();
    }

    private Map<String, String> token() {
        return Map.of("Authorization", "Bearer " + pipeline.endpointToken());
    }

    Stream<String> harmfulQueries() {
        return Stream.of(
                "select 1; update " + "pg_users_latest set name='X' where id=1; commit; select 1",
                "update pg_users_latest set name = 'X'",
                "delete from pg_users_latest",
                "insert into pg_users_latest (id) values (999999)",
                "drop table pg_users_latest",
                "create table t (i int)",
                "select 1; select 2",
                "COPY (select * from pg_users_latest) TO '" + dir.resolve("copied.csv") + "'",
                "from read_text('/etc/shadow')",
                "select * from read_text('/etc/hostname')",
                "select * from read_csv('/etc/passwd')",
                "select * from glob('/etc/*')",
                "ATTACH '" + dir.resolve("attached.duckdb") + "' AS x",
                "INSTALL httpfs",
                "LOAD httpfs",
                "SET threads = 1",
                "RESET threads",
                "SET enable_external_access = true",
                "PRAGMA threads = 1",
                "CALL checkpoint()",
                "SELECT * FROM checkpoint()",
                "select * from Force_Checkpoint()",
                "select count(*) from (select * from checkpoint()) union all select 1",
                "with c as (from checkpoint()) select * from c",
                "select * from query('select * from checkpoint()')",
                "select * from query_table('pg_users_latest')",
                "CHECKPOINT",
                "EXPORT DATABASE '" + dir.resolve("exported") + "'",
                "BEGIN; update pg_users_latest set name = 'X'; COMMIT",
                "COMMIT",
                "VACUUM",
                "/* harmless */ update pg_users_latest set name = 'X'",
                "-- a comment\nupdate pg_users_latest set name = 'X'",
                "   \n\tUPDATE pg_users_latest SET name = 'X'",
                "with x as (select 1) update pg_users_latest set name = 'X'",
                "select * from query('update pg_users_latest set name = ''X''')",
                "select * from read_text('/etc/passwd') FORMAT JSON",
                "DETACH attacked",
                "USE memory");
    }

    @ParameterizedTest
    @MethodSource("harmfulQueries")
    void aQueryThatWouldChangeOrReadAnythingIsRefusedAndChangesNothing(String query) throws Exception {
        String before = fingerprint();
        try (Response r = get("/v0/sql?q=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8), token())) {
            assertThat(r.code()).as(query).isEqualTo(400);
            assertThat(JsonParser.parseString(r.body().string()).getAsJsonObject().get("error").getAsString()).isNotBlank();
            assertThat(r.headers().names()).noneMatch(h -> h.toLowerCase().startsWith("access-control"));
        }
        assertThat(fingerprint()).as("replica and settings after: " + query).isEqualTo(before);
        assertThat(List.of("copied.csv", "attached.duckdb", "exported")).allSatisfy(f -> assertThat(dir.resolve(f)).doesNotExist());
    }

    @Test
    void readingQueriesStillWork() throws Exception {
        try (Response r = get("/v0/sql?q=" + java.net.URLEncoder.encode("WITH n AS (SELECT count(*) AS c FROM " + latest
                + ") SELECT c FROM n UNION ALL SELECT 1 FORMAT JSON", StandardCharsets.UTF_8), token())) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(JsonParser.parseString(r.body().string()).getAsJsonObject().getAsJsonArray("data")).hasSize(2);
        }
        try (Response r = get("/v0/sql?q=" + java.net.URLEncoder.encode("select 1;", StandardCharsets.UTF_8), token())) {
            assertThat(r.code()).as("one statement, whatever ends it").isEqualTo(200);
        }
        try (Response r = get("/v0/pipes/" + pipeline.replica().tables().get(0).names().endpoint() + ".json?token=" + pipeline.endpointToken(), Map.of())) {
            assertThat(r.code()).as("the token as a query parameter, as Tinybird takes it").isEqualTo(200);
        }
    }

    Stream<Map<String, String>> foreignRequests() {
        int port = base.port();
        return Stream.of(
                Map.of("Host", "evil.example.com:" + port),
                Map.of("Host", "evil.example.com"),
                Map.of("Host", "127.0.0.1"),
                Map.of("Host", "127.0.0.1:" + (port + 1)),
                Map.of("Host", "localhost.evil.example:" + port),
                Map.of("Host", "127.0.0.1:" + port + ".evil.example"),
                Map.of("Origin", "http://evil.example.com"),
                Map.of("Origin", "null"),
                Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "same-site"));
    }

    @ParameterizedTest
    @MethodSource("foreignRequests")
    void requestsFromWebPagesOrForOtherHostsAreRefusedEvenWithTheToken(Map<String, String> headers) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(token());
        all.putAll(headers);
        for (String path : List.of("/v0/health", "/v0/pipes/" + pipeline.replica().tables().get(0).names().endpoint() + ".json", "/v0/sql?q=select%201")) {
            try (Response r = get(path, all)) {
                assertThat(r.code()).as(headers + " " + path).isEqualTo(400);
                assertThat(r.body().string()).startsWith("{\"error\":");
                assertThat(r.headers().names()).noneMatch(h -> h.toLowerCase().startsWith("access-control"));
            }
        }
    }

    @Test
    void aRequestWithoutAHostHeaderIsRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", base.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /v0/health?token=" + pipeline.endpointToken() + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void withoutTheRightTokenNothingAnswers() throws Exception {
        String t = pipeline.endpointToken();
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer wrong"),
                Map.of("Authorization", "Bearer " + t.substring(1)), Map.of("Authorization", "Bearer " + t.toUpperCase()),
                Map.of("Authorization", "Basic " + t), Map.of("Authorization", t))) {
            for (String path : List.of("/v0/health", "/v0/pipes/" + pipeline.replica().tables().get(0).names().endpoint() + ".json", "/v0/sql?q=select%201")) {
                try (Response r = get(path, headers)) {
                    assertThat(r.code()).as(path).isEqualTo(403);
                    assertThat(r.body().string()).startsWith("{\"error\":").doesNotContain(t);
                }
            }
        }
        try (Response r = get("/v0/health?token=" + t + "x", Map.of())) {
            assertThat(r.code()).isEqualTo(403);
        }
    }

    @Test
    void onlyGetIsAnswered() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            Request.Builder request = new Request.Builder().url(base.resolve("/v0/sql?q=select%201"))
                    .method(method, method.equals("OPTIONS") || method.equals("DELETE") ? null : RequestBody.create(new byte[0]));
            token().forEach(request::header);
            try (Response r = http.newCall(request.build()).execute()) {
                assertThat(r.code()).as(method).isEqualTo(405);
                assertThat(r.headers().names()).noneMatch(h -> h.toLowerCase().startsWith("access-control"));
            }
        }
    }

    @Test
    void itListensOnLoopbackOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ListeningSockets.available(), "no /proc/net/tcp here");
        assertThat(ListeningSockets.on(base.port())).isNotEmpty().allSatisfy(a -> assertThat(ListeningSockets.isLoopback(a)).as(a.toString()).isTrue());
        assertThat(Files.exists(Path.of("/tmp/f"))).as("nothing here writes /tmp/f").isFalse();
    }
}
