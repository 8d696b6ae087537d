package io.cdccookbook.endpoint;

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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * The local stand-in for Tinybird's API, on localhost:
 * <ul>
 *   <li>{@code GET /v0/pipes/<endpoint>.json}: the replica, in the response shape of a Tinybird
 *       endpoint ({@code meta}, {@code data}, {@code rows}, {@code statistics});</li>
 *   <li>{@code GET /v0/sql?q=...}: a read-only query on the replica's DuckDB tables, like Tinybird's
 *       Query API (DuckDB's SQL dialect, though);</li>
 *   <li>{@code GET /v0/health}: whether it is up, and how many change events it holds.</li>
 * </ul>
 * It listens on 127.0.0.1 only and needs no token.
 */
public final class LocalEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final LocalReplica replica;

    private LocalEndpoint(HttpServer server, LocalReplica replica) {
        this.server = server;
        this.replica = replica;
    }

    public static LocalEndpoint start(LocalReplica replica, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (BindException e) {
            throw new CookbookException("Port " + port + " is taken, so the local endpoint cannot start.",
                    "Is a pipeline for this database already running? Stop it, or pick another port with --port.", e);
        } catch (IOException e) {
            throw new CookbookException("Cannot start the local endpoint on port " + port + ": " + e.getMessage(), null, e);
        }
        LocalEndpoint endpoint = new LocalEndpoint(server, replica);
        String pipePath = "/v0/pipes/" + replica.names().endpoint() + ".json";
        server.createContext("/", exchange -> endpoint.handle(exchange, pipePath));
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-endpoint");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return endpoint;
    }

    /** http://127.0.0.1:port, the base URL to use in place of https://api.tinybird.co */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String pipeUrl() {
        return baseUrl() + "/v0/pipes/" + replica.names().endpoint() + ".json";
    }

    private void handle(HttpExchange exchange, String pipePath) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            if (!exchange.getRequestMethod().equals("GET")) {
                error(exchange, 405, "Only GET is supported here");
            } else if (path.equals(pipePath)) {
                respondWithEndpointRows(exchange);
            } else if (path.equals("/v0/sql")) {
                String sql = queryParameter(exchange, "q");
                if (sql == null || !sql.strip().toLowerCase(Locale.ROOT).matches("(?s)(select|with|from)\\b.*")) {
                    error(exchange, 400, "Pass a SELECT query as ?q=");
                } else {
                    respondWithQueryRows(exchange, sql.strip().replaceAll("(?i)\\s+FORMAT\\s+JSON\\s*$", ""));
                }
            } else if (path.equals("/v0/health")) {
                send(exchange, 200, "{\"status\":\"ok\",\"events\":" + replica.eventCount() + "}");
            } else {
                error(exchange, 404, "Not found: " + path + ". The endpoint is " + pipePath);
            }
        } catch (SQLException e) {
            error(exchange, 400, e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
        } finally {
            exchange.close();
        }
    }

    /**
     * The endpoint's rows, a million of them in a comparison: DuckDB writes each row as a JSON object and
     * hands it over as UTF-8 bytes, which go to the socket as they are (no decoding and re-encoding here).
     */
    private void respondWithEndpointRows(HttpExchange exchange) throws IOException, SQLException {
        long start = System.nanoTime();
        try (Connection c = replica.reader(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(EndpointPipe.duckDbJsonRows(replica.names()))) {
            StringWriter meta = new StringWriter();
            JsonWriter json = new JsonWriter(meta).beginArray();
            for (EndpointPipe.Column column : EndpointPipe.COLUMNS) {
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

    /** An ad-hoc query's rows (/v0/sql): each value is written here, with the column types DuckDB reports. */
    private void respondWithQueryRows(HttpExchange exchange, String sql) throws IOException, SQLException {
        long start = System.nanoTime();
        try (Connection c = replica.reader(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
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
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
