package io.cdccookbook.table;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema model read from real servers: the users demo, composite keys, and the tables it refuses. */
class SchemaReaderTest {

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void theUsersTableReadsAsTheCookbookCreatesIt(TestDatabases.Target target) {
        SourceDatabase db = target.get().database("schema_users");
        db.dropUsersTable();
        db.createUsersTable();
        boolean pg = db.settings().kind() == SourceDb.PG;

        TableSchema schema = SchemaReader.read(db);

        assertThat(schema.columnNames()).containsExactlyElementsOf(SourceDatabase.COLUMNS);
        assertThat(schema.primaryKey()).containsExactly("id");
        assertThat(schema.column("id").orElseThrow().nullable()).isFalse();
        assertThat(schema.column("name").orElseThrow()).satisfies(c -> {
            assertThat(c.type()).isEqualTo(pg ? "character varying" : "varchar");
            assertThat(c.length()).isEqualTo(100);
            assertThat(c.nullable()).isTrue();
        });
        assertThat(schema.column("email_verified").orElseThrow().fullType()).isEqualTo(pg ? "boolean" : "tinyint(1)");
        assertThat(schema.column("created_at").orElseThrow()).satisfies(c -> {
            assertThat(c.type()).isEqualTo(pg ? "timestamp without time zone" : "datetime");
            assertThat(c.precision()).isEqualTo(6);
        });
        db.dropUsersTable();
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void aCompositeKeyKeepsItsOrderAndNumbersTheirPrecision(TestDatabases.Target target) throws Exception {
        SourceDatabase db = target.get().database("schema_orders");
        TestDatabases.execute(db, "DROP TABLE IF EXISTS schema_orders",
                "CREATE TABLE schema_orders (line INT NOT NULL, order_code VARCHAR(12) NOT NULL, amount NUMERIC(10,2),"
                        + " note TEXT, PRIMARY KEY (order_code, line))");

        TableSchema schema = SchemaReader.read(db);

        assertThat(schema.primaryKey()).containsExactly("order_code", "line");
        assertThat(schema.column("amount").orElseThrow()).satisfies(c -> {
            assertThat(c.type()).isIn("numeric", "decimal");
            assertThat(c.precision()).isEqualTo(10);
            assertThat(c.scale()).isEqualTo(2);
            assertThat(c.nullable()).isTrue();
        });
        assertThat(schema.column("line").orElseThrow().precision()).as("an integer has no decimal precision").isEqualTo(-1);
        TestDatabases.execute(db, "DROP TABLE schema_orders");
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void aTableWithoutAPrimaryKeyIsRefusedWithWhyAndWhatToDo(TestDatabases.Target target) throws Exception {
        SourceDatabase db = target.get().database("schema_nokey");
        TestDatabases.execute(db, "DROP TABLE IF EXISTS schema_nokey", "CREATE TABLE schema_nokey (a INT, b TEXT)");

        assertThatThrownBy(() -> SchemaReader.read(db)).isInstanceOf(CookbookException.class)
                .satisfies(e -> assertThat(((CookbookException) e).oneLine())
                        .contains("schema_nokey has no primary key", "ReplacingMergeTree", "ADD PRIMARY KEY")
                        .doesNotContain("\n"));
        TestDatabases.execute(db, "DROP TABLE schema_nokey");
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void aMissingTableAndANameThatNeedsQuotingAreRefused(TestDatabases.Target target) {
        SourceDatabase db = target.get().database("schema_missing");

        assertThatThrownBy(() -> SchemaReader.read(SourceDatabase.of(db.settings(), "schema_missing_" + System.nanoTime())))
                .isInstanceOf(CookbookException.class).hasMessageContaining("There is no table schema_missing_");
        SourceDatabase absent = SourceDatabase.of(TestDatabases.withDatabase(db.settings(), "cdc_absent_" + System.nanoTime()), "users");
        assertThatThrownBy(() -> SchemaReader.read(absent)).hasMessageContaining("There is no table users");
        assertThat(absent.databaseIsThere()).as("reading a schema creates no database").isFalse();
        for (String name : List.of("Users", "my-table", "1users", "users; DROP TABLE users", "")) {
            assertThatThrownBy(() -> SchemaReader.read(SourceDatabase.of(db.settings(), name))).as(name).isInstanceOf(CookbookException.class)
                    .hasMessageContaining("needs quoting");
        }
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void aColumnWhoseNameTheGeneratedSqlCannotUseIsRefusedByName(TestDatabases.Target target) throws Exception {
        SourceDatabase db = target.get().database("schema_names");
        boolean pg = db.settings().kind() == SourceDb.PG;
        for (String column : List.of(pg ? "\"Mixed Case\"" : "`Mixed Case`", pg ? "\"order\"" : "`order`", "_version", "__op")) {
            TestDatabases.execute(db, "DROP TABLE IF EXISTS schema_names", "CREATE TABLE schema_names (id INT PRIMARY KEY, " + column + " INT)");
            String name = column.replaceAll("[\"`]", "");
            assertThatThrownBy(() -> SchemaReader.read(db)).as(column).isInstanceOf(CookbookException.class)
                    .satisfies(e -> assertThat(((CookbookException) e).oneLine()).contains("schema_names." + name)
                            // a name that needs quoting is one --exclude-column cannot take either (a hostile run of issue 12)
                            .contains(name.equals("Mixed Case") ? "cannot be left out either" : "--exclude-column schema_names." + name));
        }
        TestDatabases.execute(db, "DROP TABLE schema_names");
    }

    /** Hostile run of issue 12: a view and a partitioned table were reported as missing. */
    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void aViewOrAPartitionedTableIsNamedForWhatItIs(TestDatabases.Target target) throws Exception {
        SourceDatabase base = target.get().database("schema_base");
        boolean pg = base.settings().kind() == SourceDb.PG;
        TestDatabases.execute(base, "DROP VIEW IF EXISTS schema_view", "DROP TABLE IF EXISTS schema_base",
                "CREATE TABLE schema_base (id INT PRIMARY KEY)", "CREATE VIEW schema_view AS SELECT id FROM schema_base");
        assertThatThrownBy(() -> SchemaReader.read(target.get().database("schema_view"))).isInstanceOf(CookbookException.class)
                .hasMessageContaining("schema_view").hasMessageContaining("is a view, not a table");
        if (pg) {
            TestDatabases.execute(base, "DROP TABLE IF EXISTS schema_parted",
                    "CREATE TABLE schema_parted (id INT, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)");
            assertThatThrownBy(() -> SchemaReader.read(target.get().database("schema_parted"))).isInstanceOf(CookbookException.class)
                    .hasMessageContaining("is a partitioned table, not a table");
            TestDatabases.execute(base, "DROP TABLE schema_parted");
        }
        TestDatabases.execute(base, "DROP VIEW schema_view", "DROP TABLE schema_base");
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void postgresArraysAndEnumsAreNamedAndMySqlUnsignedIsSeen(TestDatabases.Target target) throws Exception {
        boolean pg = target.get().settings().kind() == SourceDb.PG;
        SourceDatabase db = target.get().database("schema_types");
        if (pg) {
            TestDatabases.execute(db, "DROP TABLE IF EXISTS schema_types", "DROP TYPE IF EXISTS schema_mood",
                    "CREATE TYPE schema_mood AS ENUM ('sad', 'happy')",
                    "CREATE TABLE schema_types (id BIGINT PRIMARY KEY, counts INT[], tags TEXT[], mood schema_mood,"
                            + " happened_at TIMESTAMP(3), at_tz TIMESTAMPTZ)");
        } else {
            TestDatabases.execute(db, "DROP TABLE IF EXISTS schema_types",
                    "CREATE TABLE schema_types (id BIGINT UNSIGNED PRIMARY KEY, mood ENUM('sad','happy'),"
                            + " happened_at DATETIME(3), at_tz TIMESTAMP(6) NULL, doc JSON,"
                            + " notes LONGTEXT, raw_doc LONGTEXT, CONSTRAINT notes CHECK (length(notes) > 0),"
                            + " CONSTRAINT other_name CHECK (json_valid(raw_doc)))");
        }

        TableSchema schema = SchemaReader.read(db);

        assertThat(schema.column("mood").orElseThrow().type()).isEqualTo("enum");
        assertThat(schema.column("happened_at").orElseThrow().precision()).isEqualTo(3);
        assertThat(schema.column("at_tz").orElseThrow().type()).isEqualTo(pg ? "timestamp with time zone" : "timestamp");
        if (pg) {
            assertThat(schema.column("counts").orElseThrow().type()).isEqualTo("integer[]");
            assertThat(schema.column("tags").orElseThrow().type()).isEqualTo("text[]");
            assertThat(schema.column("mood").orElseThrow().fullType()).isEqualTo("schema_mood");
            assertThat(schema.column("id").orElseThrow().unsigned()).isFalse();
            TestDatabases.execute(db, "DROP TABLE schema_types", "DROP TYPE schema_mood");
        } else {
            assertThat(schema.column("id").orElseThrow().unsigned()).isTrue();
            assertThat(schema.column("mood").orElseThrow().fullType()).isEqualTo("enum('sad','happy')");
            // MariaDB's JSON is LONGTEXT with CHECK (json_valid(doc)) named doc: read as the json it was declared
            assertThat(schema.column("doc").orElseThrow().type()).isEqualTo("json");
            assertThat(schema.column("notes").orElseThrow().type()).as("another check").isEqualTo("longtext");
            assertThat(schema.column("raw_doc").orElseThrow().type()).as("a check named otherwise").isEqualTo("longtext");
            TestDatabases.execute(db, "DROP TABLE schema_types");
        }
    }

}
