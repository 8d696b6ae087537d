package io.cdccookbook.pipeline;

import io.cdccookbook.compare.Comparer;
import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.config.Settings;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.events.TableEventGenerator;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.table.ColumnType;
import io.cdccookbook.table.SchemaReader;
import io.cdccookbook.table.SourceColumn;
import io.cdccookbook.table.TableSchema;
import io.cdccookbook.table.ValueForm;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The type round trip: a table with a column of every type the cookbook maps (and a composite key), seeded
 * runs of the generator with edge values, captured by Debezium into the local replica; every run ends with
 * zero differences between the source and the endpoint.
 */
class TypeRoundTripTest {

    static final String TABLE = "every_type_rt";

    @TempDir
    Path state;

    static List<String> ddl(SourceDb kind) {
        if (kind == SourceDb.PG) {
            return List.of("DROP TABLE IF EXISTS " + TABLE, "DROP TYPE IF EXISTS mood_rt",
                    "CREATE TYPE mood_rt AS ENUM ('sad', 'ok', 'it''s fine')",
                    "CREATE TABLE " + TABLE + " (tenant varchar(12) NOT NULL, id bigint NOT NULL,"
                            + " c_smallint smallint, c_int integer NOT NULL, c_bigint bigint, c_numeric numeric(38,0), c_decimal numeric(12,4),"
                            + " c_real real, c_double double precision, c_bool boolean, c_char char(5), c_varchar varchar(30),"
                            + " c_text text, c_uuid uuid, c_json json, c_jsonb jsonb, c_bytea bytea, c_date date,"
                            + " c_ts0 timestamp(0), c_ts3 timestamp(3), c_ts6 timestamp, c_tstz timestamptz, c_enum mood_rt,"
                            + " c_time0 time(0), c_time time, c_ints integer[], c_tags text[],"
                            + " PRIMARY KEY (tenant, id))",
                    "ALTER TABLE " + TABLE + " REPLICA IDENTITY FULL"); // its text, json and bytea values could be TOASTed
        }
        return List.of("DROP TABLE IF EXISTS " + TABLE,
                "CREATE TABLE " + TABLE + " (tenant varchar(12) NOT NULL, id bigint NOT NULL,"
                        + " c_tinyint tinyint, c_tinyint_u tinyint unsigned, c_smallint smallint, c_smallint_u smallint unsigned,"
                        + " c_mediumint mediumint, c_mediumint_u mediumint unsigned, c_int int NOT NULL, c_int_u int unsigned,"
                        + " c_bigint bigint, c_bigint_u bigint unsigned, c_time time, c_time3 time(3), c_decimal38 decimal(38,10), c_decimal decimal(12,4), c_float float, c_double double,"
                        + " c_bool tinyint(1), c_bit bit(1), c_char char(5), c_varchar varchar(30), c_text text, c_longtext longtext,"
                        + " c_json json, c_blob blob, c_longblob longblob, c_varbinary varbinary(20), c_date date,"
                        + " c_dt0 datetime, c_dt3 datetime(3), c_dt6 datetime(6), c_ts timestamp(6) NULL, c_ts0 timestamp NULL,"
                        + " c_enum enum('sad', 'ok', 'it''s fine'), c_set set('x', 'y'), c_year year,"
                        + " PRIMARY KEY (tenant, id)) DEFAULT CHARSET = utf8mb4");
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void seededRunsWithEdgeValuesEndWithZeroDifferences(TestDatabases.Target t) throws Exception {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase db = server.database(TABLE);
        TestDatabases.execute(db, ddl(t.kind()).toArray(String[]::new));
        TableSchema schema = SchemaReader.read(db);
        Set<String> forms = new TreeSet<>();
        for (SourceColumn c : schema.columns()) {
            forms.add(ColumnType.of(t.kind(), TABLE, c).form().name());
        }
        Set<String> every = new TreeSet<>(Stream.of(ValueForm.values()).map(Enum::name).toList());
        if (t.kind() == SourceDb.MYSQL) {
            every.remove("ARRAY"); // MySQL has none
            every.remove("UUID"); // MySQL has none (MariaDB's uuid type is not one Debezium's MySQL connector documents)
        }
        assertThat(forms).as("a column of every form the mapping has").isEqualTo(every);
        Settings settings = Settings.of(Map.of("CDC_STATE_DIR", state.toString(), "CDC_TABLES", TABLE,
                t.kind().database.name(), TestDatabases.TEST_DATABASE));
        // rows there before the pipeline: Debezium's snapshot reads them through JDBC, not the log (a MySQL FLOAT's six digits)
        new TableEventGenerator(db, schema, GeneratorOptions.defaults(80).withSeed(7).withEdgeValues(0.3).withBatch(10)).run();
        try (LocalPipeline pipeline = LocalPipeline.start(settings, TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0)) {
            Comparer comparer = pipeline.comparer();
            // ordinary traffic with a few edges, then every value an edge: NULLs, extremes, Unicode, 1 MB
            for (GeneratorOptions run : List.of(GeneratorOptions.defaults(150).withSeed(1).withEdgeValues(0.2).withBatch(5),
                    GeneratorOptions.defaults(60).withSeed(2).withEdgeValues(1.0))) {
                PropagationRun result = PropagationRun.run(comparer, new TableEventGenerator(db, comparer.rows().table(), run), Duration.ofMillis(200),
                        Duration.ofMinutes(2), c -> { });
                assertThat(result.generated().inserts()).as("seed " + run.seed()).isPositive();
                assertThat(result.generated().updates()).isPositive();
                assertThat(result.generated().hardDeletes()).isPositive();
                assertThat(result.outcome().identical()).as("seed " + run.seed() + ": " + result.outcome().comparison().examples()).isTrue();
                assertThat(result.outcome().propagation()).as("measured from the generator's last commit").isNotNull();
            }
            assertThat(count(db, "c_bigint = " + Long.MAX_VALUE)).as("an extreme was written").isPositive();
            assertThat(count(db, "c_int = " + Integer.MIN_VALUE)).isPositive();
            assertThat(count(db, "c_smallint IS NULL")).as("a NULL was written").isPositive();
            assertThat(count(db, (t.kind() == SourceDb.PG ? "length(c_text)" : "char_length(c_longtext)") + " = " + (1 << 20)))
                    .as("a 1 MB value was written").isPositive();
            assertThat(count(db, "c_date < DATE '1970-01-01'")).as("a date before 1970").isPositive();
            assertThat(count(db, "c_date > DATE '2038-01-19'")).as("a date after 2038").isPositive();
            assertThat(comparer.compare().sourceRows()).isPositive();
        }
        new LocalPipelineRemover(line -> { }).remove(Optional.of(PipelineFolder.of(state, server.provider(), server.settings())),
                Optional.of(TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE)), settings.tables(), "users");
        assertThat(db.tableIsThere()).as("a table of the user's stays").isTrue();
        TestDatabases.execute(db, "DROP TABLE " + TABLE);
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void keysOfEveryFormTheGeneratorMakesRoundTripAndAKeySpaceThatRunsOutSaysSo(TestDatabases.Target t) throws Exception {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase keys = server.database("keys_rt");
        boolean pg = t.kind() == SourceDb.PG;
        TestDatabases.execute(keys, "DROP TABLE IF EXISTS keys_rt", "DROP TABLE IF EXISTS tiny_rt",
                "CREATE TABLE keys_rt (d date NOT NULL, u " + (pg ? "uuid" : "char(36)") + " NOT NULL, t "
                        + (pg ? "timestamp(3)" : "datetime(3)") + " NOT NULL, n numeric(6,2) NOT NULL, note varchar(20),"
                        + " PRIMARY KEY (d, u, t, n))",
                "CREATE TABLE tiny_rt (k numeric(2,1) PRIMARY KEY, note varchar(20))");
        Settings settings = Settings.of(Map.of("CDC_STATE_DIR", state.toString(), "CDC_TABLES", "keys_rt",
                t.kind().database.name(), TestDatabases.TEST_DATABASE));
        try (LocalPipeline pipeline = LocalPipeline.start(settings, TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0)) {
            Comparer comparer = pipeline.comparer();
            PropagationRun run = PropagationRun.run(comparer, new TableEventGenerator(comparer.source(), comparer.rows().table(),
                            GeneratorOptions.defaults(120).withSeed(4).withEdgeValues(0.3)),
                    Duration.ofMillis(200), Duration.ofMinutes(2), c -> { });
            assertThat(run.generated().inserts()).isPositive();
            assertThat(run.outcome().identical()).as(run.outcome().comparison().examples().toString()).isTrue();
        }
        new LocalPipelineRemover(line -> { }).remove(Optional.of(PipelineFolder.of(state, server.provider(), server.settings())),
                Optional.of(TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE)), settings.tables(), "users");

        // numeric(2,1) holds 0.1 to 9.9: 99 keys, then one line, with what was made committed
        SourceDatabase tiny = server.database("tiny_rt");
        TableEventGenerator generator = new TableEventGenerator(tiny, SchemaReader.read(tiny),
                GeneratorOptions.defaults(150).withWeights(1, 0, 0).withBatch(7));
        assertThatThrownBy(generator::run).isInstanceOf(io.cdccookbook.CookbookException.class)
                .hasMessageContaining("found no new key for table tiny_rt").hasMessageContaining("99 events were made and committed");
        assertThat(count(tiny, "tiny_rt", "k IS NOT NULL")).isEqualTo(99);
        TestDatabases.execute(keys, "DROP TABLE keys_rt", "DROP TABLE tiny_rt");
    }

    private static long count(SourceDatabase db, String table, String where) {
        return db.run("count rows", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE " + where)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static long count(SourceDatabase db, String where) {
        return db.run("count rows", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE + " WHERE " + where)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
