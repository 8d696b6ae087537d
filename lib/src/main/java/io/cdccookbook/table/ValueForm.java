package io.cdccookbook.table;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.source.UsersTable;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one text form in which compare-tables sees a value, whichever side it comes from: the source table
 * (read through {@link #sourceSelect}) or an endpoint's JSON (Tinybird's or the local one, which print
 * the replica's types alike). Two values are the same when their forms are equal text. Each
 * {@link ColumnType} names its form.
 */
public enum ValueForm {
    /** Whole numbers, as plain digits: ClickHouse may quote 64-bit integers in JSON, DuckDB does not. */
    INTEGER,
    /** Booleans as 1/0 (Tinybird's UInt8); MySQL's tinyint(1) keeps the number it holds. */
    FLAG,
    /** Exact decimals without trailing zeros: 12.50 in the source, 12.5 in JSON are one value. */
    DECIMAL,
    /** Single precision, at six significant digits ({@link #float32}). */
    FLOAT32,
    FLOAT64,
    TEXT,
    /** Lower case, as both replicas print a UUID. */
    UUID,
    /** JSON with its keys sorted and its numbers without trailing zeros: jsonb, MySQL and Debezium reformat it. */
    JSON,
    /** Base64 (no line breaks): the endpoints print bytes so, as JSON cannot carry them. */
    BYTES,
    /** yyyy-MM-dd. */
    DATE,
    /** yyyy-MM-dd HH:mm:ss.SSSSSS, a wall clock. */
    TIMESTAMP,
    /** yyyy-MM-dd HH:mm:ss.SSSSSS in UTC: an instant. */
    TIMESTAMP_UTC,
    /**
     * A time of day (MySQL: a signed duration up to 838 hours) as microseconds, as Debezium sends it and the
     * replicas keep it: the source's text (-838:59:59.5) becomes the number; the endpoint's number stays.
     */
    TIME,
    /**
     * A one-dimensional array as JSON text, its numbers without trailing zeros; a NULL array is the empty one,
     * as ClickHouse (which has no Nullable arrays) keeps it.
     */
    ARRAY;

    /** The SELECT expression that reads {@code source} from the source in a form {@link #fromSource} takes. */
    public String sourceSelect(SourceDb kind, SourceColumn source) {
        String column = source.name();
        return switch (this) {
            // PostgreSQL's boolean prints t/f; MySQL's bit(1) prints a byte and tinyint(1) may read as a boolean
            case FLAG -> kind == SourceDb.PG ? "CAST(" + column + " AS INT)" : "CAST(" + column + " AS SIGNED)";
            // MariaDB's driver prints a DATETIME(3) of .010 as .10000: the server formats it, with all six digits
            case TIMESTAMP -> kind == SourceDb.PG ? column : "DATE_FORMAT(" + column + ", '%Y-%m-%d %H:%i:%s.%f')";
            case TIMESTAMP_UTC -> kind == SourceDb.PG
                    ? "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
                    : "DATE_FORMAT(CONVERT_TZ(" + column + ", @@session.time_zone, '+00:00'), '%Y-%m-%d %H:%i:%s.%f')";
            case TIME -> kind == SourceDb.PG ? column + "::text" : "CAST(" + column + " AS CHAR)";
            case ARRAY -> "coalesce(array_to_json(" + column + ")::text, '[]')";
            // MySQL's text protocol prints a FLOAT with six digits (1674.51); Debezium sends all of it (1674.5139)
            case FLOAT32 -> kind == SourceDb.PG ? column : "CAST(" + column + " AS DOUBLE)";
            // an enum orders by its labels' positions, which no replica knows; text orders the same everywhere.
            // A char(n) keeps its padding, as Debezium sends it: PostgreSQL's cast to text would strip it
            case TEXT -> kind != SourceDb.PG ? column : source.type().equals("character")
                    ? "rpad(" + column + "::text, " + Math.max(source.length(), 1) + ")" : column + "::text";
            default -> column;
        };
    }

    /**
     * The ORDER BY term that sorts a key column of the source as the replicas sort it: numbers by value,
     * everything else by its bytes (code points), as DuckDB and ClickHouse order strings.
     */
    public String sourceOrder(SourceDb kind, SourceColumn column) {
        // PostgreSQL's date, timestamp, uuid and bytea already sort as their canonical text (a uuid by its hex
        // digits, bytes unsigned), and take no collation
        if (numeric() || kind == SourceDb.PG && (this == DATE || this == TIMESTAMP || this == UUID || this == BYTES)) {
            return column.name();
        }
        String text = sourceSelect(kind, column);
        return kind == SourceDb.PG ? text + " COLLATE \"C\"" : "CAST(" + text + " AS BINARY)";
    }

    /** The value of column {@code i} of a source row, in this form. */
    public String fromSource(ResultSet rs, int i) throws SQLException {
        if (this == BYTES) {
            byte[] bytes = rs.getBytes(i);
            return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
        }
        String text = rs.getString(i);
        return text == null ? null : canonical(text);
    }

    /** The form of a value from an endpoint's JSON: its text (numbers as written), or a JSON boolean. */
    public String fromJson(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return canonical(value.toString());
    }

    /** The form of a value's text. A million rows come through here: the common, already canonical cases return at once. */
    public String canonical(String text) {
        return switch (this) {
            case INTEGER -> integer(text);
            case FLAG -> text.equals("true") || text.equals("t") ? "1" : text.equals("false") || text.equals("f") ? "0" : integer(text);
            case DECIMAL -> decimal(text);
            case FLOAT32 -> float32(text);
            case FLOAT64 -> Double.toString(Double.parseDouble(text));
            case TEXT, BYTES -> text;
            case UUID -> text.toLowerCase(Locale.ROOT);
            case JSON, ARRAY -> json(JsonParser.parseString(text)).toString();
            case DATE -> text.length() > 10 ? text.substring(0, 10) : text;
            case TIMESTAMP, TIMESTAMP_UTC -> timestamp(text);
            case TIME -> text.indexOf(':') < 0 ? integer(text) : timeMicros(text);
        };
    }

    /**
     * A decimal without trailing zeros. PostgreSQL's numeric also holds NaN and ±Infinity, which no Decimal
     * type of the replicas does (both store NULL): they stay as they are, so that compare-tables shows them.
     */
    private static String decimal(String text) {
        try {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    /** Numbers by value, -Infinity first, then Infinity and NaN last, as PostgreSQL orders them. */
    private static int compareNumbers(String a, String b) {
        int rankA = specialRank(a);
        int rankB = specialRank(b);
        return rankA != 0 || rankB != 0 ? Integer.compare(rankA, rankB) : new BigDecimal(a).compareTo(new BigDecimal(b));
    }

    /** -1 for -Infinity, 0 for a number, 1 for Infinity, 2 for NaN (and any other text). */
    private static int specialRank(String text) {
        if (!text.isEmpty() && (Character.isDigit(text.charAt(text.length() - 1)) || text.charAt(text.length() - 1) == '.')) {
            return 0; // every number ends so; the specials end in a letter
        }
        return switch (text) {
            case "-Infinity" -> -1;
            case "Infinity", "+Infinity" -> 1;
            default -> 2;
        };
    }

    /** Whether values of this form sort by number rather than by text. */
    public boolean numeric() {
        return this == INTEGER || this == FLAG || this == DECIMAL || this == FLOAT32 || this == FLOAT64 || this == TIME;
    }

    /** How two canonical values of a key column compare: as the replicas order them. */
    public Comparator<String> order() {
        if (this == INTEGER || this == FLAG || this == TIME) {
            return ValueForm::compareIntegers;
        }
        if (numeric()) {
            return ValueForm::compareNumbers;
        }
        if (this == BYTES) {
            return Comparator.comparing(t -> Base64.getDecoder().decode(t), Arrays::compareUnsigned);
        }
        return ValueForm::compareCodePoints;
    }

    /**
     * The local endpoint's SELECT expression for a replica column, printing it as Tinybird's endpoint
     * prints the ClickHouse type (timestamps as text with six decimals, bytes as base64).
     */
    public String duckDbEndpoint(String column) {
        return switch (this) {
            case TIMESTAMP -> "strftime(" + column + ", '%Y-%m-%d %H:%M:%S.%f')";
            case TIMESTAMP_UTC -> "strftime(timezone('UTC', " + column + "), '%Y-%m-%d %H:%M:%S.%f')";
            case BYTES -> "to_base64(" + column + ")";
            case UUID, DATE -> "CAST(" + column + " AS VARCHAR)";
            case ARRAY -> "CAST(" + column + " AS JSON)"; // the JSON text the replica keeps, printed as the array it is
            default -> column;
        };
    }

    /** The Tinybird endpoint's SELECT expression for a replica column: bytes as base64, as JSON cannot carry them. */
    public String tinybirdEndpoint(String column) {
        return this == BYTES ? "base64Encode(" + column + ") AS " + column : column;
    }

    /** The Tinybird endpoint's ORDER BY term: a UUID sorts by its text, not by ClickHouse's halves. */
    public String tinybirdOrder(String column) {
        return this == UUID ? "toString(" + column + ")" : column;
    }

    /** The local endpoint's ORDER BY term. */
    public String duckDbOrder(String column) {
        return this == UUID ? "CAST(" + column + " AS VARCHAR)" : column;
    }

    /**
     * A single-precision value at six significant digits (FLT_DIG, all a float holds for sure): Debezium's
     * snapshot reads a MySQL FLOAT through the text protocol, which prints six, while the binlog carries the
     * whole float. The float's exact value is rounded, so the two readings of one value always agree.
     */
    static String float32(String text) {
        float f = Float.parseFloat(text);
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            return Float.toString(f);
        }
        return f == 0 ? "0" : new BigDecimal(f).round(new java.math.MathContext(6, java.math.RoundingMode.HALF_EVEN))
                .stripTrailingZeros().toString();
    }

    /** [-]H+:MM:SS[.f{1,6}] as signed microseconds. */
    static String timeMicros(String text) {
        boolean negative = text.startsWith("-");
        String[] hms = (negative ? text.substring(1) : text).split(":");
        String[] seconds = hms[2].split("\\.");
        long micros = (Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60 + Long.parseLong(seconds[0])) * 1_000_000
                + (seconds.length > 1 ? Long.parseLong((seconds[1] + "000000").substring(0, 6)) : 0);
        return Long.toString(negative ? -micros : micros);
    }

    private static final DateTimeFormatter ANY_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .toFormatter();

    /** A wall-clock time in the canonical form, to the microsecond. */
    public static String timestamp(LocalDateTime t) {
        return UsersTable.TIMESTAMP.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Accepts ISO and ClickHouse forms with 0 to 9 decimals, and epoch microseconds (raw events). The
     * common case, already canonical, returns at once.
     */
    static String timestamp(String text) {
        if (text.length() == 26 && text.charAt(10) == ' ' && text.charAt(19) == '.') {
            return text;
        }
        if (text.length() >= 19 && text.charAt(10) == ' ' && text.substring(19).matches("(\\.\\d{0,6})?")) {
            String fraction = text.length() > 20 ? text.substring(20) : "";
            return text.substring(0, 19) + "." + (fraction + "000000").substring(0, 6);
        }
        if (text.chars().allMatch(Character::isDigit)) {
            long micros = Long.parseLong(text);
            return timestamp(LocalDateTime.of(1970, 1, 1, 0, 0).plus(micros, ChronoUnit.MICROS));
        }
        return timestamp(LocalDateTime.parse(text, ANY_TIMESTAMP));
    }

    private static String integer(String text) {
        if (isPlainInteger(text)) {
            return text;
        }
        return new BigDecimal(text).toBigIntegerExact().toString();
    }

    private static boolean isPlainInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start || (text.charAt(start) == '0' && text.length() > start + 1) || text.equals("-0")) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int compareIntegers(String a, String b) {
        if (a.length() < 19 && b.length() < 19) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
    }

    private static int compareCodePoints(String a, String b) {
        // UTF-8's byte order is code point order, which String.compareTo (UTF-16 units) is not above U+FFFF
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonElement json(JsonElement e) {
        if (e.isJsonObject()) {
            Map<String, JsonElement> sorted = new TreeMap<>();
            e.getAsJsonObject().entrySet().forEach(f -> sorted.put(f.getKey(), json(f.getValue())));
            JsonObject out = new JsonObject();
            sorted.forEach(out::add);
            return out;
        }
        if (e.isJsonArray()) {
            JsonArray out = new JsonArray();
            e.getAsJsonArray().forEach(x -> out.add(json(x)));
            return out;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return new JsonPrimitive(new BigDecimal(e.getAsString()).stripTrailingZeros());
        }
        return e;
    }
}
