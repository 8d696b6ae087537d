package io.cdccookbook.bench;

import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.GenerationSummary;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the event generator against the ceiling for its workload: a bare loop of single-row
 * INSERT + COMMIT on one connection, on the same server, in the same run. Both use their own scratch
 * table, dropped afterwards.
 */
public final class GeneratorBenchmark {

    /** Events per second of both loops (median of the rounds), and the generator's share of the ceiling. */
    public record Result(int events, List<Double> bareLoopRounds, List<GenerationSummary> generatorRounds) {

        public double bareLoopPerSecond() {
            return median(bareLoopRounds);
        }

        public double generatorPerSecond() {
            return median(generatorRounds.stream().map(GenerationSummary::eventsPerSecond).toList());
        }

        public double ratio() {
            return generatorPerSecond() / bareLoopPerSecond();
        }

        @Override
        public String toString() {
            String rounds = String.join(" / ", bareLoopRounds.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
            String generated = String.join(" / ", generatorRounds.stream()
                    .map(g -> String.format(Locale.ROOT, "%.0f", g.eventsPerSecond())).toList());
            return String.format(Locale.ROOT, """
                    bare INSERT+COMMIT loop : %,10.0f events/s  (median; rounds %s)
                    event generator         : %,10.0f events/s  (median; rounds %s)
                    generator / bare loop   : %10.1f %%
                    last generator round    : %s""",
                    bareLoopPerSecond(), rounds, generatorPerSecond(), generated, ratio() * 100,
                    generatorRounds.get(generatorRounds.size() - 1));
        }

        private static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    private final DbSettings db;

    public GeneratorBenchmark(DbSettings db) {
        this.db = db;
    }

    /**
     * A warm-up round of each loop, then {@code rounds} rounds of {@code events} events that alternate between
     * the two loops, so checkpoints and other background work of the server hit both alike. The warm-up is a
     * whole round because the generator's code (Datafaker's above all) takes thousands of events to be
     * compiled: a shorter one measured the JIT compiler rather than the generator.
     */
    public Result run(int events, int rounds, long seed) throws SQLException {
        bareLoop(events);
        generator(events, seed);
        List<Double> bare = new ArrayList<>();
        List<GenerationSummary> generated = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            bare.add(bareLoop(events));
            generated.add(generator(events, seed + round));
        }
        return new Result(events, bare, generated);
    }

    private double bareLoop(int events) throws SQLException {
        SourceDatabase scratch = SourceDatabase.of(db, "users_bench_bare");
        scratch.dropUsersTable();
        scratch.createUsersTable();
        try (Connection c = scratch.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO users_bench_bare (name, email, address, "
                     + "phone_number, email_verified, onboarded, deleted, lang, created_at, updated_at) "
                     + "VALUES (?, ?, ?, ?, FALSE, FALSE, FALSE, ?, ?, ?)")) {
            c.setAutoCommit(false);
            LocalDateTime now = LocalDateTime.now();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                insert.setString(1, "Ada Lovelace");
                insert.setString(2, "ada@example.com");
                insert.setString(3, "12 St James's Square, London");
                insert.setString(4, "+44 20 7946 0000");
                insert.setString(5, "EN");
                insert.setObject(6, now);
                insert.setObject(7, now);
                insert.executeUpdate();
                c.commit();
            }
            return events / ((System.nanoTime() - start) / 1e9);
        } finally {
            scratch.dropUsersTable();
        }
    }

    private GenerationSummary generator(int events, long seed) {
        SourceDatabase scratch = SourceDatabase.of(db, "users_bench");
        scratch.dropUsersTable();
        scratch.createUsersTable();
        try {
            return new EventGenerator(scratch, GeneratorOptions.defaults(events).withSeed(seed)).run();
        } finally {
            scratch.dropUsersTable();
        }
    }
}
