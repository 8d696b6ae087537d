package io.cdccookbook.tinybird;

import com.google.gson.JsonObject;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Json;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.cloud.RetryInterceptor;
import io.cdccookbook.config.Redactor;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tinybird's REST API with the workspace admin token (sent as a Bearer header, never in a URL). Every
 * request is first recorded in the {@link Plan}, with secrets masked; in a dry run that is all that
 * happens, and reads answer as if the workspace were empty. Answers that are not 2xx become a
 * {@link CookbookException} (see {@link TinybirdErrors}) unless the caller asks for the raw answer.
 * 429 and 5xx are retried by the client's {@link RetryInterceptor}.
 */
public final class TinybirdApi {

    /** A status and body as Tinybird sent them; {@link #PLANNED} stands for an answer a dry run never got. */
    public record Answer(int status, String body) {

        public static final Answer PLANNED = new Answer(0, "");

        public boolean planned() {
            return status == 0;
        }

        /** 2xx, or planned. */
        public boolean ok() {
            return planned() || status / 100 == 2;
        }

        public JsonObject json() {
            return Json.object(body);
        }
    }

    /**
     * One file of a multipart upload.
     *
     * @param field   the form field's name
     * @param shown   whether the plan shows its text; false for files carried over from the workspace,
     *                whose contents the cookbook does not know to be free of secrets
     */
    public record FilePart(String field, String filename, String content, boolean shown) {
    }

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    private static final Pattern HOST_LABELS = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    private final HttpUrl base;
    private final String token;
    private final OkHttpClient http;
    private final Plan plan;

    /**
     * @param baseUrl e.g. https://api.tinybird.co or, in tests, a MockWebServer's URL
     * @param token   the workspace admin token
     * @param http    a client with a {@link RetryInterceptor} (see {@link #httpClient})
     */
    public TinybirdApi(String baseUrl, String token, OkHttpClient http, Plan plan) {
        this.base = HttpUrl.get(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.token = token;
        this.http = http;
        this.plan = plan;
        Redactor.register(token);
    }

    /** The API of the workspace TINYBIRD_API_KEY belongs to, at TINYBIRD_API_URI. */
    public static TinybirdApi fromSettings(Settings settings, Plan plan) {
        if (!plan.isDryRun()) { // a dry run sends nothing, so it needs no token
            settings.require("Talking to Tinybird", Setting.TINYBIRD_API_KEY);
        }
        return new TinybirdApi(baseUrl(settings.get(Setting.TINYBIRD_API_URI)), settings.get(Setting.TINYBIRD_API_KEY),
                httpClient(RetryInterceptor.standard()), plan);
    }

    public static OkHttpClient httpClient(RetryInterceptor retry) {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofMinutes(2)) // a deploy or a datafile push can take a while
                .addInterceptor(retry)
                .build();
    }

    /**
     * TINYBIRD_API_URI as a URL, as the original read it: the host's first labels ({@code api},
     * {@code api.us-east}, {@code api.eu-central-1.aws}) under tinybird.co, or a full URL as it is
     * (Tinybird Local, http://localhost:7181).
     */
    public static String baseUrl(String apiUri) {
        String uri = apiUri == null ? "" : apiUri.strip();
        if (uri.contains("://")) {
            return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        }
        if (!HOST_LABELS.matcher(uri).matches()) {
            throw new CookbookException("TINYBIRD_API_URI '" + uri + "' is neither a region label nor a URL.",
                    "Use api (europe-west3), api.us-east, api.eu-central-1.aws ... or a URL such as http://localhost:7181.");
        }
        return "https://" + (uri.endsWith(".tinybird.co") ? uri : uri + ".tinybird.co");
    }

    /** The base URL, without a trailing slash. */
    public String baseUrl() {
        String s = base.toString();
        return s.substring(0, s.length() - 1);
    }

    public boolean isDryRun() {
        return plan.isDryRun();
    }

    public Plan plan() {
        return plan;
    }

    // ---- reads

    /** A JSON answer; fails unless 2xx. {} in a dry run. */
    public JsonObject getJson(String path, String why) {
        return expectOk("GET", path, send("GET", path, null, null, why)).json();
    }

    /** A JSON answer, or empty on 404. {} in a dry run. */
    public Optional<JsonObject> findJson(String path, String why) {
        Answer a = send("GET", path, null, null, why);
        return a.status() == 404 ? Optional.empty() : Optional.of(expectOk("GET", path, a).json());
    }

    /** A text answer (a datafile), or empty on 404. "" in a dry run. */
    public Optional<String> findText(String path, String why) {
        Answer a = send("GET", path, null, null, why);
        return a.status() == 404 ? Optional.empty() : Optional.of(expectOk("GET", path, a).body());
    }

    /** The answer as it came, whatever its status, for callers that read errors as results (previews, probes). */
    public Answer get(String path, String why) {
        return send("GET", path, null, null, why);
    }

    // ---- writes

    public JsonObject postJson(String path, JsonObject body, String why) {
        String text = body.toString();
        return expectOk("POST", path, send("POST", path, RequestBody.create(text, JSON), text, why)).json();
    }

    public JsonObject putJson(String path, JsonObject body, String why) {
        String text = body.toString();
        return expectOk("PUT", path, send("PUT", path, RequestBody.create(text, JSON), text, why)).json();
    }

    /** A form post; the values of {@code secretFields} are masked in the plan. */
    public JsonObject postForm(String path, Map<String, String> form, Set<String> secretFields, String why) {
        return form("POST", path, form, secretFields, why);
    }

    public JsonObject putForm(String path, Map<String, String> form, Set<String> secretFields, String why) {
        return form("PUT", path, form, secretFields, why);
    }

    /** A POST without a body, e.g. set-live. */
    public JsonObject post(String path, String why) {
        return expectOk("POST", path, send("POST", path, RequestBody.EMPTY, null, why)).json();
    }

    /** multipart/form-data, one part per file. */
    public JsonObject postFiles(String path, List<FilePart> files, String why) {
        return expectOk("POST", path, sendFiles(path, files, why)).json();
    }

    /** Like {@link #postFiles} but returns the answer whatever its status (a deploy reports errors in it). */
    public Answer sendFiles(String path, List<FilePart> files, String why) {
        MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
        StringBuilder shown = new StringBuilder("multipart/form-data:");
        for (FilePart f : files) {
            body.addFormDataPart(f.field(), f.filename(), RequestBody.create(f.content(), TEXT));
            shown.append("\n--- field \"").append(f.field()).append("\", file ").append(f.filename());
            if (f.shown()) {
                shown.append('\n').append(f.content().stripTrailing());
            } else {
                shown.append(" (carried over from the workspace unchanged, ")
                        .append(f.content().getBytes(StandardCharsets.UTF_8).length).append(" bytes)");
            }
        }
        // a dry run may plan a deployment of nothing (removing the last resources); OkHttp cannot build that
        return send("POST", path, files.isEmpty() ? RequestBody.EMPTY : body.build(), shown.toString(), why);
    }

    /** Deletes; true when it was there (or in a dry run), false on 404. */
    public boolean delete(String path, String why) {
        Answer a = send("DELETE", path, null, null, why);
        if (a.status() == 404) {
            return false;
        }
        expectOk("DELETE", path, a);
        return true;
    }

    private JsonObject form(String method, String path, Map<String, String> form, Set<String> secretFields, String why) {
        FormBody.Builder body = new FormBody.Builder(StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder();
        form.forEach((k, v) -> {
            body.add(k, v);
            shown.append(shown.isEmpty() ? "" : "&").append(k).append('=')
                    .append(secretFields.contains(k) ? Redactor.MASK : v);
        });
        return expectOk(method, path, send(method, path, body.build(), shown.toString(), why)).json();
    }

    private Answer expectOk(String method, String path, Answer answer) {
        if (!answer.ok()) {
            throw TinybirdErrors.of(method, path, answer.status(), answer.body());
        }
        return answer;
    }

    private Answer send(String method, String path, RequestBody body, String shownBody, String why) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        HttpUrl url = base.resolve(relative);
        if (url == null) {
            throw new IllegalArgumentException("not a path: " + path);
        }
        // the plan shows the path as written, so a dry run's <placeholders> read as such, not %3C...%3E
        plan.record(method, base + relative, shownBody, why);
        if (plan.isDryRun()) {
            return Answer.PLANNED;
        }
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token)
                .method(method, body).build();
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), response.body().string());
        } catch (IOException e) {
            throw TinybirdErrors.unreachable(baseUrl(), e);
        }
    }
}
