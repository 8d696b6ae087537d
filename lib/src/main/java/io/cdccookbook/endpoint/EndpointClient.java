package io.cdccookbook.endpoint;

import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.cdccookbook.CookbookException;
import io.cdccookbook.table.Rows;
import io.cdccookbook.config.Redactor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the replica through its endpoint, Tinybird's or the local one: {@code GET /v0/pipes/<pipe>.json}
 * with the pipe's READ token. Rows are parsed as they arrive and handed over in canonical form.
 */
public final class EndpointClient {

    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofMinutes(2))
            .build();

    private final String baseUrl;
    private final String pipe;
    private final String token;

    /**
     * @param baseUrl e.g. https://api.tinybird.co or http://127.0.0.1:7181
     * @param pipe    the endpoint pipe's name
     * @param token   a token that may read the pipe, or null (the local endpoint needs none)
     */
    public EndpointClient(String baseUrl, String pipe, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.pipe = pipe;
        this.token = token;
        Redactor.register(token);
    }

    /** The endpoint's URL, without the token. */
    public String url() {
        return baseUrl + "/v0/pipes/" + pipe + ".json";
    }

    public String pipe() {
        return pipe;
    }

    /** Streams every row the endpoint returns, in the forms of {@code shape}. */
    public void forEachRow(Rows shape, Consumer<String[]> rows) {
        Request.Builder request = new Request.Builder().url(url()).get();
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        try (Response response = HTTP.newCall(request.build()).execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful()) {
                throw failure(response.code(), body.string());
            }
            try (JsonReader json = new JsonReader(body.charStream())) {
                json.beginObject();
                while (json.hasNext()) {
                    if (json.nextName().equals("data")) {
                        json.beginArray();
                        while (json.hasNext()) {
                            rows.accept(row(shape, json));
                        }
                        json.endArray();
                    } else {
                        json.skipValue();
                    }
                }
                json.endObject();
            }
        } catch (IOException e) {
            throw new CookbookException("Cannot read the endpoint " + url() + ": " + e.getMessage(),
                    baseUrl.startsWith("http://127.0.0.1") ? "Is the local pipeline running? Start it with create-pipeline."
                            : "Check TINYBIRD_API_URI and your network.", e);
        }
    }

    /** The first {@code limit} rows, to show. */
    public List<String[]> rows(Rows shape, int limit) {
        List<String[]> rows = new ArrayList<>();
        forEachRow(shape, r -> {
            if (rows.size() < limit) {
                rows.add(r);
            }
        });
        return rows;
    }

    private static String[] row(Rows shape, JsonReader json) throws IOException {
        String[] row = new String[shape.columns().size()];
        json.beginObject();
        while (json.hasNext()) {
            String name = json.nextName();
            int at = shape.indexOf(name);
            if (at < 0) {
                json.skipValue();
                continue;
            }
            JsonToken token = json.peek();
            Object value;
            if (token == JsonToken.NULL) {
                json.nextNull();
                value = null;
            } else if (token == JsonToken.BOOLEAN) {
                value = json.nextBoolean();
            } else if (token == JsonToken.BEGIN_ARRAY || token == JsonToken.BEGIN_OBJECT) {
                value = com.google.gson.JsonParser.parseReader(json).toString(); // an array column, as its JSON text
            } else {
                value = json.nextString(); // numbers too, as their literal text
            }
            row[at] = shape.canonical(at, value);
        }
        json.endObject();
        return row;
    }

    private CookbookException failure(int status, String body) {
        String message = body;
        try {
            message = JsonParser.parseString(body).getAsJsonObject().get("error").getAsString();
        } catch (RuntimeException e) {
            // not Tinybird's {"error": ...}: keep the body as it is
        }
        String hint = switch (status) {
            case 401, 403 -> "The token may not read pipe " + pipe + ": check it, or run create-pipeline again.";
            case 404 -> "Pipe " + pipe + " does not exist here: has create-pipeline run for this source database?";
            case 429 -> "Too many requests: wait a moment and try again.";
            default -> null;
        };
        return new CookbookException("The endpoint " + url() + " answered " + status + ": " + Redactor.redact(message), hint);
    }
}
