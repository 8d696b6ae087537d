package io.cdccookbook.capture;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdccookbook.capture.EmbeddedCapture.Change;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Debezium 3.5's embedded engine, run through the cookbook's own {@link EmbeddedCapture} and
 * {@link ConnectorDefinition} (flattened rows, schemaless JSON), writes for each column type: the evidence
 * behind docs/research/issue-12-types.md. Embedded servers only.
 *
 * <p>Each table below is (column, type, then three (SQL literal, JSON Debezium wrote) pairs: an ordinary
 * value, a low extreme, a high extreme). Each is inserted before the capture starts (snapshot rows 1, 3, 4)
 * and again after (streamed rows 11, 13, 14); rows 2 and 12 are NULL in every column and must come out as
 * JSON null. Where the streamed encoding differs from the snapshot's, {@code .streamed(...)} says how.
 */
class DebeziumTypeEncodingTest {

    @TempDir
    Path dir;

    private static final String DATABASE = "cdc_types";

    // ---------------------------------------------------------------- PostgreSQL

    /** The brief's section 4 settings for PostgreSQL, on top of EngineProperties.of (which uses adaptive). */
    private static final Consumer<Properties> PG_BRIEF = p -> {
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("binary.handling.mode", "base64");
    };

    private static List<Col> pgColumns() {
        return List.of(
                c("c_smallint", "smallint", "42", "42", "-32768", "-32768", "32767", "32767"),
                c("c_integer", "integer", "42", "42", "-2147483648", "-2147483648", "2147483647", "2147483647"),
                c("c_bigint", "bigint", "42", "42", "-9223372036854775808", "-9223372036854775808",
                        "9223372036854775807", "9223372036854775807"),
                c("c_num_10_2", "numeric(10,2)", "12.5", str("12.50"), "-99999999.99", str("-99999999.99"),
                        "99999999.99", str("99999999.99")),
                c("c_num_40_10", "numeric(40,10)", "1.5", str("1.5000000000"),
                        "-" + nines(30) + "." + nines(10), str("-" + nines(30) + "." + nines(10)),
                        nines(30) + "." + nines(10), str(nines(30) + "." + nines(10))),
                // no precision: the value's own scale, and NaN as Debezium's enum name
                c("c_num", "numeric", "12.50", str("12.50"), "'NaN'", str("NAN"),
                        "1234567890123456789012345678901234567890.0123456789",
                        str("1234567890123456789012345678901234567890.0123456789")),
                // float specials become JSON strings (Jackson quotes them), big values use an exponent
                c("c_real", "real", "0.1", "0.1", "'-Infinity'", str("-Infinity"), "3.4028235e38", "3.4028235E38"),
                c("c_double", "double precision", "0.1", "0.1", "'NaN'", str("NaN"),
                        "1.7976931348623157e308", "1.7976931348623157E308"),
                c("c_bool", "boolean", "true", "true", "false", "false", "true", "true"),
                // blank-padded to 3 characters (code points, not bytes)
                c("c_char3", "char(3)", "'ab'", str("ab "), "''", str("   "), "'é✓𝄞'", str("é✓𝄞")),
                c("c_varchar", "varchar(20)", "'hello'", str("hello"), "''", str(""),
                        "'héllo ✓ 𝄞 \"q\" \\'", str("héllo ✓ 𝄞 \"q\" \\")),
                c("c_text", "text", "'hello'", str("hello"), "''", str(""), "E'line1\\nline2 ✓ 𝄞'", str("line1\nline2 ✓ 𝄞")),
                c("c_uuid", "uuid", "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'", str("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                        "'00000000-0000-0000-0000-000000000000'", str("00000000-0000-0000-0000-000000000000"),
                        "'ffffffff-ffff-ffff-ffff-ffffffffffff'", str("ffffffff-ffff-ffff-ffff-ffffffffffff")),
                // JSON text in a string: json keeps the text as written, jsonb its normalized form
                c("c_json", "json", "'{\"b\": 1, \"a\": [true, null]}'", str("{\"b\": 1, \"a\": [true, null]}"),
                        "'[]'", str("[]"), "'\"✓\"'", str("\"✓\"")),
                c("c_jsonb", "jsonb", "'{\"b\": 1, \"a\": [true, null]}'", str("{\"a\": [true, null], \"b\": 1}"),
                        "'[]'", str("[]"), "'\"✓\"'", str("\"✓\"")),
                c("c_bytea", "bytea", "'\\x0001ff'", str("AAH/"), "''", str(""), "'\\xffffffff'", str("/////w==")),
                // days since 1970-01-01
                c("c_date", "date", "'2024-02-29'", "19782", "'1900-01-01'", "-25567", "'2999-12-31'", "376199"),
                // adaptive_time_microseconds: every TIME is µs past midnight, 24:00:00 included
                c("c_time", "time", "'13:37:03.123456'", "49023123456", "'00:00:00'", "0", "'24:00:00'", "86400000000"),
                c("c_time3", "time(3)", "'13:37:03.123'", "49023123000", "'00:00:00'", "0", "'23:59:59.999'", "86399999000"),
                // timestamp(0..3): epoch ms; timestamp(4..6) and timestamp: epoch µs
                c("c_ts0", "timestamp(0)", "'2024-02-29 13:37:03'", "1709213823000", "'1900-01-01 00:00:00'", "-2208988800000",
                        "'2100-01-01 00:00:00'", "4102444800000"),
                c("c_ts3", "timestamp(3)", "'2024-02-29 13:37:03.123'", "1709213823123", "'1969-12-31 23:59:59.999'", "-1",
                        "'2038-01-19 03:14:08.001'", "2147483648001"),
                c("c_ts6", "timestamp(6)", "'2024-02-29 13:37:03.123456'", "1709213823123456",
                        "'1900-01-01 00:00:00.000001'", "-2208988799999999",
                        "'9999-12-31 23:59:59.999999'", "253402300799999999"),
                c("c_ts", "timestamp", "'2024-02-29 13:37:03.123456'", "1709213823123456",
                        "'-infinity'", "-9223372036832400000", "'infinity'", "9223372036825200000"),
                // ISO in UTC, always 6 fraction digits; infinity as the string
                c("c_tstz", "timestamptz", "'2024-02-29 13:37:03.120+02'", str("2024-02-29T11:37:03.120000Z"),
                        "'1900-01-01 00:00:00+00'", str("1900-01-01T00:00:00.000000Z"), "'infinity'", str("infinity")),
                c("c_enum", "mood", "'ok'", str("ok"), "'sad'", str("sad"), "'happy ✓'", str("happy ✓")),
                c("c_int_arr", "int[]", "'{1,2,NULL}'", "[1,2,null]", "'{}'", "[]", "'{-2147483648,2147483647}'",
                        "[-2147483648,2147483647]"),
                c("c_text_arr", "text[]", "'{\"a\",\"b c\",NULL}'", "[\"a\",\"b c\",null]", "'{}'", "[]",
                        "'{\"\",\"✓\"}'", "[\"\",\"✓\"]"));
    }

    @Test
    void postgresTypes() throws Exception {
        List<Col> cols = pgColumns();
        List<Change> changes = pgCapture("types_pg", cols, PG_BRIEF);
        List<String> problems = new ArrayList<>(check(cols, changes));
        JsonObject update = only(changes, e -> "u".equals(op(e)));
        expect(problems, "update of row 1: c_text", str("updated"), update.get("c_text"));
        expect(problems, "update of row 1: c_integer", "43", update.get("c_integer"));
        // REPLICA IDENTITY DEFAULT: a delete's old row holds the key only
        JsonObject delete = only(changes, e -> "d".equals(op(e)));
        expect(problems, "delete of row 3: id", "3", delete.get("id"));
        expect(problems, "delete of row 3: __deleted", str("true"), delete.get("__deleted"));
        for (Col col : cols) {
            expect(problems, "delete of row 3 (REPLICA IDENTITY DEFAULT): " + col.name, "null", delete.get(col.name));
        }
        assertThat(problems).as("Debezium's JSON differs from the expected encodings").isEmpty();
    }

    /**
     * The cookbook's own PostgreSQL setting today, time.precision.mode=adaptive (EngineProperties unchanged):
     * only TIME differs from adaptive_time_microseconds.
     */
    @Test
    void postgresTimesUnderTheCookbooksAdaptiveMode() throws Exception {
        List<Col> cols = List.of(
                // TIME(0..3): int32 ms past midnight; TIME(4..6) and TIME: µs
                c("c_time", "time", "'13:37:03.123456'", "49023123456", "'00:00:00'", "0", "'24:00:00'", "86400000000"),
                c("c_time3", "time(3)", "'13:37:03.123'", "49023123", "'00:00:00'", "0", "'23:59:59.999'", "86399999"),
                c("c_ts3", "timestamp(3)", "'2024-02-29 13:37:03.123'", "1709213823123", "'1969-12-31 23:59:59.999'", "-1",
                        "'2038-01-19 03:14:08.001'", "2147483648001"),
                c("c_ts6", "timestamp(6)", "'2024-02-29 13:37:03.123456'", "1709213823123456",
                        "'1900-01-01 00:00:00.000001'", "-2208988799999999",
                        "'9999-12-31 23:59:59.999999'", "253402300799999999"));
        List<Change> changes = pgCapture("types_pg_adaptive", cols, p -> { });
        assertThat(check(cols, changes)).as("Debezium's JSON under time.precision.mode=adaptive").isEmpty();
    }

    /**
     * Snapshots the rows 1-4 of a fresh table, then streams the rows 11-14, an UPDATE of row 1 (c_text and
     * c_integer where the table has them, else nothing) and a DELETE of row 3; the events.
     */
    private List<Change> pgCapture(String table, List<Col> cols, Consumer<Properties> settings) throws Exception {
        DbSettings db = pg();
        boolean update = cols.stream().anyMatch(col -> col.name.equals("c_text"));
        try (Connection c = SourceDatabase.of(db, table).connect(); Statement s = c.createStatement()) {
            dropPgCapture(s, table);
            s.execute("DROP TABLE IF EXISTS " + table);
            if (cols.stream().anyMatch(col -> col.type.equals("mood"))) {
                s.execute("DROP TYPE IF EXISTS mood");
                s.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy ✓')");
            }
            s.execute(createTable(table, "integer", cols));
            insertRows(s, table, cols, 0);
        }
        List<Change> changes = new CopyOnWriteArrayList<>();
        ConnectorDefinition def = new ConnectorDefinition(db, table, "types-pg", ConnectorDefinition.Flavor.POSTGRES);
        try (EmbeddedCapture capture = EmbeddedCapture.start(def, dir.resolve(table), changes::addAll, Duration.ofMinutes(2), settings)) {
            awaitRows(changes, 1, 2, 3, 4);
            try (Connection c = SourceDatabase.of(db, table).connect(); Statement s = c.createStatement()) {
                insertRows(s, table, cols, 10);
                if (update) {
                    s.execute("UPDATE " + table + " SET c_text = 'updated', c_integer = 43 WHERE id = 1");
                }
                s.execute("DELETE FROM " + table + " WHERE id = 3");
            }
            awaitRows(changes, 11, 12, 13, 14);
            await(changes, e -> "d".equals(op(e)));
        } finally {
            try (Connection c = SourceDatabase.of(db, table).connect(); Statement s = c.createStatement()) {
                dropPgCapture(s, table);
            }
        }
        return changes;
    }

    // ---------------------------------------------------------------- MariaDB

    /**
     * MariaDB's table. {@code converter}: Debezium's TinyIntOneToBooleanConverter is on; {@code precise}: bigint.unsigned.handling.mode=precise, the cookbook's, instead of Debezium's long.
     */
    private static List<Col> mariadbColumns(boolean converter, boolean precise) {
        // TINYINT(1)/BOOLEAN: true/false with the converter, else the stored number, in snapshot and streaming alike
        String t = converter ? "true" : "1";
        String f = converter ? "false" : "0";
        return List.of(
                c("c_tinyint", "tinyint", "42", "42", "-128", "-128", "127", "127"),
                c("c_tinyint_u", "tinyint unsigned", "42", "42", "0", "0", "255", "255"),
                c("c_smallint_u", "smallint unsigned", "42", "42", "0", "0", "65535", "65535"),
                c("c_int_u", "int unsigned", "42", "42", "0", "0", "4294967295", "4294967295"),
                c("c_bigint", "bigint", "42", "42", "-9223372036854775808", "-9223372036854775808",
                        "9223372036854775807", "9223372036854775807"),
                // long wraps 2^64-1 to -1; precise gives a JSON number (value.converter.decimal.format=NUMERIC)
                c("c_bigint_u", "bigint unsigned", "42", "42", "0", "0", "18446744073709551615",
                        precise ? "18446744073709551615" : "-1"),
                c("c_tinyint1", "tinyint(1)", "1", t, "0", f, "127", converter ? "true" : "127"),
                c("c_boolean", "boolean", "true", t, "false", f, "true", t),
                c("c_bit1", "bit(1)", "b'1'", "true", "b'0'", "false", "b'1'", "true"),
                // BIT(n>1): the bytes, base64; BIT(16) shows the bytes are little-endian
                c("c_bit8", "bit(8)", "b'00000101'", str("BQ=="), "b'00000000'", str("AA=="), "b'11111111'", str("/w==")),
                c("c_bit16", "bit(16)", "b'0000000100000010'", str("AgE=") /* 0x0102 little-endian */, "b'0'", str("AAA="),
                        "b'1111111111111111'", str("//8=")),
                c("c_dec_10_2", "decimal(10,2)", "12.5", str("12.50"), "-99999999.99", str("-99999999.99"),
                        "99999999.99", str("99999999.99")),
                c("c_dec_40_10", "decimal(40,10)", "1.5", str("1.5000000000"),
                        "-" + nines(30) + "." + nines(10), str("-" + nines(30) + "." + nines(10)),
                        nines(30) + "." + nines(10), str(nines(30) + "." + nines(10))),
                // FLOAT is float32: 0.1 prints as 0.1, not 0.10000000149011612
                c("c_float", "float", "0.1", "0.1", "-3.4e38", "-3.4E38", "3.4e38", "3.4E38"),
                c("c_double", "double", "0.1", "0.1", "-1.7976931348623157e308", "-1.7976931348623157E308",
                        "1.7976931348623157e308", "1.7976931348623157E308"),
                // CHAR(n): trailing spaces stripped (MariaDB's own behaviour), unlike PostgreSQL
                c("c_char3", "char(3)", "'ab'", str("ab"), "''", str(""), "'é✓𝄞'", str("é✓𝄞")),
                c("c_varchar", "varchar(20)", "'hello'", str("hello"), "''", str(""),
                        "'héllo ✓ 𝄞 \"q\" \\\\'", str("héllo ✓ 𝄞 \"q\" \\")),
                c("c_text", "text", "'hello'", str("hello"), "''", str(""), "'line1\\nline2 ✓ 𝄞'", str("line1\nline2 ✓ 𝄞")),
                c("c_enum", "enum('sad','ok','happy ✓')", "'ok'", str("ok"), "'sad'", str("sad"), "'happy ✓'", str("happy ✓")),
                // SET: the labels in the type's order, comma-joined; the empty set is ""
                c("c_set", "set('a','b','c')", "'c,a'", str("a,c"), "''", str(""), "'a,b,c'", str("a,b,c")),
                // MariaDB's JSON is LONGTEXT: the text as written
                c("c_json", "json", "'{\"b\": 1, \"a\": [true, null]}'", str("{\"b\": 1, \"a\": [true, null]}"),
                        "'[]'", str("[]"), "'\"✓\"'", str("\"✓\"")),
                // BINARY(n) is right-padded with 0x00
                c("c_binary4", "binary(4)", "x'0102'", str("AQIAAA=="), "x''", str("AAAAAA=="), "x'ffffffff'", str("/////w==")),
                c("c_varbinary", "varbinary(10)", "x'0001ff'", str("AAH/"), "x''", str(""),
                        "x'ffffffffffffffffffff'", str("/////////////w==")),
                c("c_blob", "blob", "x'0001ff'", str("AAH/"), "x''", str(""), "x'ffffffff'", str("/////w==")),
                c("c_date", "date", "'2024-02-29'", "19782", "'1000-01-01'", "-354285", "'9999-12-31'", "2932896"),
                // µs, signed
                c("c_time", "time", "'13:37:03'", "49023000000", "'-838:59:59'", "-3020399000000", "'838:59:59'", "3020399000000"),
                c("c_time6", "time(6)", "'13:37:03.123456'", "49023123456", "'-838:59:59.000000'", "-3020399000000",
                        "'838:59:59.000000'", "3020399000000"),
                // DATETIME(0..3): epoch ms of the wall clock read as UTC; DATETIME(4..6): epoch µs
                c("c_dt0", "datetime(0)", "'2024-02-29 13:37:03'", "1709213823000", "'1000-01-01 00:00:00'", "-30610224000000",
                        "'9999-12-31 23:59:59'", "253402300799000"),
                c("c_dt3", "datetime(3)", "'2024-02-29 13:37:03.123'", "1709213823123", "'1969-12-31 23:59:59.999'", "-1",
                        "'2038-01-19 03:14:08.001'", "2147483648001"),
                c("c_dt6", "datetime(6)", "'2024-02-29 13:37:03.123456'", "1709213823123456",
                        "'1000-01-01 00:00:00.000001'", "-30610223999999999",
                        "'9999-12-31 23:59:59.999999'", "253402300799999999"),
                // TIMESTAMP: ISO UTC strings (inserted with time_zone +00:00)
                c("c_ts0", "timestamp(0) NULL", "'2024-02-29 13:37:03'", str("2024-02-29T13:37:03Z"),
                        "'1970-01-01 00:00:01'", str("1970-01-01T00:00:01Z"), "'2038-01-19 03:14:07'", str("2038-01-19T03:14:07Z")),
                // ... whose fraction the snapshot trims (.12) and the binlog pads to the column's 6 digits (.120000)
                c("c_ts6", "timestamp(6) NULL", "'2024-02-29 13:37:03.120000'", str("2024-02-29T13:37:03.12Z"),
                        "'1970-01-01 00:00:01.000001'", str("1970-01-01T00:00:01.000001Z"),
                        "'2038-01-19 03:14:07.999999'", str("2038-01-19T03:14:07.999999Z"))
                        .streamed(str("2024-02-29T13:37:03.120000Z"), str("1970-01-01T00:00:01.000001Z"),
                                str("2038-01-19T03:14:07.999999Z")),
                c("c_year", "year", "2024", "2024", "1901", "1901", "2155", "2155"));
    }

    /**
     * The cookbook's MariaDB settings, then Debezium's default long (which wraps 2^64-1) with the boolean
     * converter the cookbook no longer sets (it turns a TINYINT(1) of 127 into true, which Confluent's connectors,
     * taking no custom converters, never do).
     */
    @Test
    void mariadbTypes() throws Exception {
        List<String> problems = new ArrayList<>();
        problems.addAll(mariadbRun("cookbook (precise, no converter)", mariadbColumns(false, true), p -> {
            p.setProperty("decimal.handling.mode", "string");
            p.setProperty("time.precision.mode", "adaptive_time_microseconds");
            p.setProperty("binary.handling.mode", "base64");
            p.setProperty("bigint.unsigned.handling.mode", "precise");
        }));
        problems.addAll(mariadbRun("long, the boolean converter", mariadbColumns(true, false), p -> {
            p.setProperty("bigint.unsigned.handling.mode", "long");
            p.setProperty("converters", "boolean");
            p.setProperty("boolean.type", "io.debezium.connector.binlog.converters.TinyIntOneToBooleanConverter");
        }));
        assertThat(problems).as("Debezium's JSON differs from the expected encodings").isEmpty();
    }

    private List<String> mariadbRun(String run, List<Col> cols, Consumer<Properties> settings) throws Exception {
        DbSettings db = mariadb();
        String table = "types_mariadb";
        try (Connection c = SourceDatabase.of(db, table).connect(); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute(createTable(table, "int", cols) + " DEFAULT CHARSET=utf8mb4");
            insertRows(s, table, cols, 0);
        }
        List<Change> changes = new CopyOnWriteArrayList<>();
        ConnectorDefinition def = new ConnectorDefinition(db, table, "types-mariadb", ConnectorDefinition.Flavor.MARIADB);
        try (EmbeddedCapture capture = EmbeddedCapture.start(def, dir.resolve("mariadb-" + run.hashCode()), changes::addAll,
                Duration.ofMinutes(2), settings)) {
            awaitRows(changes, 1, 2, 3, 4);
            try (Connection c = SourceDatabase.of(db, table).connect(); Statement s = c.createStatement()) {
                s.execute("SET time_zone = '+00:00'");
                insertRows(s, table, cols, 10);
                s.execute("UPDATE " + table + " SET c_text = 'updated', c_bigint = 43 WHERE id = 1");
                s.execute("DELETE FROM " + table + " WHERE id = 3");
            }
            awaitRows(changes, 11, 12, 13, 14);
            await(changes, e -> "d".equals(op(e)));
        }
        List<String> problems = new ArrayList<>(check(cols, changes));
        JsonObject update = only(changes, e -> "u".equals(op(e)));
        expect(problems, "update of row 1: c_text", str("updated"), update.get("c_text"));
        expect(problems, "update of row 1: c_bigint", "43", update.get("c_bigint"));
        // binlog_row_image=FULL: the delete carries the whole old row, as streamed rows are encoded
        JsonObject delete = only(changes, e -> "d".equals(op(e)));
        expect(problems, "delete of row 3: __deleted", str("true"), delete.get("__deleted"));
        for (Col col : cols) {
            expect(problems, "delete of row 3: " + col.name, col.streamed[1], delete.get(col.name));
        }
        return problems.stream().map(p -> run + ": " + p).toList();
    }

    /**
     * A text and a bytea of 20 000 random (incompressible) characters/bytes are stored out of line (TOAST).
     * An UPDATE that changes another column does not rewrite them, and the WAL carries them only under
     * REPLICA IDENTITY FULL.
     */
    @Test
    void postgresToastAndDeletesUnderEachReplicaIdentity() throws Exception {
        SecureRandom random = new SecureRandom();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        String big = random.ints(20_000, 0, alphabet.length()).mapToObj(i -> String.valueOf(alphabet.charAt(i)))
                .collect(Collectors.joining());
        byte[] bytes = new byte[20_000];
        random.nextBytes(bytes);
        String bigBase64 = java.util.Base64.getEncoder().encodeToString(bytes);

        Map<String, JsonObject> byDefault = toastEvents("toast_default", "DEFAULT", big, bytes);
        Map<String, JsonObject> byFull = toastEvents("toast_full", "FULL", big, bytes);
        List<String> problems = new ArrayList<>();

        // the insert carries everything under either identity
        for (Map<String, JsonObject> events : List.of(byDefault, byFull)) {
            expect(problems, "insert: big", str(big), events.get("c").get("big"));
            expect(problems, "insert: bin", str(bigBase64), events.get("c").get("bin"));
        }
        // DEFAULT: the unchanged TOAST text is the placeholder; the bytea (base64 mode) is a plain null
        expect(problems, "DEFAULT update: note", "2", byDefault.get("u").get("note"));
        expect(problems, "DEFAULT update: small", str("s"), byDefault.get("u").get("small"));
        expect(problems, "DEFAULT update: big", str("__debezium_unavailable_value"), byDefault.get("u").get("big"));
        expect(problems, "DEFAULT update: bin", "null", byDefault.get("u").get("bin"));
        // DEFAULT: a delete carries the key, every other column is null
        expect(problems, "DEFAULT delete: id", "1", byDefault.get("d").get("id"));
        expect(problems, "DEFAULT delete: note", "null", byDefault.get("d").get("note"));
        expect(problems, "DEFAULT delete: small", "null", byDefault.get("d").get("small"));
        expect(problems, "DEFAULT delete: big", "null", byDefault.get("d").get("big"));
        expect(problems, "DEFAULT delete: bin", "null", byDefault.get("d").get("bin"));
        // FULL: the real values in the update and the whole old row in the delete
        expect(problems, "FULL update: note", "2", byFull.get("u").get("note"));
        expect(problems, "FULL update: big", str(big), byFull.get("u").get("big"));
        expect(problems, "FULL update: bin", str(bigBase64), byFull.get("u").get("bin"));
        expect(problems, "FULL delete: id", "1", byFull.get("d").get("id"));
        expect(problems, "FULL delete: note", "2", byFull.get("d").get("note"));
        expect(problems, "FULL delete: small", str("s"), byFull.get("d").get("small"));
        expect(problems, "FULL delete: big", str(big), byFull.get("d").get("big"));
        expect(problems, "FULL delete: bin", str(bigBase64), byFull.get("d").get("bin"));
        expect(problems, "FULL delete: __deleted", str("true"), byFull.get("d").get("__deleted"));
        assertThat(problems).as("TOAST and delete events").isEmpty();
    }

    /** Streams an insert, an UPDATE of note only, and a delete of one row; the events by __op. */
    private Map<String, JsonObject> toastEvents(String table, String identity, String big, byte[] bytes) throws Exception {
        DbSettings db = pg();
        try (Connection c = SourceDatabase.of(db, table).connect(); Statement s = c.createStatement()) {
            dropPgCapture(s, table);
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id integer PRIMARY KEY, note integer, small text, big text, bin bytea)");
            s.execute("ALTER TABLE " + table + " REPLICA IDENTITY " + identity);
        }
        List<Change> changes = new CopyOnWriteArrayList<>();
        ConnectorDefinition def = new ConnectorDefinition(db, table, "toast-" + identity, ConnectorDefinition.Flavor.POSTGRES);
        try (EmbeddedCapture capture = EmbeddedCapture.start(def, dir.resolve(table), changes::addAll, Duration.ofMinutes(2), PG_BRIEF)) {
            Thread.sleep(1000); // the (empty) snapshot ends and streaming starts
            try (Connection c = SourceDatabase.of(db, table).connect();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (1, 1, 's', ?, ?)");
                 Statement s = c.createStatement()) {
                insert.setString(1, big);
                insert.setBytes(2, bytes);
                insert.executeUpdate();
                String storage = scalarText(s, "SELECT pg_column_size(big) || '/' || pg_column_size(bin) FROM " + table);
                assertThat(storage).as("both values are stored compressed or out of line, over 8 kB").matches("\\d{4,}/\\d{4,}");
                s.execute("UPDATE " + table + " SET note = 2 WHERE id = 1");
                s.execute("DELETE FROM " + table + " WHERE id = 1");
            }
            await(changes, e -> "d".equals(op(e)));
        } finally {
            try (Connection c = SourceDatabase.of(db, table).connect(); Statement s = c.createStatement()) {
                dropPgCapture(s, table);
            }
        }
        Map<String, JsonObject> byOp = new LinkedHashMap<>();
        for (Change e : changes) {
            assertThat(byOp.put(op(e), value(e))).as("one event per operation").isNull();
        }
        return byOp;
    }

    private static String scalarText(Statement s, String sql) throws SQLException {
        try (java.sql.ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** One column: its type and three (SQL literal, expected JSON) pairs, for the snapshot and streamed rows. */
    static final class Col {
        final String name;
        final String type;
        final String[] sql;
        final String[] snapshot;
        String[] streamed;

        Col(String name, String type, String[] sql, String[] snapshot) {
            this.name = name;
            this.type = type;
            this.sql = sql;
            this.snapshot = snapshot;
            this.streamed = snapshot;
        }

        /** The streamed rows' JSON, where it differs from the snapshot's. */
        Col streamed(String ordinary, String low, String high) {
            this.streamed = new String[]{ordinary, low, high};
            return this;
        }
    }

    static Col c(String name, String type, String ordinarySql, String ordinaryJson, String lowSql, String lowJson,
                 String highSql, String highJson) {
        return new Col(name, type, new String[]{ordinarySql, lowSql, highSql}, new String[]{ordinaryJson, lowJson, highJson});
    }

    /** A JSON string holding {@code text}. */
    static String str(String text) {
        return new com.google.gson.JsonPrimitive(text).toString();
    }

    static String nines(int n) {
        return "9".repeat(n);
    }

    private static DbSettings pg() {
        return TestDatabases.withDatabase(TestDatabases.embedded(SourceDb.PG).settings(), DATABASE);
    }

    private static DbSettings mariadb() {
        return TestDatabases.withDatabase(TestDatabases.embedded(SourceDb.MYSQL).settings(), DATABASE);
    }

    private static String createTable(String table, String idType, List<Col> cols) {
        return "CREATE TABLE " + table + " (id " + idType + " PRIMARY KEY, "
                + cols.stream().map(c -> c.name + " " + c.type).collect(Collectors.joining(", ")) + ")";
    }

    /** Rows base+1 (ordinary), base+2 (NULLs), base+3 (low), base+4 (high). */
    private static void insertRows(Statement s, String table, List<Col> cols, int base) throws SQLException {
        String names = cols.stream().map(c -> c.name).collect(Collectors.joining(", "));
        int[] kinds = {0, -1, 1, 2};
        for (int i = 0; i < 4; i++) {
            int kind = kinds[i];
            String values = cols.stream().map(c -> kind < 0 ? "NULL" : c.sql[kind]).collect(Collectors.joining(", "));
            s.execute("INSERT INTO " + table + " (id, " + names + ") VALUES (" + (base + i + 1) + ", " + values + ")");
        }
    }

    /** Drops the replication slot and publication a previous run left, so that each run starts afresh. */
    private static void dropPgCapture(Statement s, String table) throws SQLException {
        ConnectorDefinition def = new ConnectorDefinition(pg(), table, "x", ConnectorDefinition.Flavor.POSTGRES);
        String slot = "FROM pg_replication_slots WHERE slot_name = '" + def.slotName() + "'";
        // a capture just closed may hold its slot for a moment longer
        for (int i = 0; i < 200 && "true".equals(scalarText(s, "SELECT coalesce(bool_or(active), false)::text " + slot)); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        s.execute("SELECT pg_drop_replication_slot(slot_name) " + slot);
        s.execute("DROP PUBLICATION IF EXISTS " + def.publicationName());
    }

    private static JsonObject value(Change change) {
        return JsonParser.parseString(change.value()).getAsJsonObject();
    }

    private static String op(Change change) {
        JsonElement op = value(change).get("__op");
        return op == null || op.isJsonNull() ? null : op.getAsString();
    }

    private static int id(Change change) {
        return value(change).get("id").getAsInt();
    }

    private static JsonObject only(List<Change> changes, Predicate<Change> which) {
        List<JsonObject> found = changes.stream().filter(which).map(DebeziumTypeEncodingTest::value).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static void awaitRows(List<Change> changes, int... ids) throws InterruptedException {
        for (int id : ids) {
            await(changes, e -> id(e) == id);
        }
    }

    private static void await(List<Change> changes, Predicate<Change> what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (changes.stream().noneMatch(what)) {
            assertThat(System.nanoTime()).as("waited 90 s for an event; got %s", changes).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Every column of the snapshot (op r) and streamed (op c) rows against the table; the mismatches. */
    private static List<String> check(List<Col> cols, List<Change> changes) {
        Map<Integer, JsonObject> inserted = new LinkedHashMap<>();
        for (Change e : changes) {
            String op = op(e);
            if ("r".equals(op) || "c".equals(op)) {
                inserted.put(id(e), value(e));
            }
        }
        List<String> problems = new ArrayList<>();
        int[] kinds = {0, -1, 1, 2};
        String[] kindNames = {"ordinary", "NULL", "low", "high"};
        for (int base : new int[]{0, 10}) {
            for (int i = 0; i < 4; i++) {
                int id = base + i + 1;
                JsonObject row = inserted.get(id);
                String phase = base == 0 ? "snapshot" : "streamed";
                if (row == null) {
                    problems.add("row " + id + " (" + phase + ") never arrived");
                    continue;
                }
                expect(problems, "row " + id + " __op", str(base == 0 ? "r" : "c"), row.get("__op"));
                for (Col col : cols) {
                    String expected = kinds[i] < 0 ? "null" : (base == 0 ? col.snapshot : col.streamed)[kinds[i]];
                    expect(problems, phase + " " + kindNames[i] + " " + col.name + " " + col.type
                            + (kinds[i] < 0 ? "" : " = " + col.sql[kinds[i]]), expected, row.get(col.name));
                }
            }
        }
        return problems;
    }

    /** Compares the JSON text Debezium wrote (an absent field shows as "<absent>") with the expected text. */
    private static void expect(List<String> problems, String what, String expected, JsonElement actual) {
        String seen = actual == null ? "<absent>" : actual.toString();
        if (!seen.equals(expected)) {
            problems.add(what + ": expected " + expected + ", saw " + seen);
        }
    }
}
