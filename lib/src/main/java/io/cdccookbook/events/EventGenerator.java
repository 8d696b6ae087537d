package io.cdccookbook.events;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Makes INSERT, UPDATE and DELETE traffic on the users table, as the Python original did: weighted event
 * types, onboarding that progresses (email verified, then onboarded), an occasional change of address and
 * phone, and deletes that skip users already deleted. It reads the table once, then works from memory.
 */
public final class EventGenerator implements Generator {

    private final SourceDatabase database;
    private final GeneratorOptions options;
    private final Supplier<Connection> connections;
    private CommitListener listener = (events, at) -> { };
    private final java.util.concurrent.atomic.AtomicBoolean stopRequested = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean stoppedEarly;

    public EventGenerator(SourceDatabase database, GeneratorOptions options) {
        this(database, options, database::connect);
    }

    /** With a connection of the caller's making (tests count its commits). */
    EventGenerator(SourceDatabase database, GeneratorOptions options, Supplier<Connection> connections) {
        this.database = database;
        this.options = options;
        this.connections = connections;
    }

    /** Tells {@code listener} about each commit: which events, and when (for latency measurements). */
    @Override
    public EventGenerator listening(CommitListener listener) {
        this.listener = listener;
        return this;
    }

    /** Runs all events; {@code progress} hears the number of events done after each one. */
    @Override
    public GenerationSummary run(LongConsumer progress) {
        Random random = options.seed() == null ? new Random() : new Random(options.seed());
        FakeUsers fake = new FakeUsers(random);
        try (Connection c = connections.get()) {
            LiveUsers live = load(c);
            c.setAutoCommit(false);
            Counts counts = new Counts();
            Throttle throttle = new Throttle(options.rate());
            long start = System.nanoTime();
            List<GeneratedEvent> transaction = new ArrayList<>();
            try (UsersWriter writer = new UsersWriter(c, database.table())) {
                for (long i = 0; i < options.numEvents(); i++) {
                    if (stopRequested.get()) {
                        stoppedEarly = true;
                        break; // what was made so far is committed below and counted
                    }
                    throttle.awaitTurn(i);
                    GeneratedEvent event = apply(pickType(random, live), writer, live, fake, random, counts);
                    if (event != null) {
                        transaction.add(event);
                    }
                    if ((i + 1) % options.batch() == 0) {
                        commit(c, transaction);
                    }
                    progress.accept(i + 1);
                }
                commit(c, transaction);
            }
            return counts.summary(Duration.ofNanos(System.nanoTime() - start));
        } catch (SQLException e) {
            throw new CookbookException("Generating events on " + database.settings().address() + " failed: "
                    + e.getMessage().lines().findFirst().orElse(""), "Events committed before the failure stay; run again to go on.", e);
        }
    }

    private void commit(Connection c, List<GeneratedEvent> transaction) throws SQLException {
        c.commit();
        if (!transaction.isEmpty()) {
            listener.committed(List.copyOf(transaction), Instant.now());
            transaction.clear();
        }
    }

    public GenerationSummary run() {
        return run(done -> { });
    }

    /**
     * Asks a run to stop after the event it is making (Ctrl-C): it commits what it made and returns the
     * summary of it.
     */
    @Override
    public void requestStop() {
        stopRequested.set(true);
    }

    /** Whether the last run ended on {@link #requestStop()} before making every event. */
    @Override
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    private LiveUsers load(Connection c) throws SQLException {
        LiveUsers live = new LiveUsers();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, email_verified, onboarded FROM " + database.table()
                     + " WHERE deleted = FALSE ORDER BY id")) {
            while (rs.next()) {
                live.add(new LiveUsers.User(rs.getInt(1), rs.getBoolean(2), rs.getBoolean(3)));
            }
        }
        return live;
    }

    private EventType pickType(Random random, LiveUsers live) {
        if (live.isEmpty()) {
            return EventType.INSERT; // nobody to update or delete yet
        }
        int total = options.insertWeight() + options.updateWeight() + options.deleteWeight();
        int r = random.nextInt(total);
        if (r < options.insertWeight()) {
            return EventType.INSERT;
        }
        return r < options.insertWeight() + options.updateWeight() ? EventType.UPDATE : EventType.DELETE;
    }

    /** Makes one change; returns it, or null when its user had been deleted by someone else. */
    private GeneratedEvent apply(EventType type, UsersWriter writer, LiveUsers live, FakeUsers fake, Random random,
                                 Counts counts) throws SQLException {
        LocalDateTime now = UsersWriter.now();
        if (type == EventType.INSERT) {
            int id = writer.insert(fake.name(), fake.email(), fake.address(), fake.phoneNumber(), fake.lang(), now);
            live.add(new LiveUsers.User(id, false, false));
            counts.inserts++;
            return new GeneratedEvent(id, type, false, now);
        }
        LiveUsers.User user = live.pick(random);
        boolean hard = false;
        boolean changed;
        if (type == EventType.UPDATE) {
            changed = update(user, writer, fake, random, now);
            counts.updates += changed ? 1 : 0;
        } else {
            hard = options.deleteMode() == DeleteMode.HARD
                    || options.deleteMode() == DeleteMode.MIXED && random.nextBoolean();
            changed = hard ? writer.hardDelete(user.id) : writer.softDelete(user.id, now);
            live.remove(user);
            if (changed) {
                counts.hardDeletes += hard ? 1 : 0;
                counts.softDeletes += hard ? 0 : 1;
            }
        }
        if (!changed) {
            live.remove(user); // someone else deleted it
            counts.skipped++;
            return null;
        }
        return new GeneratedEvent(user.id, type, hard, hard ? null : now);
    }

    /**
     * The original's update: sometimes a new address and phone, otherwise the next onboarding step. A user
     * who has finished onboarding moves house instead, so every update event changes a row (the original
     * made no change at all then).
     */
    private boolean update(LiveUsers.User user, UsersWriter writer, FakeUsers fake, Random random, LocalDateTime now)
            throws SQLException {
        if (random.nextDouble() < options.addressUpdateProbability() || user.emailVerified && user.onboarded) {
            return writer.moveHouse(user.id, fake.address(), fake.phoneNumber(), now);
        }
        if (!user.emailVerified) {
            user.emailVerified = true;
            return writer.verifyEmail(user.id, now);
        }
        user.onboarded = true;
        return writer.onboard(user.id, now);
    }

    private static final class Counts {
        long inserts;
        long updates;
        long softDeletes;
        long hardDeletes;
        long skipped;

        GenerationSummary summary(Duration elapsed) {
            return new GenerationSummary(inserts, updates, softDeletes, hardDeletes, skipped, elapsed);
        }
    }
}
