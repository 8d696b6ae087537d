package io.cdccookbook.cloud;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryInterceptorTest {

    MockWebServer server = new MockWebServer();
    List<Duration> waits = new ArrayList<>();
    OkHttpClient http = new OkHttpClient.Builder()
            .addInterceptor(new RetryInterceptor(4, Duration.ofSeconds(30), waits::add)).build();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Response get() throws Exception {
        return http.newCall(new Request.Builder().url(server.url("/x")).build()).execute();
    }

    @Test
    void honoursRetryAfterThenSucceeds() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").body("{\"error\":\"slow down\"}").build());
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        try (Response r = get()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).isEqualTo("ok");
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(2));
    }

    @Test
    void givesUpAfterTheLastAttemptAndReturnsTheLastAnswer() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().code(500).body("{\"error_code\":500,\"message\":\"boom " + i + "\"}").build());
        }
        try (Response r = get()) {
            assertThat(r.code()).isEqualTo(500);
            assertThat(r.body().string()).contains("boom 3");
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aPostThatFailedWith500IsNotSentAgainButA429Is() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).body("boom").build());
        try (Response r = http.newCall(new Request.Builder().url(server.url("/create"))
                .post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json"))).build()).execute()) {
            assertThat(r.code()).as("it may have been carried out: not repeated").isEqualTo(500);
        }
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
        server.enqueue(new MockResponse.Builder().code(201).build());
        try (Response r = http.newCall(new Request.Builder().url(server.url("/create"))
                .post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json"))).build()).execute()) {
            assertThat(r.code()).as("a 429 was refused, not carried out: repeated").isEqualTo(201);
        }
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void clientErrorsAreNotRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().code(401).build());
        try (Response r = get()) {
            assertThat(r.code()).isEqualTo(401);
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void readsTheRateLimitResetHeaderAndCapsTheWait() {
        assertThat(RetryInterceptor.header("12")).isEqualTo(Duration.ofSeconds(12));
        assertThat(RetryInterceptor.header("0.5")).isEqualTo(Duration.ofMillis(500));
        assertThat(RetryInterceptor.header("soon")).isNull();
        assertThat(RetryInterceptor.header("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        server.enqueue(new MockResponse.Builder().code(429).addHeader("X-RateLimit-Reset", "600").build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        try (Response r = get()) {
            assertThat(r.code()).isEqualTo(200);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(30));
    }
}
