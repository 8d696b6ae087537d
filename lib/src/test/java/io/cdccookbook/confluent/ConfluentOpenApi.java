package io.cdccookbook.confluent;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks requests against Confluent's own OpenAPI documents (src/test/resources/openapi/confluent), the
 * document chosen by the path's API prefix. Strict: every message the validator has about a request is an
 * error (path, method, query parameters, headers, security, body). Responses are not checked: the fixtures
 * are written after the specs' examples, and error answers such as a 409 are not in the specs at all.
 *
 * <p>Every server URL in these documents is a bare host, so the spec paths are full request paths
 * ({@code /kafka/v3/clusters/{cluster_id}/topics}) and no base path has to be stripped.
 *
 * <p>Security cannot be checked here: every operation also accepts an OAuth token, a scheme the validator
 * does not support and so counts as met. {@link FakeConfluent} checks the Basic credentials instead.
 */
final class ConfluentOpenApi {

    private static final Map<String, String> SPEC_BY_PREFIX = Map.of(
            "/org/v2/", "org-v2",
            "/cmk/v2/", "cmk-v2",
            "/connect/v1/", "connect-v1",
            "/kafka/v3/", "kafkarest-v3");
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    static {
        // the parser logs every $ref it resolves at DEBUG: thousands of lines for these documents
        for (String chatty : new String[]{"io.swagger", "com.atlassian.oai"}) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(chatty)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private ConfluentOpenApi() {
    }

    /** Why the request breaks its API's document; empty when it conforms. */
    static List<String> problems(RecordedRequest recorded) {
        HttpUrl url = recorded.getUrl();
        String spec = SPEC_BY_PREFIX.entrySet().stream().filter(e -> url.encodedPath().startsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (spec == null) {
            return List.of(recorded.getMethod() + " " + url.encodedPath() + ": no Confluent API has this path");
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(recorded.getMethod(), url.encodedPath());
        for (String name : url.queryParameterNames()) {
            request.withQueryParam(name, url.queryParameterValues(name));
        }
        recorded.getHeaders().names().forEach(name -> request.withHeader(name, recorded.getHeaders().values(name)));
        if (recorded.getBodySize() > 0) {
            request.withBody(recorded.getBody().string(StandardCharsets.UTF_8));
        }
        ValidationReport report = validator(spec).validateRequest(request.build());
        return report.getMessages().stream()
                .map(m -> recorded.getMethod() + " " + url.encodedPath() + " [" + spec + "] " + m.getKey() + ": " + m.getMessage())
                .toList();
    }

    private static OpenApiInteractionValidator validator(String spec) {
        return VALIDATORS.computeIfAbsent(spec, s -> {
            URL document = ConfluentOpenApi.class.getResource("/openapi/confluent/" + s + ".openapi.yaml");
            return OpenApiInteractionValidator.createForSpecificationUrl(document.toString())
                    .withLevelResolver(LevelResolver.create().withDefaultLevel(ValidationReport.Level.ERROR).build())
                    .withStrictOperationPathMatching()
                    .build();
        });
    }
}
