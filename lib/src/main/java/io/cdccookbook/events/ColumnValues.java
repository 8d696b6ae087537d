package io.cdccookbook.events;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.table.ColumnType;
import io.cdccookbook.table.SourceColumn;
import io.cdccookbook.table.TableSchema;
import io.cdccookbook.table.ValueForm;
import net.datafaker.Faker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Type-valid values for one column of any table the cookbook maps, ordinary ones from Datafaker and, with a
 * small probability, the edges that bite: NULL, the type's extremes, dates before 1970 and after 2038,
 * Unicode, empty strings and values of the column's full length (up to 1 MB where the column is unbounded).
 * Each edge stays inside both the server's range and Tinybird's (Date32 and DateTime64 hold 1900 to 2299);
 * no float is NaN or infinite (the replicas cannot hold them alike).
 */
final class ColumnValues {

    /** MySQL's TIME holds -838:59:59 to 838:59:59, whatever its fraction. */
    static final long MYSQL_TIME_MICROS = (838 * 3600 + 59 * 60 + 59) * 1_000_000L;
    static final BigDecimal UNSIGNED_BIGINT_MAX = new BigDecimal("18446744073709551615");

    /** The largest value written into an unbounded text or bytes column: the 1 MB. */
    static final int LARGEST = 1 << 20;

    private final SourceDb kind;
    private final SourceColumn column;
    private final ValueForm form;
    private final List<Object> edges = new ArrayList<>();
    private List<String> labels = List.of();

    ColumnValues(TableSchema table, SourceColumn column) {
        this.kind = table.kind();
        this.column = column;
        this.form = ColumnType.of(table, column).form();
        if (column.fullType().startsWith("enum(") || column.fullType().startsWith("set(")) { // MySQL: enum('a','b')
            labels = new ArrayList<>();
            for (String part : column.fullType().substring(column.fullType().indexOf('(') + 1, column.fullType().lastIndexOf(')')).split(",")) {
                labels.add(part.strip().replaceAll("^'|'$", "").replace("''", "'"));
            }
        }
        if (column.nullable()) {
            edges.add(null);
        }
        edges.addAll(edgeValues());
    }

    /** A PostgreSQL enum's labels are in the catalogue, not in the type's name: read them before generating. */
    void readLabels(Connection c) throws SQLException {
        if (kind != SourceDb.PG || !column.type().equals("enum")) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = ?::regtype ORDER BY e.enumsortorder")) {
            ps.setString(1, column.fullType());
            List<String> read = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read.add(rs.getString(1));
                }
            }
            labels = read;
        }
    }

    SourceColumn column() {
        return column;
    }

    /** The next value: an edge with probability {@code edgeProbability}, else an ordinary one. */
    Object next(Random random, Faker faker, double edgeProbability) {
        if (!edges.isEmpty() && random.nextDouble() < edgeProbability) {
            return edges.get(random.nextInt(edges.size()));
        }
        return ordinary(random, faker);
    }

    /** Refuses, before any event, a key column {@link #unique} cannot make values for. */
    void requireKeyable() {
        boolean keyable = switch (form) {
            case INTEGER, DECIMAL, UUID, DATE, TIMESTAMP -> true;
            case TEXT -> !enumLike();
            default -> false;
        };
        if (!keyable) {
            throw new CookbookException("The generator cannot make keys of " + column.fullType() + " (column " + column.name() + ").",
                    "Generate events on a table whose key is an integer, a decimal, text, a uuid, a date or a timestamp"
                            + " without time zone (MySQL: datetime).");
        }
    }

    /** A value no other row has had from this generator: the key columns' part of a new row. */
    Object unique(long n, Random random) {
        return switch (form) {
            case INTEGER -> integerOfType(n);
            // the column's smallest steps, 0.01, 0.02, ...: numeric(4,2) holds 9,999 keys, none of them past its precision
            case DECIMAL -> BigDecimal.valueOf(n).movePointLeft(Math.max(column.scale(), 0)).setScale(Math.max(column.scale(), 0),
                    RoundingMode.UNNECESSARY);
            case UUID -> kind == SourceDb.PG ? new UUID(random.nextLong(), n) : new UUID(random.nextLong(), n).toString();
            // n first, so that a short column still holds a unique key; the random tail spreads the sort order
            case TEXT -> fit(Long.toString(n, 36) + "-" + Long.toString(random.nextLong() & 0xffff, 36));
            case DATE -> LocalDate.of(1950, 1, 1).plusDays(n);
            case TIMESTAMP -> LocalDateTime.of(2000, 1, 1, 0, 0).plusSeconds(n);
            default -> throw new IllegalStateException("not a key requireKeyable() lets through: " + column.fullType());
        };
    }

    /**
     * How many keys {@link #unique} can make, 1 to this: an integer type's largest value, a decimal's
     * 10^precision - 1 steps, MySQL YEAR's 255 years; as good as unbounded otherwise.
     */
    long keyCapacity() {
        return switch (form) {
            case INTEGER -> switch (column.type()) {
                case "tinyint" -> column.unsigned() ? 255 : 127;
                case "smallint" -> column.unsigned() ? 65_535 : 32_767;
                case "mediumint" -> column.unsigned() ? 16_777_215 : 8_388_607;
                case "bigint" -> Long.MAX_VALUE;
                case "year" -> 255;
                default -> column.unsigned() ? 4_294_967_295L : Integer.MAX_VALUE;
            };
            case DECIMAL -> column.precision() >= 18 ? Long.MAX_VALUE : (long) Math.pow(10, column.precision()) - 1;
            default -> Long.MAX_VALUE;
        };
    }

    private Object integerOfType(long n) {
        return switch (column.type()) {
            case "year" -> (int) (1900 + n); // 1901 to 2155
            case "smallint", "tinyint" -> (int) n;
            case "bigint" -> n;
            default -> (int) n;
        };
    }

    private Object ordinary(Random random, Faker faker) {
        return switch (form) {
            case INTEGER -> integer(random);
            case FLAG -> random.nextBoolean();
            case DECIMAL -> decimal(random);
            case FLOAT32 -> (float) (random.nextGaussian() * 1000);
            case FLOAT64 -> random.nextGaussian() * 1_000_000;
            case TEXT -> text(random, faker);
            case UUID -> kind == SourceDb.PG ? new UUID(random.nextLong(), random.nextLong()) : new UUID(random.nextLong(), random.nextLong()).toString();
            case JSON -> "{\"n\": " + random.nextInt(1000) + ", \"name\": \"" + faker.name().firstName() + "\", \"tags\": [\"a\", \"b\"]}";
            case BYTES -> bytes(random, 1 + random.nextInt(Math.min(64, maxLength(64))));
            case DATE -> LocalDate.of(1950, 1, 1).plusDays(random.nextInt(55_000));
            case TIMESTAMP -> LocalDateTime.of(1950, 1, 1, 0, 0).plus(random.nextLong(3_000_000_000_000_000L), ChronoUnit.MICROS) // 95 years
                    .truncatedTo(precision());
            case TIMESTAMP_UTC -> instant(LocalDateTime.of(1971, 1, 1, 0, 0).plusSeconds(random.nextInt(1_900_000_000))
                    .plusNanos(random.nextInt(1_000_000) * 1000L).truncatedTo(precision()));
            case TIME -> kind == SourceDb.PG ? LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000L) * 1000).truncatedTo(precision())
                    : mysqlTime(random.nextLong(2 * MYSQL_TIME_MICROS + 1) - MYSQL_TIME_MICROS);
            case ARRAY -> array(random, faker);
        };
    }

    private List<Object> edgeValues() {
        List<Object> e = new ArrayList<>();
        switch (form) {
            case INTEGER -> e.addAll(integerEdges());
            case FLAG -> e.addAll(List.of(true, false));
            case DECIMAL -> {
                int scale = Math.max(column.scale(), 0);
                BigDecimal largest = BigDecimal.TEN.pow(column.precision() - scale).subtract(BigDecimal.ONE.movePointLeft(scale))
                        .setScale(scale, RoundingMode.UNNECESSARY);
                e.addAll(column.unsigned() ? List.of(largest, BigDecimal.ZERO.setScale(scale))
                        : List.of(largest, largest.negate(), BigDecimal.ZERO.setScale(scale)));
            }
            case FLOAT32 -> e.addAll(List.of(0.0f, -1.5e30f, 1.0e-30f));
            case FLOAT64 -> e.addAll(List.of(0.0, -1.0e300, 1.0e-300, 0.1));
            case TEXT -> {
                if (!enumLike()) {
                    e.addAll(List.of("", fit("Zoë Ñúñez 李小龍 💡 Ærøskøbing \u0301"), fit("x".repeat(maxLength(LARGEST)))));
                }
            }
            case JSON -> e.addAll(List.of("{}", "[]", "{\"ü\": \"李 💡\", \"n\": [1, 2.5, null]}"));
            case BYTES -> e.addAll(List.of(new byte[0], new byte[]{0, -1, 16}, new byte[maxLength(LARGEST)]));
            case DATE -> e.addAll(List.of(LocalDate.of(1900, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(2038, 1, 20),
                    LocalDate.of(2299, 12, 31)));
            case TIMESTAMP -> e.addAll(List.of(LocalDateTime.of(1900, 1, 1, 0, 0), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000),
                    LocalDateTime.of(2038, 1, 19, 3, 14, 8), LocalDateTime.of(2299, 12, 31, 23, 59, 59)));
            case ARRAY -> e.addAll(arrayEdges());
            case TIME -> e.addAll(kind == SourceDb.PG
                    ? List.of(LocalTime.MIDNIGHT, LocalTime.MAX.truncatedTo(precision()), LocalTime.NOON)
                    : List.of(mysqlTime(-MYSQL_TIME_MICROS), mysqlTime(MYSQL_TIME_MICROS), mysqlTime(0), mysqlTime(-1)));
            // MySQL's TIMESTAMP holds 1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC, a day inside either end whatever the session's zone
            case TIMESTAMP_UTC -> e.addAll(kind == SourceDb.PG
                    ? List.of(instant(LocalDateTime.of(1900, 1, 1, 0, 0)), instant(LocalDateTime.of(2299, 12, 31, 23, 59, 59)))
                    : List.of(instant(LocalDateTime.of(1970, 1, 2, 0, 0)), instant(LocalDateTime.of(2038, 1, 18, 0, 0))));
        }
        return e;
    }

    private List<Object> integerEdges() {
        boolean unsigned = column.unsigned();
        return switch (column.type()) {
            case "bigint" -> unsigned ? List.of(BigDecimal.ZERO, UNSIGNED_BIGINT_MAX) : List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L);
            case "smallint" -> unsigned ? List.of(0, 65535) : List.of((int) Short.MIN_VALUE, (int) Short.MAX_VALUE, 0);
            case "tinyint" -> unsigned ? List.of(0, 255) : List.of(-128, 127, 0);
            case "mediumint" -> unsigned ? List.of(0, 16_777_215) : List.of(-8_388_608, 8_388_607, 0);
            case "year" -> List.of(1901, 2155);
            default -> unsigned ? List.of(0L, 4_294_967_295L) : List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
        };
    }

    private Object integer(Random random) {
        return switch (column.type()) {
            case "smallint" -> random.nextInt(column.unsigned() ? 65536 : 60000) - (column.unsigned() ? 0 : 30000);
            case "tinyint" -> random.nextInt(column.unsigned() ? 256 : 200) - (column.unsigned() ? 0 : 100);
            case "year" -> 1901 + random.nextInt(255);
            case "mediumint" -> random.nextInt(column.unsigned() ? 16_777_216 : 16_000_000) - (column.unsigned() ? 0 : 8_000_000);
            case "bigint" -> column.unsigned() ? new BigDecimal(new java.math.BigInteger(64, random)) : random.nextLong() >> 8;
            default -> random.nextInt(column.unsigned() ? Integer.MAX_VALUE : 2_000_000_000) - (column.unsigned() ? 0 : 1_000_000_000);
        };
    }

    private BigDecimal decimal(Random random) {
        int scale = Math.max(column.scale(), 0);
        int whole = Math.min(column.precision() - scale, 15);
        long bound = (long) Math.pow(10, whole);
        BigDecimal value = BigDecimal.valueOf(random.nextLong(bound)).add(BigDecimal.valueOf(random.nextInt(1000), 3));
        if (!column.unsigned() && random.nextBoolean()) {
            value = value.negate();
        }
        value = value.setScale(scale, RoundingMode.DOWN);
        return value.compareTo(BigDecimal.TEN.pow(column.precision() - scale)) >= 0 ? BigDecimal.ZERO.setScale(scale) : value;
    }

    private String text(Random random, Faker faker) {
        if (enumLike()) {
            return labels.get(random.nextInt(labels.size()));
        }
        return fit(faker.lorem().sentence(1 + random.nextInt(8)));
    }

    private boolean enumLike() {
        return !labels.isEmpty() || column.type().equals("enum");
    }

    /** {@code text} cut to the column's length, counted in characters (code points), as both servers count it. */
    private String fit(String text) {
        int max = maxLength(LARGEST);
        return text.codePointCount(0, text.length()) > max ? text.substring(0, text.offsetByCodePoints(0, max)) : text;
    }

    private int maxLength(int unbounded) {
        return column.length() > 0 ? Math.min(column.length(), unbounded) : unbounded;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private ChronoUnit precision() {
        return column.precision() >= 0 && column.precision() <= 3 ? ChronoUnit.MILLIS : ChronoUnit.MICROS;
    }

    /** A PostgreSQL array of up to four elements of its type, now and then a NULL among them. */
    private Object[] array(Random random, Faker faker) {
        Object[] items = new Object[random.nextInt(5)];
        for (int i = 0; i < items.length; i++) {
            items[i] = random.nextInt(8) == 0 ? null : switch (column.type()) {
                case "smallint[]" -> (short) (random.nextInt(60000) - 30000);
                case "bigint[]" -> random.nextLong() >> 8;
                case "integer[]" -> random.nextInt();
                default -> faker.lorem().word();
            };
        }
        return items;
    }

    private List<Object> arrayEdges() {
        return switch (column.type()) {
            case "smallint[]" -> List.of(new Object[0], new Object[]{null}, new Object[]{Short.MIN_VALUE, Short.MAX_VALUE});
            case "bigint[]" -> List.of(new Object[0], new Object[]{null}, new Object[]{Long.MIN_VALUE, Long.MAX_VALUE});
            case "integer[]" -> List.of(new Object[0], new Object[]{null}, new Object[]{Integer.MIN_VALUE, Integer.MAX_VALUE});
            default -> List.of(new Object[0], new Object[]{null}, new Object[]{"", "Zoë 李 💡", "with, a comma", "{braces}", "\"quoted\""});
        };
    }

    /** A MySQL TIME as the text it takes ([-]HHH:MM:SS.ffffff), cut to the column's fraction. */
    private String mysqlTime(long micros) {
        int digits = Math.max(column.precision(), 0);
        long unit = (long) Math.pow(10, 6 - digits);
        long abs = Math.abs(micros) / unit * unit;
        String text = String.format(Locale.ROOT, "%s%d:%02d:%02d", micros < 0 ? "-" : "", abs / 3_600_000_000L,
                abs / 60_000_000 % 60, abs / 1_000_000 % 60);
        return digits == 0 ? text : text + "." + String.format(Locale.ROOT, "%06d", abs % 1_000_000).substring(0, digits);
    }

    private Object instant(LocalDateTime utc) {
        return OffsetDateTime.of(utc, ZoneOffset.UTC);
    }

    /** Binds {@code value} as this column's type: PostgreSQL wants json, uuid and enums typed as "other". */
    void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (kind == SourceDb.PG && (form == ValueForm.JSON || column.type().equals("enum"))) {
            ps.setObject(index, value.toString(), Types.OTHER);
        } else if (value instanceof Object[] items) { // a PostgreSQL array of its element type
            String element = column.type().substring(0, column.type().length() - 2);
            ps.setArray(index, ps.getConnection().createArrayOf(element.equals("character varying") ? "varchar" : element, items));
        } else if (kind == SourceDb.MYSQL && value instanceof OffsetDateTime t) {
            // MySQL's TIMESTAMP takes the session's zone: the instant is written as UTC's wall clock under time_zone '+00:00'
            ps.setObject(index, t.toLocalDateTime());
        } else if (kind == SourceDb.MYSQL && value instanceof Boolean b) {
            ps.setInt(index, b ? 1 : 0);
        } else {
            ps.setObject(index, value);
        }
    }
}
