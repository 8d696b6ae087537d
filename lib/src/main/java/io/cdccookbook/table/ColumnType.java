package io.cdccookbook.table;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDb;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How the values of one source column travel and land, the same on both targets: the JSON Debezium writes
 * for them (with the connector settings of {@code capture.ConnectorDefinition}), then Tinybird's and the
 * local DuckDB replica's types. {@link #RULES} is the one mapping table; the README prints it
 * ({@code ColumnTypeTest} keeps the two equal).
 *
 * @param json     how Debezium writes a value, in words
 * @param form     the text form compare-tables compares its values in
 * @param tinybird the ClickHouse side
 * @param duckDb   the local replica's side
 */
public record ColumnType(String json, ValueForm form, Tinybird tinybird, DuckDb duckDb) {

    /**
     * @param raw        the raw data source's type, as its JSONPath reads the value (every raw column is Nullable)
     * @param latest     the replica's type
     * @param conversion the materialized pipe's expression from raw to latest; {@code %s} is the raw column
     */
    public record Tinybird(String raw, String latest, String conversion) {
        /** The raw column's type: every one is Nullable but an array, which ClickHouse cannot make Nullable. */
        public String rawNullable() {
            return nullable(raw);
        }

        /** The replica's type for a column that may be NULL: an array's NULL is the empty array. */
        public String latestNullable() {
            return nullable(latest);
        }

        /** The JSONPath that reads {@code column} from an event: an array's elements are read with [:]. */
        public String jsonPath(String column) {
            return "$." + column + (raw.startsWith("Array(") ? "[:]" : "");
        }

        private static String nullable(String type) {
            return type.startsWith("Array(") ? type : "Nullable(" + type + ")";
        }

        public String convert(String column) {
            return String.format(Locale.ROOT, conversion, column);
        }
    }

    /**
     * The local replica's DuckDB types, mirroring Tinybird's: json_transform reads the value as {@code json},
     * {@code ingest} makes it the raw table's {@code raw} (as a JSONPath parses it into the raw column), and
     * {@code conversion} the replica's {@code latest}. {@code %s} is the column each expression reads.
     */
    public record DuckDb(String json, String ingest, String raw, String latest, String conversion) {
        public String ingest(String column) {
            return String.format(Locale.ROOT, ingest, column);
        }

        public String convert(String column) {
            return String.format(Locale.ROOT, conversion, column);
        }
    }

    /** One row of the mapping table: which source types it takes, what they become, and a column it shows with. */
    record Rule(String sourceTypes, Candidate example, Predicate<Candidate> takes, Function<Candidate, ColumnType> type) {
    }

    /** A column with the server it is on. */
    record Candidate(SourceDb kind, SourceColumn column) {
        String type() {
            return column.type();
        }
    }

    /** A type that every part stores as it comes. */
    private static ColumnType same(String json, ValueForm form, String clickHouse, String duckDb) {
        return new ColumnType(json, form, new Tinybird(clickHouse, clickHouse, "%s"), new DuckDb(duckDb, "%s", duckDb, duckDb, "%s"));
    }

    /** A type both replicas convert on the way from raw to latest. */
    private static ColumnType converted(String json, ValueForm form, String raw, String latest, String conversion,
                                        String duckRaw, String duckLatest, String duckConversion) {
        return new ColumnType(json, form, new Tinybird(raw, latest, conversion),
                new DuckDb(duckRaw, "%s", duckRaw, duckLatest, duckConversion));
    }

    private static Predicate<Candidate> named(String... types) {
        List<String> names = List.of(types);
        return c -> names.contains(c.type());
    }

    private static Candidate ex(SourceDb kind, String type, String fullType, int precision, int scale) {
        return new Candidate(kind, new SourceColumn("example", type, fullType, -1, precision, scale, true));
    }

    private static boolean isWallClock(Candidate c) {
        return c.type().equals("timestamp without time zone") || c.kind() == SourceDb.MYSQL && c.type().equals("datetime");
    }

    /** PostgreSQL's array types the cookbook maps, to their elements' ClickHouse types. */
    private static final java.util.Map<String, String[]> ARRAY_ELEMENTS = java.util.Map.of(
            "smallint[]", new String[]{"Int16"}, "integer[]", new String[]{"Int32"},
            "bigint[]", new String[]{"Int64"}, "text[]", new String[]{"String"},
            "character varying[]", new String[]{"String"});

    /** The rules in the order they are tried: the first that takes a column decides its type. */
    static final List<Rule> RULES = List.of(
            new Rule("boolean; MySQL tinyint(1), bit(1)", ex(SourceDb.MYSQL, "tinyint", "tinyint(1)", -1, -1),
                    c -> c.type().equals("boolean") || c.column().fullType().startsWith("tinyint(1)")
                            || c.column().fullType().equals("bit(1)"),
                    c -> new ColumnType(c.kind() == SourceDb.MYSQL && !c.column().fullType().equals("bit(1)")
                            ? "the stored number, 0/1 (no boolean converter: Confluent's connectors take none)"
                            : "true/false", ValueForm.FLAG,
                            new Tinybird("UInt8", "UInt8", "%s"),
                            // Tinybird's JSONPath reads true/false into UInt8; DuckDB's json_transform does not
                            new DuckDb("VARCHAR", "CASE %1$s WHEN 'true' THEN 1 WHEN 'false' THEN 0 ELSE TRY_CAST(%1$s AS UTINYINT) END",
                                    "UTINYINT", "UTINYINT", "%s"))),
            new Rule("smallint; MySQL tinyint", ex(SourceDb.PG, "smallint", "smallint", -1, -1), named("smallint", "tinyint"),
                    c -> c.column().unsigned() ? same("number", ValueForm.INTEGER, "UInt16", "USMALLINT") : same("number", ValueForm.INTEGER, "Int16", "SMALLINT")),
            new Rule("integer; MySQL int, mediumint", ex(SourceDb.PG, "integer", "integer", -1, -1),
                    named("integer", "int", "mediumint"),
                    c -> c.column().unsigned() ? same("number", ValueForm.INTEGER, "UInt32", "UINTEGER") : same("number", ValueForm.INTEGER, "Int32", "INTEGER")),
            new Rule("bigint (signed)", ex(SourceDb.PG, "bigint", "bigint", -1, -1),
                    c -> c.type().equals("bigint") && !c.column().unsigned(), c -> same("number", ValueForm.INTEGER, "Int64", "BIGINT")),
            // bigint.unsigned.handling.mode=precise: a Kafka Connect decimal, which the JSON converter writes as a number
            new Rule("MySQL bigint unsigned", ex(SourceDb.MYSQL, "bigint", "bigint unsigned", -1, -1),
                    c -> c.type().equals("bigint") && c.column().unsigned(),
                    c -> same("number, up to 18446744073709551615", ValueForm.INTEGER, "UInt64", "UBIGINT")),
            new Rule("real; MySQL float", ex(SourceDb.PG, "real", "real", -1, -1), named("real", "float"),
                    c -> same("number (NaN and ±Infinity as strings)", ValueForm.FLOAT32, "Float32", "FLOAT")),
            new Rule("double precision; MySQL double", ex(SourceDb.PG, "double precision", "double precision", -1, -1),
                    named("double precision", "double"), c -> same("number (NaN and ±Infinity as strings)", ValueForm.FLOAT64, "Float64", "DOUBLE")),
            new Rule("numeric(p,s), decimal(p,s) with p ≤ 38", ex(SourceDb.PG, "numeric", "numeric(10,2)", 10, 2),
                    c -> named("numeric", "decimal").test(c) && c.column().precision() > 0 && c.column().precision() <= 38
                            && c.column().scale() >= 0 && c.column().scale() <= c.column().precision(), // not numeric(5,-2)
                    c -> {
                        String ps = c.column().precision() + ", " + Math.max(c.column().scale(), 0);
                        return converted("string, e.g. \"12.50\"", ValueForm.DECIMAL, "String", "Decimal(" + ps + ")",
                                "toDecimal128OrNull(%s, " + Math.max(c.column().scale(), 0) + ")",
                                "VARCHAR", "DECIMAL(" + ps + ")", "TRY_CAST(%s AS DECIMAL(" + ps + "))");
                    }),
            new Rule("char, varchar, text; enum; MySQL set", ex(SourceDb.PG, "character varying", "character varying(20)", -1, -1),
                    c -> c.type().startsWith("character") || c.type().equals("text")
                            || named("char", "varchar", "tinytext", "mediumtext", "longtext", "enum", "set").test(c),
                    c -> same("string", ValueForm.TEXT, "String", "VARCHAR")),
            new Rule("uuid", ex(SourceDb.PG, "uuid", "uuid", -1, -1), named("uuid"),
                    c -> converted("string", ValueForm.UUID, "String", "UUID", "toUUID(%s)", "VARCHAR", "UUID", "TRY_CAST(%s AS UUID)")),
            new Rule("json, jsonb; MySQL json", ex(SourceDb.PG, "jsonb", "jsonb", -1, -1), named("json", "jsonb"),
                    c -> same("the JSON text, in a string", ValueForm.JSON, "String", "VARCHAR")),
            new Rule("bytea; MySQL binary, varbinary, blob", ex(SourceDb.PG, "bytea", "bytea", -1, -1),
                    named("bytea", "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"),
                    c -> converted("base64 string", ValueForm.BYTES, "String", "String", "base64Decode(%s)", "VARCHAR", "BLOB", "from_base64(%s)")),
            // one dimension: Debezium writes a JSON array; ClickHouse has no Nullable arrays, so NULL is the empty array
            new Rule("PostgreSQL integer[], bigint[], smallint[], text[], varchar[]", ex(SourceDb.PG, "integer[]", "integer[]", -1, -1),
                    c -> c.kind() == SourceDb.PG && ARRAY_ELEMENTS.containsKey(c.type()),
                    c -> {
                        String[] element = ARRAY_ELEMENTS.get(c.type());
                        String clickHouse = "Array(Nullable(" + element[0] + "))";
                        // the local replica keeps the array's JSON text: DuckDB updates a LIST column by delete and insert,
                        // which its primary key index reports as a write-write conflict at commit (duckdb issue 17802)
                        return new ColumnType("JSON array, e.g. [1, null, 3]", ValueForm.ARRAY, new Tinybird(clickHouse, clickHouse, "%s"),
                                new DuckDb("JSON", "CAST(%s AS VARCHAR)", "VARCHAR", "VARCHAR", "coalesce(%s, '[]')"));
                    }),
            new Rule("MySQL year", ex(SourceDb.MYSQL, "year", "year", -1, -1), named("year"),
                    c -> same("number", ValueForm.INTEGER, "UInt16", "USMALLINT")),
            new Rule("timestamp with time zone; MySQL timestamp", ex(SourceDb.PG, "timestamp with time zone",
                    "timestamp with time zone", 6, -1),
                    c -> c.type().equals("timestamp with time zone") || c.kind() == SourceDb.MYSQL && c.type().equals("timestamp"),
                    c -> converted("ISO-8601 string in UTC, e.g. \"2024-02-29T11:37:03.120000Z\"", ValueForm.TIMESTAMP_UTC, "String",
                            "DateTime64(6, 'UTC')", "parseDateTime64BestEffortOrNull(%s, 6, 'UTC')",
                            "VARCHAR", "TIMESTAMPTZ", "TRY_CAST(%s AS TIMESTAMPTZ)")),
            new Rule("date", ex(SourceDb.PG, "date", "date", -1, -1), named("date"),
                    c -> converted("days since 1970-01-01 (Date32 holds 1900 to 2299)", ValueForm.DATE, "Int32", "Date32", "toDate32(%s)",
                            "INTEGER", "DATE", "DATE '1970-01-01' + %s")),
            new Rule("time(0..3)", ex(SourceDb.PG, "time without time zone", "time(3) without time zone", 3, -1),
                    c -> c.kind() == SourceDb.PG && c.type().equals("time without time zone") && c.column().precision() <= 3,
                    c -> converted("milliseconds since midnight", ValueForm.TIME, "Int64", "Int64", "%s * 1000",
                            "BIGINT", "BIGINT", "%s * 1000")),
            new Rule("time(4..6), time; MySQL time", ex(SourceDb.MYSQL, "time", "time", 0, -1),
                    c -> c.type().equals("time without time zone") || c.kind() == SourceDb.MYSQL && c.type().equals("time"),
                    c -> same("microseconds since midnight (MySQL: signed, up to ±838 hours)", ValueForm.TIME, "Int64", "BIGINT")),
            new Rule("timestamp(0..3); MySQL datetime(0..3)",
                    ex(SourceDb.PG, "timestamp without time zone", "timestamp(3) without time zone", 3, -1),
                    c -> isWallClock(c) && c.column().precision() <= 3,
                    c -> converted("epoch milliseconds", ValueForm.TIMESTAMP, "Int64", "DateTime64(3)", "fromUnixTimestamp64Milli(%s)",
                            "BIGINT", "TIMESTAMP", "make_timestamp(%s * 1000)")),
            new Rule("timestamp(4..6), timestamp; MySQL datetime(4..6)",
                    ex(SourceDb.PG, "timestamp without time zone", "timestamp(6) without time zone", 6, -1),
                    c -> isWallClock(c) && c.column().precision() > 3,
                    c -> converted("epoch microseconds", ValueForm.TIMESTAMP, "Int64", "DateTime64(6)", "fromUnixTimestamp64Micro(%s)",
                            "BIGINT", "TIMESTAMP", "make_timestamp(%s)")));

    /** The column's type; one line naming table, column and type (and the way out) when none fits. */
    public static ColumnType of(SourceDb kind, String table, SourceColumn column) {
        return find(kind, column).orElseThrow(() -> new CookbookException("The " + kind.displayName() + " column "
                + table + "." + column.name() + " has the type " + column.fullType() + ", which the cookbook cannot replicate yet.",
                "Leave it out with --exclude-column " + table + "." + column.name() + " (CDC_EXCLUDE_COLUMNS, which becomes"
                        + " Debezium's column.exclude.list), or change its type."));
    }

    /** As {@link #of(SourceDb, String, SourceColumn)}, for a column of {@code schema}: a key column cannot be left out. */
    public static ColumnType of(TableSchema schema, SourceColumn column) {
        try {
            return of(schema.kind(), schema.name(), column);
        } catch (CookbookException e) {
            if (!schema.primaryKey().contains(column.name())) {
                throw e;
            }
            throw new CookbookException(e.getMessage(), "Change its type to one the cookbook maps (see the README's mapping table):"
                    + " a key column cannot be left out.");
        }
    }

    static Optional<ColumnType> find(SourceDb kind, SourceColumn column) {
        Candidate candidate = new Candidate(kind, column);
        return RULES.stream().filter(r -> r.takes().test(candidate)).findFirst().map(r -> r.type().apply(candidate));
    }

    /** The mapping table as the README prints it: one row per rule, shown with its example column. */
    public static String markdown() {
        StringBuilder out = new StringBuilder("| source type | Debezium's JSON | Tinybird: raw → replica | DuckDB: raw → replica |\n"
                + "|---|---|---|---|\n");
        for (Rule rule : RULES) {
            ColumnType t = rule.type().apply(rule.example());
            Tinybird tb = t.tinybird();
            DuckDb dd = t.duckDb();
            out.append("| ").append(rule.sourceTypes()).append(" | ").append(t.json())
                    .append(" | `").append(tb.raw()).append("` → `").append(tb.latest()).append('`')
                    .append(tb.conversion().equals("%s") ? "" : ", `" + tb.convert("x") + "`")
                    .append(" | ").append(dd.ingest().equals("%s") ? "" : "`" + dd.ingest("x") + "`: ")
                    .append('`').append(dd.raw()).append("` → `").append(dd.latest()).append('`')
                    .append(dd.conversion().equals("%s") ? "" : ", `" + dd.convert("x") + "`").append(" |\n");
        }
        return out.toString();
    }
}
