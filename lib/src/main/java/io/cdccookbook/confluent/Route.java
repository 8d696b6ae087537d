package io.cdccookbook.confluent;

import io.cdccookbook.CookbookException;
import okhttp3.HttpUrl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a request goes: a base URL, path segments and query parameters. Kept apart rather than as a URL
 * because a dry run names things only the API could tell ({@code <id of environment 'default'>}, even a
 * placeholder for the cluster's REST endpoint): {@link #display()} shows them as written, and only a real
 * request becomes an encoded {@link HttpUrl}.
 */
record Route(String base, List<String> segments, Map<String, String> query) {

    Route {
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        segments = List.copyOf(segments);
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    static Route of(String base, String... segments) {
        return new Route(base, List.of(segments), Map.of());
    }

    /** This route one level deeper, e.g. {@code connectors} then {@code connectors/<name>}. */
    Route then(String... more) {
        List<String> all = new ArrayList<>(segments);
        all.addAll(List.of(more));
        return new Route(base, all, query);
    }

    Route with(String name, String value) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(name, value);
        return new Route(base, segments, q);
    }

    /** The URL as a person reads it, for plans and messages. */
    String display() {
        String path = segments.isEmpty() ? "" : "/" + String.join("/", segments);
        String q = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        return base + path + q;
    }

    /** The URL to send to, every segment and value encoded. */
    HttpUrl url() {
        HttpUrl parsed = HttpUrl.parse(base);
        if (parsed == null) {
            throw new CookbookException("'" + base + "' is not a URL.",
                    "Confluent Cloud gave this as an endpoint: check the cluster in the Confluent Cloud UI.");
        }
        HttpUrl.Builder url = parsed.newBuilder();
        segments.forEach(url::addPathSegment);
        query.forEach(url::addQueryParameter);
        return url.build();
    }
}
