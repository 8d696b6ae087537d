package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.compare.Comparer;
import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.config.Redactor;
import io.cdccookbook.config.Settings;
import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.Generator;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One pipeline of the users demo and two tables of the user's (one with a composite key): one connector
 * and slot, a replica and an endpoint per table, each compared by its own model; remove-pipeline drops the
 * users demo's table only.
 */
class SeveralTablesTest {

    @TempDir
    Path state;

    private static final String USERS = "users_several";

    private Settings settings(TestDatabases.Target t, String tables) {
        return Settings.of(Map.of("CDC_STATE_DIR", state.toString(), "USERS_TABLE_NAME", USERS, "CDC_TABLES", tables,
                t.kind().database.name(), TestDatabases.TEST_DATABASE));
    }

    /** Removes the local pipeline of {@code tables} on the target's server, as remove-pipeline does. */
    private void removePipeline(TestDatabases.Target t, List<String> tables, String usersTable) {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        new LocalPipelineRemover(line -> { }).remove(Optional.of(PipelineFolder.of(state, server.provider(), server.settings())),
                Optional.of(TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE)), tables, usersTable);
    }

    private static void createTables(SourceDatabase db, SourceDb kind) throws Exception {
        boolean pg = kind == SourceDb.PG;
        TestDatabases.execute(db, "DROP TABLE IF EXISTS orders_several", "DROP TABLE IF EXISTS items_several",
                "CREATE TABLE orders_several (tenant varchar(20) NOT NULL, id bigint NOT NULL, total numeric(12,2),"
                        + " placed_at " + (pg ? "timestamp(3)" : "datetime(3)") + ", note text, PRIMARY KEY (tenant, id))",
                "CREATE TABLE items_several (id int PRIMARY KEY, active boolean, qty smallint, price double precision,"
                        + " sold_at " + (pg ? "timestamptz" : "timestamp(6) NULL") + ")",
                "INSERT INTO orders_several VALUES ('acme', 1, 10.50, '1969-07-20 20:17:40.123', 'first'),"
                        + " ('Acme', 3, -99999999.99, '2038-01-19 03:14:08', ''), ('é', 2, NULL, NULL, NULL)",
                "INSERT INTO items_several VALUES (1, true, 32767, 1.5, '2024-02-29 11:37:03.12'), (2, NULL, -32768, NULL, NULL)");
        if (pg) { // the text column could be TOASTed: Debezium needs the whole old row
            TestDatabases.execute(db, "ALTER TABLE orders_several REPLICA IDENTITY FULL");
        }
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void threeTablesShareOnePipelineAndEachIsComparedByItsOwnModel(TestDatabases.Target t) throws Exception {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase orders = server.database("orders_several");
        server.database(USERS).dropUsersTable();
        createTables(orders, t.kind());
        Settings settings = settings(t, USERS + ",orders_several,items_several");
        try (LocalPipeline pipeline = LocalPipeline.start(settings, TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0)) {
            assertThat(pipeline.definition().tableIncludeList()).contains(".orders_several").contains(".items_several");
            TestDatabases.execute(orders, // streamed: an insert, updates of both key parts' rows, a hard delete by composite key
                    "INSERT INTO orders_several VALUES ('zeta', 9223372036854775807, 0.01, '2000-01-01 00:00:00.010', 'x')", // .010: MariaDB's driver reads .10000
                    "UPDATE orders_several SET total = total + 1, note = 'changed' WHERE tenant = 'acme'",
                    "DELETE FROM orders_several WHERE tenant = 'Acme' AND id = 3",
                    "UPDATE items_several SET active = false, price = 0.1 WHERE id = 1",
                    "DELETE FROM items_several WHERE id = 2");
            List<Comparer> comparers = pipeline.comparers();
            assertThat(comparers).extracting(c -> c.source().table()).containsExactly(USERS, "orders_several", "items_several");
            for (Comparer comparer : comparers) {
                PropagationRun run = PropagationRun.run(comparer, comparer.source().table().equals(USERS)
                        ? new EventGenerator(comparer.source(), GeneratorOptions.defaults(40).withSeed(5)) : null,
                        Duration.ofMillis(100), Duration.ofMinutes(2), c -> { });
                assertThat(run.outcome().identical()).as(comparer.source().table() + ": " + run.outcome().comparison().examples()).isTrue();
            }
            assertThat(comparers.get(1).compare().sourceRows()).isEqualTo(3);
            assertThat(comparers.get(2).compare().sourceRows()).isEqualTo(1);
            List<String> keys = new ArrayList<>();
            comparers.get(1).endpoint().forEachRow(comparers.get(1).rows(), r -> keys.add(r[0] + "/" + r[1]));
            assertThat(keys).as("the endpoint's key order, which the comparison walks").containsExactly("acme/1", "zeta/9223372036854775807", "é/2");
        }
        List<String> report = new ArrayList<>();
        new LocalPipelineRemover(line -> report.add(Redactor.redact(line))).remove(Optional.of(PipelineFolder.of(state, server.provider(), server.settings())),
                Optional.of(TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE)), settings.tables(), USERS);
        assertThat(String.join("\n", report)).contains("Dropped table " + USERS + ".",
                "Left table orders_several as it is: it is yours (the cookbook drops only the users demo's table).");
        assertThat(orders.tableIsThere()).as("the user's table stays").isTrue();
        assertThat(server.database(USERS).tableIsThere()).isFalse();
        TestDatabases.execute(orders, "DROP TABLE orders_several", "DROP TABLE items_several");
    }

    static java.util.stream.Stream<org.junit.jupiter.api.Named<TestDatabases.Target>> postgres() {
        return TestDatabases.all().filter(n -> n.getPayload().kind() == SourceDb.PG);
    }

    /**
     * A table dropped and made again while its pipeline was stopped is out of the pipeline's publication
     * (PostgreSQL takes a dropped table out): the restart would snapshot it and then stream nothing of it, and
     * keep the dropped table's rows. It is refused with the remedy; remove and create then work.
     */
    @ParameterizedTest
    @MethodSource("postgres")
    void aTableDroppedAndMadeAgainWhileThePipelineWasStoppedIsRefusedUntilItIsRemoved(TestDatabases.Target t) throws Exception {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase table = server.database("recreated_several");
        String[] make = {"DROP TABLE IF EXISTS recreated_several", "CREATE TABLE recreated_several (id int PRIMARY KEY, note varchar(20))"};
        TestDatabases.execute(table, make);
        TestDatabases.execute(table, "INSERT INTO recreated_several VALUES (1, 'before')");
        Settings settings = settings(t, "recreated_several");
        try {
            try (LocalPipeline pipeline = LocalPipeline.start(settings, TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0)) {
                assertThat(PropagationRun.await(pipeline.comparer(), Duration.ofMillis(100),
                        Duration.ofMinutes(2), c -> { }).outcome().identical()).isTrue();
            } // stopped, not removed: the slot and publication stay, to resume from
            TestDatabases.execute(table, make);
            TestDatabases.execute(table, "INSERT INTO recreated_several VALUES (2, 'after')");

            assertThatThrownBy(() -> LocalPipeline.start(settings, TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0).close())
                    .isInstanceOf(CookbookException.class)
                    .hasMessageContaining("Table recreated_several on ").hasMessageContaining("is not in publication ")
                    .satisfies(e -> assertThat(((CookbookException) e).hint()).startsWith("Run remove-pipeline with the same tables")
                            .endsWith("nothing was created."));

            removePipeline(t, settings.tables(), USERS);
            try (LocalPipeline pipeline = LocalPipeline.start(settings, TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0)) {
                TestDatabases.execute(table, "INSERT INTO recreated_several VALUES (3, 'streamed')");
                PropagationRun run = PropagationRun.await(pipeline.comparer(), Duration.ofMillis(100),
                        Duration.ofMinutes(2), c -> { });
                assertThat(run.outcome().identical()).as(run.outcome().comparison().examples().toString()).isTrue();
                assertThat(run.outcome().comparison().sourceRows()).isEqualTo(2);
            }
        } finally {
            removePipeline(t, settings.tables(), USERS);
            TestDatabases.execute(table, "DROP TABLE IF EXISTS recreated_several");
        }
    }

    /**
     * A second hostile run of issue 12: an event the replica refuses in the snapshot (the TOAST stand-in as a
     * value) killed the capture, and create-pipeline waited out its whole timeout on a replica that looked as if
     * it lagged. The local endpoint answers 503 with the reason once its capture stopped, so the wait ends with it.
     */
    @ParameterizedTest
    @MethodSource("postgres")
    void aCaptureThatStopsEndsTheWaitWithItsReasonNotATimeout(TestDatabases.Target t) throws Exception {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase table = server.database("standin_several");
        TestDatabases.execute(table, "DROP TABLE IF EXISTS standin_several", "CREATE TABLE standin_several (id int PRIMARY KEY, tags text[])",
                "ALTER TABLE standin_several REPLICA IDENTITY FULL",
                "INSERT INTO standin_several VALUES (1, ARRAY['fine']), (2, ARRAY['__debezium_unavailable_value'])");
        Settings settings = settings(t, "standin_several");
        try {
            try (LocalPipeline pipeline = LocalPipeline.start(settings, TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0)) {
                assertThatThrownBy(() -> PropagationRun.await(pipeline.comparer(), Duration.ofMillis(100), Duration.ofMinutes(10), c -> { }))
                        .isInstanceOf(CookbookException.class).hasMessageContaining("503")
                        .hasMessageContaining("capture stopped").hasMessageContaining("as the value of tags");
            }
        } finally {
            removePipeline(t, settings.tables(), USERS);
            TestDatabases.execute(table, "DROP TABLE IF EXISTS standin_several");
        }
    }

    /**
     * PostgreSQL's numeric holds NaN and ±Infinity, which no Decimal of the replicas does: they store NULL, and
     * compare-tables names the value instead of failing on it (a NumberFormatException stopped create-pipeline).
     */
    @ParameterizedTest
    @MethodSource("postgres")
    void aNumericsNanIsADifferenceCompareTablesNamesNotAFailure(TestDatabases.Target t) throws Exception {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase table = server.database("nan_several");
        TestDatabases.execute(table, "DROP TABLE IF EXISTS nan_several", "CREATE TABLE nan_several (id int PRIMARY KEY, price numeric(10,2))",
                "INSERT INTO nan_several VALUES (1, 'NaN'), (2, 12.50)");
        Settings settings = settings(t, "nan_several");
        try {
            try (LocalPipeline pipeline = LocalPipeline.start(settings, TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0)) {
                PropagationRun run = PropagationRun.await(pipeline.comparer(), Duration.ofMillis(100),
                        Duration.ofSeconds(3), c -> { });
                assertThat(run.outcome().identical()).isFalse();
                assertThat(run.outcome().comparison().examples()).containsExactly("id 1: price 'NaN' in source, NULL in replica");
            }
        } finally {
            removePipeline(t, settings.tables(), USERS);
            TestDatabases.execute(table, "DROP TABLE IF EXISTS nan_several");
        }
    }

    /**
     * Hostile run of issue 12: a pipeline folder belongs to its tables. Another list on the same server was let
     * through, rewrote the folder, failed in Debezium and left the first list's slot behind; the same tables in
     * another order are the same pipeline (one slot) and resume.
     */
    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void anotherListOfTablesOnTheServerIsRefusedAndTheSameTablesInAnotherOrderResume(TestDatabases.Target t) throws Exception {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase first = server.database("p1_several");
        TestDatabases.execute(first, "DROP TABLE IF EXISTS p1_several", "DROP TABLE IF EXISTS p2_several",
                "CREATE TABLE p1_several (id int PRIMARY KEY, n int)", "CREATE TABLE p2_several (id int PRIMARY KEY, n int)",
                "INSERT INTO p1_several VALUES (1, 1)");
        PipelineFolder folder = PipelineFolder.of(state, server.provider(), server.settings());
        try {
            LocalPipeline.start(settings(t, "p1_several,p2_several"), TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0).close();
            assertThatThrownBy(() -> LocalPipeline.start(settings(t, "p1_several"), TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0))
                    .isInstanceOf(CookbookException.class).hasMessageContaining("captures p1_several, p2_several, not p1_several.")
                    .satisfies(e -> assertThat(((CookbookException) e).hint())
                            .isEqualTo("Remove it first (remove-pipeline --table p1_several --table p2_several), or name the same tables;"
                                    + " nothing was created."));
            assertThat(folder.server().orElseThrow().tables()).as("the folder is as it was").containsExactly("p1_several", "p2_several");
            try (LocalPipeline pipeline = LocalPipeline.start(settings(t, "p2_several,p1_several"), TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0)) {
                TestDatabases.execute(first, "INSERT INTO p1_several VALUES (2, 2)", "INSERT INTO p2_several VALUES (1, 1)");
                for (Comparer comparer : pipeline.comparers()) {
                    PropagationRun run = PropagationRun.await(comparer, Duration.ofMillis(100),
                            Duration.ofMinutes(2), c -> { });
                    assertThat(run.outcome().identical()).as(comparer.source().table() + ": " + run.outcome().comparison().examples()).isTrue();
                }
            }
        } finally {
            removePipeline(t, List.of("p2_several", "p1_several"), USERS);
        }
        if (t.kind() == SourceDb.PG) {
            int slots = first.run("slots left", c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE '%p1_several%'")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(slots).as("the one slot of both orders is gone").isZero();
        }
        TestDatabases.execute(first, "DROP TABLE p1_several", "DROP TABLE p2_several");
    }

    /**
     * The generator is chosen by the table's name, as generate-events and the cloud target choose it: a table of
     * one's own with the users demo's very columns gets the table generator (edge values, no per-event latency).
     */
    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void aTableWithTheUsersDemosColumnsButAnotherNameGetsTheTableGenerator(TestDatabases.Target t) throws Exception {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        server.database(USERS).dropUsersTable();
        SourceDatabase copy = server.database("copy_several");
        copy.dropUsersTable();
        copy.createUsersTable();
        Settings settings = settings(t, USERS + ",copy_several");
        try (LocalPipeline pipeline = LocalPipeline.start(settings, TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0)) {
            List<Comparer> comparers = pipeline.comparers();
            assertThat(comparers.get(0).rows().columns()).isEqualTo(comparers.get(1).rows().columns());
            for (Comparer comparer : comparers) {
                PropagationRun run = PropagationRun.run(comparer,
                        Generator.of(comparer.source(), comparer.rows().table(), USERS, GeneratorOptions.defaults(30).withSeed(6).withEdgeValues(1.0)),
                        Duration.ofMillis(100), Duration.ofMinutes(2), c -> { });
                String table = comparer.source().table();
                assertThat(run.outcome().identical()).as(table + ": " + run.outcome().comparison().examples()).isTrue();
                assertThat(run.outcome().latencyMicros().length).as(table + ": per-event latency comes from the users demo's updated_at")
                        .matches(n -> table.equals(USERS) ? n > 0 : n == 0);
            }
        }
        removePipeline(t, settings.tables(), USERS);
        assertThat(copy.tableIsThere()).as("the user's table stays").isTrue();
        copy.dropUsersTable();
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void aTableThatCannotBeCapturedStopsTheStartWithNothingMade(TestDatabases.Target t) throws Exception {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase db = server.database("nokey_several");
        TestDatabases.execute(db, "DROP TABLE IF EXISTS nokey_several", "CREATE TABLE nokey_several (a int, b text)");
        for (String tables : List.of("nokey_several", "missing_several", USERS + ",missing_several")) {
            assertThatThrownBy(() -> LocalPipeline.start(settings(t, tables), TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0))
                    .isInstanceOf(CookbookException.class)
                    .hasMessageMatching(tables.equals("nokey_several") ? ".*has no primary key.*" : ".*There is no table missing_several.*")
                    .satisfies(e -> assertThat(((CookbookException) e).hint()).startsWith("Nothing was created"));
            assertThat(PipelineFolder.of(state, server.provider(), server.settings()).exists()).as(tables).isFalse();
        }
        assertThat(server.database(USERS).tableIsThere()).as("check first: the users table was not made").isFalse();
        // a reserved word named with --table: the message names --table, not the users demo's setting (a hostile run)
        assertThatThrownBy(() -> LocalPipeline.start(settings(t, "order"), TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0))
                .isInstanceOf(CookbookException.class)
                .satisfies(e -> assertThat(Redactor.redact(((CookbookException) e).oneLine())).as("as printed")
                        .contains("--table order (or CDC_TABLES) is a word").doesNotContain("USERS_TABLE_NAME"));
        TestDatabases.execute(db, "DROP TABLE nokey_several");
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void anUnmappableAndAGeneratedColumnAreRefusedByNameThenLeftOut(TestDatabases.Target t) throws Exception {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase shops = server.database("shops_several");
        boolean pg = t.kind() == SourceDb.PG;
        TestDatabases.execute(shops, "DROP TABLE IF EXISTS shops_several",
                "CREATE TABLE shops_several (id int PRIMARY KEY, name varchar(40), spot point, twice int "
                        + (pg ? "GENERATED ALWAYS AS (id * 2) STORED" : "AS (id * 2) STORED") + ")",
                "INSERT INTO shops_several (id, name, spot) VALUES (1, 'corner', " + (pg ? "point(1, 2)" : "POINT(1, 2)") + ")");
        Map<String, String> given = Map.of("CDC_STATE_DIR", state.toString(), "CDC_TABLES", "shops_several",
                t.kind().database.name(), TestDatabases.TEST_DATABASE);

        assertThatThrownBy(() -> LocalPipeline.start(Settings.of(given), TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0))
                .isInstanceOf(CookbookException.class).hasMessageContaining("shops_several.twice is generated")
                .hasMessageContaining("--exclude-column shops_several.twice").hasMessageNotContaining("..");
        Map<String, String> withSpotLeftOut = new java.util.HashMap<>(given);
        withSpotLeftOut.put("CDC_EXCLUDE_COLUMNS", "shops_several.twice");
        assertThatThrownBy(() -> LocalPipeline.start(Settings.of(withSpotLeftOut), TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0))
                .isInstanceOf(CookbookException.class).hasMessageContaining("shops_several.spot has the type point")
                .hasMessageContaining("--exclude-column shops_several.spot");
        withSpotLeftOut.put("CDC_EXCLUDE_COLUMNS", "shops_several.spot, shops_several.twice"); // with a space, as people write lists
        Settings settings = Settings.of(withSpotLeftOut);
        try (LocalPipeline pipeline = LocalPipeline.start(settings, TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), 0)) {
            TestDatabases.execute(shops, "INSERT INTO shops_several (id, name) VALUES (2, 'square')",
                    "UPDATE shops_several SET name = 'corner shop' WHERE id = 1");
            Comparer comparer = pipeline.comparer();
            assertThat(comparer.rows().columns()).containsExactly("id", "name");
            PropagationRun run = PropagationRun.await(comparer, Duration.ofMillis(100),
                    Duration.ofMinutes(2), c -> { });
            assertThat(run.outcome().identical()).as(run.outcome().comparison().examples().toString()).isTrue();
            assertThat(run.outcome().comparison().sourceRows()).isEqualTo(2);
            assertThat(pipeline.definition().sharedSettings().get("column.exclude.list"))
                    .isEqualTo((pg ? "public" : TestDatabases.TEST_DATABASE) + "\\.shops_several\\.spot,"
                            + (pg ? "public" : TestDatabases.TEST_DATABASE) + "\\.shops_several\\.twice");
        }
        removePipeline(t, settings.tables(), "users");
        assertThat(shops.tableIsThere()).isTrue();
        TestDatabases.execute(shops, "DROP TABLE shops_several");
    }
}
