package io.cdccookbook.endpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cdccookbook.CookbookException;
import io.cdccookbook.replica.LocalReplica;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The local stand-in for Tinybird's API, on 127.0.0.1:
 * <ul>
 *   <li>{@code GET /v0/pipes/<endpoint>.json}, one per replicated table: its rows, in the response shape
 *       of a Tinybird endpoint ({@code meta}, {@code data}, {@code rows}, {@code statistics});</li>
 *   <li>{@code GET /v0/sql?q=SELECT ...}: one read-only query on the replica's DuckDB tables, like
 *       Tinybird's Query API (DuckDB's SQL dialect, though);</li>
 *   <li>{@code GET /v0/health}: whether it is up, and how many change events it holds.</li>
 * </ul>
 * Who may ask: a request needs the pipeline's token, as Tinybird's API does ({@code Authorization: Bearer}
 * or {@code ?token=}), and a {@code Host} that is this endpoint (127.0.0.1, localhost or [::1] with its
 * port), so a web page cannot reach it through DNS rebinding; it sends no CORS headers, so no page may read
 * an answer, and requests a browser marks as cross-site are refused. What a query may do: exactly one
 * SELECT as DuckDB's parser sees it, in a read-only transaction, on a database that cannot touch files
 * and whose settings are locked ({@link LocalReplica}). A refused request gets 400 (403 for the token) in
 * Tinybird's error shape, {@code {"error": "..."}}.
 */
public final class LocalEndpoint implements AutoCloseable {

    private static final Set<String> QUERY_NODES = Set.of("SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE");
    // Functions refused wherever they appear: the two that write even in a read-only transaction (they move the
    // WAL into the replica's file), and the two that run SQL from a string, which the parser check cannot see into.
    private static final Set<String> REFUSED_FUNCTIONS = Set.of("checkpoint", "force_checkpoint", "query", "query_table");

    private final HttpServer server;
    private Supplier<Optional<String>> stopped = Optional::empty;
    private final ExecutorService executor;
    private volatile boolean started;

    private LocalEndpoint(HttpServer server) {
        this.server = server;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-endpoint");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Takes the port on 127.0.0.1 (0 picks a free one), before anything else of the pipeline is made: a
     * port in use stops create-pipeline with nothing created. It answers once {@link #serve} is called.
     */
    public static LocalEndpoint bind(int port) {
        try {
            return new LocalEndpoint(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64));
        } catch (BindException e) {
            throw new CookbookException("Port " + port + " is taken, so the local endpoint cannot start.",
                    "Is a pipeline for this database already running? Stop it, or pick another port with --port.", e);
        } catch (IOException e) {
            throw new CookbookException("Cannot start the local endpoint on port " + port + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * Starts answering: each table of {@code replica} through its endpoint pipe, to requests that carry
     * {@code token}. Once {@code stopped} gives a reason (the capture failed), reads of the replica answer 503
     * with it: the replica no longer follows the source, and a reader must not take it for one that lags.
     */
    public LocalEndpoint serve(LocalReplica replica, String token, Supplier<Optional<String>> stopped) {
        this.stopped = stopped;
        Map<String, LocalReplica.Table> pipes = new LinkedHashMap<>();
        for (LocalReplica.Table table : replica.tables()) {
            pipes.put(pipePath(table), table);
        }
        server.createContext("/", exchange -> handle(exchange, replica, token, pipes));
        server.setExecutor(executor);
        server.start();
        started = true;
        return this;
    }

    /** http://127.0.0.1:port, the base URL to use in place of https://api.tinybird.co */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The endpoint of one replicated table. */
    public String pipeUrl(LocalReplica.Table table) {
        return baseUrl() + pipePath(table);
    }

    private static String pipePath(LocalReplica.Table table) {
        return "/v0/pipes/" + table.names().endpoint() + ".json";
    }

    private void handle(HttpExchange exchange, LocalReplica replica, String token, Map<String, LocalReplica.Table> pipes)
            throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            String refused = refusal(exchange);
            if (refused != null) {
                error(exchange, 400, refused);
            } else if (!exchange.getRequestMethod().equals("GET")) {
                error(exchange, 405, "Only GET is supported here");
            } else if (!hasToken(exchange, token)) {
                error(exchange, 403, "Invalid token: send the pipeline's token as Authorization: Bearer <token> or ?token=<token>"
                        + " (it is in the pipeline's folder, endpoint.token)");
            } else if ((pipes.containsKey(path) || path.equals("/v0/sql")) && stopped.get().isPresent()) {
                error(exchange, 503, "The local pipeline's capture stopped, so its replica no longer follows the source: "
                        + stopped.get().get());
            } else if (pipes.containsKey(path)) {
                respondWithEndpointRows(exchange, replica, pipes.get(path));
            } else if (path.equals("/v0/sql")) {
                String sql = queryParameter(exchange, "q");
                if (sql == null || sql.isBlank()) {
                    error(exchange, 400, "Pass a SELECT query as ?q=");
                } else {
                    respondWithQueryRows(exchange, replica, sql.strip().replaceAll("(?i)\\s+FORMAT\\s+JSON\\s*$", ""));
                }
            } else if (path.equals("/v0/health")) {
                send(exchange, 200, "{\"status\":\"ok\",\"events\":" + replica.eventCount() + "}");
            } else {
                error(exchange, 404, "Not found: " + path + ". The endpoints are " + String.join(", ", pipes.keySet()));
            }
        } catch (SQLException e) {
            error(exchange, 400, e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
        } finally {
            exchange.close();
        }
    }

    /** Why a request is refused before anything else is looked at, or null: it must come to this host, not from a web page. */
    private String refusal(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        int port = port();
        Set<String> ours = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
        if (host == null || !ours.contains(host.toLowerCase(Locale.ROOT))) {
            return "Host " + (host == null ? "(none)" : "'" + host + "'") + " is not this endpoint: use 127.0.0.1:" + port
                    + ", localhost:" + port + " or [::1]:" + port;
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !ours.contains(origin.toLowerCase(Locale.ROOT).replaceFirst("^http://", ""))) {
            return "Requests from web pages are refused (Origin " + origin + ")";
        }
        String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "Requests from web pages are refused (Sec-Fetch-Site " + site + ")";
        }
        return null;
    }

    private static boolean hasToken(HttpExchange exchange, String token) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                : queryParameter(exchange, "token");
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The endpoint's rows, a million of them in a comparison: DuckDB writes each row as a JSON object and
     * hands it over as UTF-8 bytes, which go to the socket as they are (no decoding and re-encoding here).
     */
    private void respondWithEndpointRows(HttpExchange exchange, LocalReplica replica, LocalReplica.Table table)
            throws IOException, SQLException {
        long start = System.nanoTime();
        try (Connection c = replica.reader(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(EndpointPipe.duckDbJsonRows(table.schema(), table.names()))) {
            StringWriter meta = new StringWriter();
            JsonWriter json = new JsonWriter(meta).beginArray();
            for (EndpointPipe.Column column : EndpointPipe.columns(table.schema())) {
                json.beginObject().name("name").value(column.name()).name("type").value(column.type()).endObject();
            }
            json.endArray().close();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16);
            out.write(("{\"meta\":" + meta + ",\"data\":[").getBytes(StandardCharsets.UTF_8));
            long rows = 0;
            while (rs.next()) {
                if (rows++ > 0) {
                    out.write(',');
                }
                out.write(rs.getBytes(1));
            }
            out.write(("]," + footer(rows, start)).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** An ad-hoc query's rows (/v0/sql), once DuckDB's own parser has found it to be one SELECT. */
    private void respondWithQueryRows(HttpExchange exchange, LocalReplica replica, String sql) throws IOException, SQLException {
        long start = System.nanoTime();
        try (Connection c = replica.reader()) {
            String refused = notOneSelect(c, sql);
            if (refused != null) {
                error(exchange, 400, refused);
                return;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                Writer out = new BufferedWriter(new OutputStreamWriter(exchange.getResponseBody(), StandardCharsets.UTF_8), 1 << 16);
                JsonWriter json = new JsonWriter(out);
                json.beginObject().name("meta").beginArray();
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    json.beginObject().name("name").value(md.getColumnLabel(i)).name("type").value(md.getColumnTypeName(i)).endObject();
                }
                json.endArray().name("data").beginArray();
                long rows = 0;
                while (rs.next()) {
                    json.beginObject();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        json.name(md.getColumnLabel(i));
                        writeValue(json, rs.getObject(i));
                    }
                    json.endObject();
                    rows++;
                }
                json.endArray().flush();
                out.write("," + footer(rows, start));
                out.flush();
            }
        }
    }

    /**
     * Null when DuckDB's parser reads {@code sql} as exactly one SELECT (json_serialize_sql serializes
     * SELECT statements only, and lists every statement of the text); else why it is refused.
     */
    static String notOneSelect(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            ps.setString(1, sql);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                JsonObject parsed = JsonParser.parseString(rs.getString(1)).getAsJsonObject();
                if (parsed.get("error").getAsBoolean()) {
                    String reason = parsed.has("error_message") ? parsed.get("error_message").getAsString() : "not a SELECT";
                    return "Only one SELECT query is allowed here: " + reason;
                }
                var statements = parsed.getAsJsonArray("statements");
                if (statements.size() != 1) {
                    return "Only one SELECT query is allowed here, not " + statements.size();
                }
                String node = statements.get(0).getAsJsonObject().getAsJsonObject("node").get("type").getAsString();
                if (!QUERY_NODES.contains(node)) {
                    return "Only one SELECT query is allowed here, not a " + node;
                }
                String refused = refusedFunction(statements.get(0));
                return refused == null ? null : "Only plain reading is allowed here: " + refused + "() is refused";
            }
        }
    }

    /** The first function of {@link #REFUSED_FUNCTIONS} the parsed statement calls, anywhere in it; else null. */
    private static String refusedFunction(JsonElement tree) {
        if (tree.isJsonArray()) {
            for (JsonElement e : tree.getAsJsonArray()) {
                String found = refusedFunction(e);
                if (found != null) {
                    return found;
                }
            }
        } else if (tree.isJsonObject()) {
            for (var field : tree.getAsJsonObject().entrySet()) {
                if (field.getKey().equals("function_name") && field.getValue().isJsonPrimitive()
                        && REFUSED_FUNCTIONS.contains(field.getValue().getAsString().toLowerCase(Locale.ROOT))) {
                    return field.getValue().getAsString();
                }
                String found = refusedFunction(field.getValue());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The end of a Tinybird JSON response, after the data array: the counts and the statistics. */
    private static String footer(long rows, long startNanos) {
        return "\"rows\":" + rows + ",\"rows_before_limit_at_least\":" + rows
                + ",\"statistics\":{\"elapsed\":" + (System.nanoTime() - startNanos) / 1e9
                + ",\"rows_read\":" + rows + ",\"bytes_read\":0}}";
    }

    private static void writeValue(JsonWriter json, Object value) throws IOException {
        if (value == null) {
            json.nullValue();
        } else if (value instanceof Boolean b) {
            json.value(b ? 1 : 0);
        } else if (value instanceof Number n) {
            json.value(n);
        } else {
            json.value(value.toString());
        }
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Errors look like Tinybird's: {"error": "..."}. */
    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        StringWriter body = new StringWriter();
        new JsonWriter(body).beginObject().name("error").value(message).endObject().close();
        send(exchange, status, body.toString());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        if (!started) {
            server.start(); // a bound server that never served gives its port back only through stop()
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
