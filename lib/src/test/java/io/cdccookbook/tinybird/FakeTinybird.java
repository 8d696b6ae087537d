package io.cdccookbook.tinybird;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MultipartReader;
import okio.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Tinybird API on a MockWebServer: answers are queued per "METHOD /path" (the query is not part of the
 * key; the last answer of a queue repeats), every request is kept, and a request nobody expected gets a
 * 418 and is listed in {@link #unexpected}, so tests see it instead of a confusing failure later.
 */
final class FakeTinybird extends Dispatcher {

    /** One part of a multipart body. */
    record Part(String name, String filename, String contentType, String text) {
    }

    private final Map<String, Deque<MockResponse>> routes = new LinkedHashMap<>();
    final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

    static FakeTinybird on(MockWebServer server) {
        FakeTinybird fake = new FakeTinybird();
        server.setDispatcher(fake);
        return fake;
    }

    FakeTinybird answer(String methodAndPath, int code, String body) {
        return answer(methodAndPath, new MockResponse.Builder().code(code).body(body)
                .addHeader("Content-Type", body.startsWith("{") ? "application/json" : "text/plain").build());
    }

    FakeTinybird answer(String methodAndPath, MockResponse response) {
        routes.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(response);
        return this;
    }

    /** Drops what was queued for {@code methodAndPath} and answers this instead. */
    FakeTinybird instead(String methodAndPath, int code, String body) {
        routes.remove(methodAndPath);
        return answer(methodAndPath, code, body);
    }

    /** A fixture from src/test/resources/tinybird. */
    FakeTinybird answerFile(String methodAndPath, int code, String fixture) {
        return answer(methodAndPath, code, fixture(fixture));
    }

    static String fixture(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/tinybird", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String key = request.getMethod() + " " + request.getUrl().encodedPath();
        Deque<MockResponse> queue = routes.get(key);
        if (queue == null || queue.isEmpty()) {
            unexpected.add(key);
            return new MockResponse.Builder().code(418).body("{\"error\":\"unexpected " + key + "\"}").build();
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    /** "METHOD /path?query" of every request, in order. */
    List<String> calls() {
        synchronized (requests) {
            return requests.stream().map(r -> r.getMethod() + " " + r.getUrl().encodedPath()
                    + (r.getUrl().encodedQuery() == null ? "" : "?" + r.getUrl().encodedQuery())).toList();
        }
    }

    List<RecordedRequest> requests(String methodAndPath) {
        synchronized (requests) {
            return requests.stream().filter(r -> (r.getMethod() + " " + r.getUrl().encodedPath()).equals(methodAndPath)).toList();
        }
    }

    static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().utf8();
    }

    /** The parts of a multipart/form-data request, read with OkHttp's own reader. */
    static List<Part> parts(RecordedRequest request) {
        String type = request.getHeaders().get("Content-Type");
        String boundary = type.substring(type.indexOf("boundary=") + "boundary=".length());
        List<Part> parts = new ArrayList<>();
        try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
            for (MultipartReader.Part part = reader.nextPart(); part != null; part = reader.nextPart()) {
                String disposition = part.headers().get("Content-Disposition");
                parts.add(new Part(param(disposition, "name"), param(disposition, "filename"),
                        part.headers().get("Content-Type"), part.body().readUtf8()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parts;
    }

    private static String param(String disposition, String name) {
        String marker = " " + name + "=\"";
        int at = disposition.indexOf(marker);
        if (at < 0) {
            marker = ";" + name + "=\"";
            at = disposition.indexOf(marker);
        }
        if (at < 0) {
            return null;
        }
        int start = at + marker.length();
        return disposition.substring(start, disposition.indexOf('"', start));
    }
}
