package io.cdccookbook.events;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.table.SourceColumn;
import io.cdccookbook.table.TableSchema;
import net.datafaker.Faker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * INSERT, UPDATE and DELETE traffic on any table the cookbook maps, from its {@link TableSchema}: inserts of
 * new keys, updates of every other column of a live row, hard deletes by key, with the weights, seed, rate and
 * batch of {@link GeneratorOptions} (the users demo's address probability and delete mode do not apply: a table
 * of one's own has no soft-delete column). Each value is type-valid ({@link ColumnValues}); with the options'
 * {@code edgeValues} probability it is one of its column's edges. It reads the live keys once, then works from
 * memory.
 */
public final class TableEventGenerator implements Generator {

    private final SourceDatabase database;
    private final TableSchema table;
    private final GeneratorOptions options;
    private final double edgeValues;
    private CommitListener listener = (events, at) -> { };
    private final List<ColumnValues> keys = new ArrayList<>();
    private final List<ColumnValues> values = new ArrayList<>();
    private final List<ColumnValues> inTableOrder = new ArrayList<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private volatile boolean stoppedEarly;

    public TableEventGenerator(SourceDatabase database, TableSchema table, GeneratorOptions options) {
        this.database = database;
        this.table = table;
        this.options = options;
        this.edgeValues = options.edgeValues();
        for (SourceColumn c : table.columns()) {
            ColumnValues column = new ColumnValues(table, c);
            inTableOrder.add(column);
            (table.primaryKey().contains(c.name()) ? keys : values).add(column);
        }
        keys.sort(Comparator.comparingInt(c -> table.primaryKey().indexOf(c.column().name())));
        keys.forEach(ColumnValues::requireKeyable);
    }

    /**
     * Tells {@code listener} when each transaction committed, with no events: a table of one's own has no
     * updated_at to see them by, so the propagation time is measured and the per-event latency is not.
     */
    @Override
    public TableEventGenerator listening(CommitListener listener) {
        this.listener = listener;
        return this;
    }

    /** Stops after the event being made; what was made is committed. */
    @Override
    public void requestStop() {
        stopRequested.set(true);
    }

    @Override
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    @Override
    public GenerationSummary run(LongConsumer progress) {
        Random random = options.seed() == null ? new Random() : new Random(options.seed());
        Faker faker = new Faker(random);
        String keyList = keys.stream().map(k -> k.column().name()).collect(Collectors.joining(", "));
        String byKey = keys.stream().map(k -> k.column().name() + " = ?").collect(Collectors.joining(" AND "));
        String insert = "INSERT INTO " + table.name() + " (" + table.columnNames().stream().collect(Collectors.joining(", "))
                + ") VALUES (" + table.columns().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        String update = values.isEmpty() ? null : "UPDATE " + table.name() + " SET "
                + values.stream().map(v -> v.column().name() + " = ?").collect(Collectors.joining(", ")) + " WHERE " + byKey;
        String delete = "DELETE FROM " + table.name() + " WHERE " + byKey;
        long inserts = 0;
        long updates = 0;
        long deletes = 0;
        long start = System.nanoTime();
        try (Connection c = database.connect()) {
            if (database.settings().kind() == SourceDb.MYSQL) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET time_zone = '+00:00'"); // TIMESTAMP values are written as the UTC instants they are
                }
            }
            for (ColumnValues column : inTableOrder) {
                column.readLabels(c);
            }
            List<Object[]> live = liveKeys(c, keyList);
            Set<String> taken = new HashSet<>();
            live.forEach(k -> taken.add(keyText(k)));
            long next = 1;
            long keyCapacity = keys.stream().mapToLong(ColumnValues::keyCapacity).min().orElse(Long.MAX_VALUE);
            c.setAutoCommit(false);
            Throttle throttle = new Throttle(options.rate());
            try (PreparedStatement ins = c.prepareStatement(insert);
                 PreparedStatement upd = update == null ? null : c.prepareStatement(update);
                 PreparedStatement del = c.prepareStatement(delete)) {
                int total = options.insertWeight() + options.updateWeight() + options.deleteWeight();
                for (long i = 0; i < options.numEvents(); i++) {
                    if (stopRequested.get()) {
                        stoppedEarly = true;
                        break;
                    }
                    throttle.awaitTurn(i);
                    int pick = random.nextInt(total);
                    if (live.isEmpty() || pick < options.insertWeight() || (upd == null && pick < options.insertWeight() + options.updateWeight())) {
                        Object[] key = new Object[keys.size()];
                        long tried = 0;
                        do { // a key no row has (a deleted one may come back: a new row of an old key)
                            if (++tried > live.size() + 1000 || next > keyCapacity) {
                                commit(c); // what was made stands, and the message says how much
                                throw new CookbookException("The generator found no new key for table " + table.name()
                                        + " after " + tried + " tries: its key columns hold no more values it can make ("
                                        + i + " events were made and committed before it).",
                                        "Widen the key's columns, lower --insert-weight, or generate on another table.");
                            }
                            long n = next++;
                            for (int k = 0; k < key.length; k++) {
                                key[k] = keys.get(k).unique(n, random);
                            }
                        } while (!taken.add(keyText(key)));
                        int at = 1;
                        for (ColumnValues column : inTableOrder) {
                            int keyAt = keys.indexOf(column);
                            column.bind(ins, at++, keyAt >= 0 ? key[keyAt] : column.next(random, faker, edgeValues));
                        }
                        ins.executeUpdate();
                        live.add(key);
                        inserts++;
                    } else if (pick < options.insertWeight() + options.updateWeight()) {
                        Object[] key = live.get(random.nextInt(live.size()));
                        int at = 1;
                        for (ColumnValues v : values) {
                            v.bind(upd, at++, v.next(random, faker, edgeValues));
                        }
                        bindKey(upd, at, key);
                        upd.executeUpdate();
                        updates++;
                    } else {
                        int index = random.nextInt(live.size());
                        bindKey(del, 1, live.get(index));
                        del.executeUpdate();
                        taken.remove(keyText(live.get(index)));
                        live.set(index, live.get(live.size() - 1));
                        live.remove(live.size() - 1);
                        deletes++;
                    }
                    if ((i + 1) % options.batch() == 0) {
                        commit(c);
                    }
                    progress.accept(i + 1);
                }
                commit(c);
            }
        } catch (SQLException e) {
            throw new CookbookException("Generating events on table " + table.name() + " failed: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("")), null, e);
        }
        return new GenerationSummary(inserts, updates, 0, deletes, 0, Duration.ofNanos(System.nanoTime() - start));
    }

    private void commit(Connection c) throws SQLException {
        c.commit();
        listener.committed(List.of(), Instant.now());
    }

    public GenerationSummary run() {
        return run(done -> { });
    }

    /** A key's values as text, to tell keys apart whether JDBC read them back or the generator made them. */
    private static String keyText(Object[] key) {
        return Arrays.stream(key).map(String::valueOf).collect(Collectors.joining("\u0000"));
    }

    private void bindKey(PreparedStatement ps, int from, Object[] key) throws SQLException {
        for (int k = 0; k < key.length; k++) {
            keys.get(k).bind(ps, from + k, key[k]);
        }
    }

    /** The keys of the rows there now, as JDBC reads them back (and binds them again). */
    private List<Object[]> liveKeys(Connection c, String keyList) throws SQLException {
        List<Object[]> live = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + keyList + " FROM " + table.name())) {
            while (rs.next()) {
                Object[] key = new Object[keys.size()];
                for (int k = 0; k < key.length; k++) {
                    Object value = rs.getObject(k + 1);
                    key[k] = value instanceof Timestamp t ? t.toLocalDateTime() : value instanceof Date d ? d.toLocalDate() : value;
                }
                live.add(key);
            }
        }
        return live;
    }
}
