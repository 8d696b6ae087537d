package io.cdccookbook.confluent;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.cloud.RetryInterceptor;
import io.cdccookbook.config.Redactor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends requests to Confluent Cloud, or, in a dry run, only records them: nothing at all goes out, so a
 * dry run works without credentials and callers go on with placeholders. Live requests are recorded too.
 * Rate limits and server errors are retried (honouring Retry-After) before an answer comes back.
 */
final class ConfluentHttp {

    /** A status and the body that came with it. */
    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonElement json() {
            return body.isBlank() ? JsonNull.INSTANCE : JsonParser.parseString(body);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConfluentHttp.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final Plan plan;
    private final OkHttpClient retrying;
    private final OkHttpClient once;

    ConfluentHttp(Plan plan, RetryInterceptor.Sleeper sleeper) {
        this.plan = plan;
        this.once = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(60))
                .build();
        this.retrying = once.newBuilder()
                .addInterceptor(new RetryInterceptor(5, Duration.ofSeconds(60), sleeper))
                .build();
    }

    boolean isDryRun() {
        return plan.isDryRun();
    }

    /**
     * Sends one request, or records it only (empty answer) in a dry run. Error statuses come back as
     * answers, for callers to which some are fine (a 404 on delete).
     *
     * @param what what the request is for, as it follows "Could not": "list the environments"
     */
    Optional<Answer> exchange(ConfluentApi api, ApiKey key, String method, Route route, String jsonBody, String what) {
        plan.record(method, route.display(), jsonBody, what);
        if (plan.isDryRun()) {
            return Optional.empty();
        }
        Request request = new Request.Builder()
                .url(route.url())
                .header("Authorization", key.basicAuth())
                .header("Accept", "application/json")
                .method(method, jsonBody == null ? null : RequestBody.create(jsonBody, JSON))
                .build();
        // A POST goes once: after a 5xx Confluent may still have created the connector, and a second POST
        // would then fail with a confusing answer. Running the command again is safe, it checks first.
        OkHttpClient client = method.equals("POST") ? once : retrying;
        try (Response response = client.newCall(request).execute()) {
            Answer answer = new Answer(response.code(), response.body().string());
            LOG.info("{} {} -> {}", method, route.display(), answer.status());
            return Optional.of(answer);
        } catch (IOException e) {
            throw new CookbookException("Could not " + what + ": cannot reach " + route.url().host() + " ("
                    + Redactor.redact(String.valueOf(e.getMessage())) + ").",
                    api == ConfluentApi.KAFKA_REST
                            ? "Check your network, and that the cluster's REST endpoint is reachable from here."
                            : "Check your network connection.", e);
        }
    }

    /** Like {@link #exchange}, but any status outside 2xx is an error; empty in a dry run. */
    Optional<JsonElement> call(ConfluentApi api, ApiKey key, String method, Route route, String jsonBody, String what) {
        return exchange(api, key, method, route, jsonBody, what).map(answer -> {
            if (!answer.ok()) {
                throw ConfluentError.exception(api, what, answer.status(), answer.body());
            }
            try {
                return answer.json();
            } catch (RuntimeException notJson) {
                throw new CookbookException("Could not " + what + ": Confluent Cloud " + api.label + " answered "
                        + answer.status() + " with something that is not JSON.", "Try again in a few minutes.", notJson);
            }
        });
    }
}
