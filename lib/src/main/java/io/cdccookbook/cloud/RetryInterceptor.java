package io.cdccookbook.cloud;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Retries a request the API could not take now: 429 (rate limited) always, 5xx only for methods that are
 * safe to repeat (GET, HEAD, PUT, DELETE: a POST that failed with 500 may have been carried out), with exponential backoff
 * (1, 2, 4, 8 s) unless the response says how long to wait (Retry-After in seconds or as an HTTP date,
 * else X-RateLimit-Reset in seconds, as Confluent and Tinybird send). The last answer is returned as it
 * is, for the caller to turn into a readable error.
 */
public final class RetryInterceptor implements Interceptor {

    /** How the interceptor waits; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration maxWait;
    private final Sleeper sleeper;

    public RetryInterceptor(int maxAttempts, Duration maxWait, Sleeper sleeper) {
        this.maxAttempts = maxAttempts;
        this.maxWait = maxWait;
        this.sleeper = sleeper;
    }

    public static RetryInterceptor standard() {
        return new RetryInterceptor(5, Duration.ofSeconds(60), d -> Thread.sleep(d.toMillis()));
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        boolean idempotent = !chain.request().method().equals("POST") && !chain.request().method().equals("PATCH");
        for (int attempt = 1; attempt < maxAttempts && retriable(response.code(), idempotent); attempt++) {
            Duration wait = waitFor(response, attempt);
            response.close();
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to retry", e);
            }
            response = chain.proceed(chain.request());
        }
        return response;
    }

    static boolean retriable(int code, boolean idempotent) {
        return code == 429 || code >= 500 && idempotent;
    }

    Duration waitFor(Response response, int attempt) {
        Duration backoff = Duration.ofSeconds(1L << Math.min(attempt - 1, 5));
        Duration asked = header(response.header("Retry-After"));
        if (asked == null) {
            asked = header(response.header("X-RateLimit-Reset"));
        }
        Duration wait = asked != null ? asked : backoff;
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    /** Seconds ("30") or an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT"); null when absent or unreadable. */
    static Duration header(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }
}
