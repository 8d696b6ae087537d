package io.cdccookbook.events;

import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.Table;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class EventGeneratorTest {

    private static SourceDatabase freshTable(TestDatabases.Target target, String name) {
        SourceDatabase db = target.get().database(name);
        db.dropUsersTable();
        db.createUsersTable();
        return db;
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void eventTypesFollowTheWeightsAndTheTableMatchesTheSummary(TestDatabases.Target target) {
        SourceDatabase db = freshTable(target, "users_weights");
        GenerationSummary s = new EventGenerator(db, GeneratorOptions.defaults(4_000).withSeed(7)).run();

        assertThat(s.events()).isEqualTo(4_000);
        assertThat(s.skipped()).isZero();
        double n = s.events();
        assertThat(s.inserts() / n).isCloseTo(0.30, offset(0.025));
        assertThat(s.updates() / n).isCloseTo(0.60, offset(0.025));
        assertThat(s.softDeletes() / n).isCloseTo(0.10, offset(0.025));
        assertThat(s.hardDeletes()).isZero();

        Table users = db.fetchUsers();
        assertThat(users.rowCount()).isEqualTo(s.inserts());
        assertThat(users.booleanColumn("deleted").countTrue()).isEqualTo((int) s.softDeletes());
        // onboarding progresses in order: nobody is onboarded without a verified email
        for (int i = 0; i < users.rowCount(); i++) {
            if (users.booleanColumn("onboarded").get(i)) {
                assertThat(users.booleanColumn("email_verified").get(i)).isTrue();
            }
            assertThat(FakeUsers.LANGUAGES).contains(users.stringColumn("lang").get(i));
            assertThat(users.stringColumn("updated_at").get(i)).isGreaterThanOrEqualTo(users.stringColumn("created_at").get(i));
        }
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void deletedUsersAreNeverChangedAgain(TestDatabases.Target target) {
        SourceDatabase db = freshTable(target, "users_deleted");
        new EventGenerator(db, GeneratorOptions.defaults(600).withWeights(30, 20, 50).withAddressUpdateProbability(0.5).withSeed(11)).run();
        Table before = db.fetchUsers();
        Table deletedBefore = before.where(before.booleanColumn("deleted").isTrue());
        assertThat(deletedBefore.rowCount()).isGreaterThan(50);

        // only updates from now on: each one must land on a user that is not deleted
        GenerationSummary updates = new EventGenerator(db, GeneratorOptions.defaults(2_000).withWeights(0, 1, 0).withAddressUpdateProbability(0.5).withSeed(12)).run();

        assertThat(updates.updates()).isEqualTo(2_000);
        Table after = db.fetchUsers();
        Table deletedAfter = after.where(after.booleanColumn("deleted").isTrue());
        assertThat(deletedAfter.printAll()).isEqualTo(deletedBefore.printAll());
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#all")
    void hardDeletesRemoveRowsAndMixedDoesBoth(TestDatabases.Target target) {
        SourceDatabase hard = freshTable(target, "users_hard");
        GenerationSummary h = new EventGenerator(hard, GeneratorOptions.defaults(1_000).withSeed(3).withDeleteMode(DeleteMode.HARD)).run();
        assertThat(h.hardDeletes()).isGreaterThan(50);
        assertThat(h.softDeletes()).isZero();
        Table rows = hard.fetchUsers();
        assertThat(rows.rowCount()).isEqualTo(h.inserts() - h.hardDeletes());
        assertThat(rows.booleanColumn("deleted").countTrue()).isZero();

        SourceDatabase mixed = freshTable(target, "users_mixed");
        GenerationSummary m = new EventGenerator(mixed, GeneratorOptions.defaults(1_000).withSeed(3).withDeleteMode(DeleteMode.MIXED)).run();
        assertThat(m.hardDeletes()).isGreaterThan(10);
        assertThat(m.softDeletes()).isGreaterThan(10);
        Table mixedRows = mixed.fetchUsers();
        assertThat(mixedRows.rowCount()).isEqualTo(m.inserts() - m.hardDeletes());
        assertThat(mixedRows.booleanColumn("deleted").countTrue()).isEqualTo((int) m.softDeletes());
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void theFirstEventOnAnEmptyTableIsAnInsertWhateverTheWeights(TestDatabases.Target target) {
        SourceDatabase db = freshTable(target, "users_first");
        GenerationSummary s = new EventGenerator(db, GeneratorOptions.defaults(3).withWeights(0, 0, 1).withDeleteMode(DeleteMode.HARD).withSeed(1)).run();
        // insert, then delete that user, then the table is empty again: insert
        assertThat(s.inserts()).isEqualTo(2);
        assertThat(s.hardDeletes()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void aSeedRepeatsARunExactly(TestDatabases.Target target) {
        Table first = run(freshTable(target, "users_seed_a"), 300);
        Table second = run(freshTable(target, "users_seed_b"), 300);
        first.removeColumns("created_at", "updated_at");
        second.removeColumns("created_at", "updated_at");
        assertThat(second.printAll()).isEqualTo(first.printAll());

        Table other = run(freshTable(target, "users_seed_c"), 300, 99);
        other.removeColumns("created_at", "updated_at");
        assertThat(other.printAll()).isNotEqualTo(first.printAll());
    }

    private static Table run(SourceDatabase db, int n) {
        return run(db, n, 5);
    }

    private static Table run(SourceDatabase db, int n, long seed) {
        new EventGenerator(db, GeneratorOptions.defaults(n).withSeed(seed).withDeleteMode(DeleteMode.MIXED)).run();
        Table users = db.fetchUsers();
        users.setName("users");
        return users;
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void commitsOncePerEventByDefaultAndOncePerBatchWhenAsked(TestDatabases.Target target) {
        assertThat(commitsFor(freshTable(target, "users_commit1"), 25, 1)).isEqualTo(25 + 1);
        assertThat(commitsFor(freshTable(target, "users_commit10"), 25, 10)).as("2 full batches, then the rest")
                .isEqualTo(2 + 1);
    }

    private static int commitsFor(SourceDatabase db, int events, int batch) {
        AtomicInteger commits = new AtomicInteger();
        GeneratorOptions options = GeneratorOptions.defaults(events).withSeed(1).withBatch(batch);
        new EventGenerator(db, options, () -> countingCommits(db.connect(), commits)).run();
        assertThat(db.countUsers()).isPositive();
        return commits.get();
    }

    private static Connection countingCommits(Connection real, AtomicInteger commits) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        commits.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void aRateSpacesTheEventsOut(TestDatabases.Target target) {
        SourceDatabase db = freshTable(target, "users_rate");
        GenerationSummary s = new EventGenerator(db, GeneratorOptions.defaults(21).withSeed(2).withRate(40)).run();
        // event i waits for start + i/rate: the last of 21 events at 40/s starts 0.5 s in
        assertThat(s.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(s.events()).isEqualTo(21);
    }

    @Test
    void progressHearsEveryEvent() {
        SourceDatabase db = freshTable(new TestDatabases.Target("embedded PostgreSQL", io.cdccookbook.source.SourceDb.PG,
                () -> TestDatabases.embedded(io.cdccookbook.source.SourceDb.PG)), "users_progress");
        java.util.List<Long> seen = new java.util.ArrayList<>();
        new EventGenerator(db, GeneratorOptions.defaults(5).withSeed(1)).run(seen::add);
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
}
