package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * A PostgreSQL replication slot and publication that a pipeline leaves behind when it stops (on purpose:
 * that is how it resumes). Once the pipeline is removed they must go, or the server keeps WAL for a reader
 * that never comes back.
 */
final class ReplicationSlot {

    private ReplicationSlot() {
    }

    /**
     * Fails unless the slot is free: a server process reading it means another pipeline captures this table,
     * maybe one that reached the same server by another name (localhost, 127.0.0.1). A second reader would
     * only retry, never stream, and its replica would stop at the snapshot.
     */
    static void requireFree(SourceDatabase source, String slot, String server) {
        Object reader = source.run("check replication slot " + slot, c -> state(c, slot).reader());
        if (reader != null) {
            throw new CookbookException("Replication slot " + slot + " on " + server + " is in use by server process "
                    + reader + ": another pipeline captures this table, perhaps one that names this server differently.",
                    "Stop that pipeline (Ctrl-C in its terminal) or remove it with remove-pipeline; nothing was created.");
        }
    }

    /**
     * Fails when the pipeline's publication is there but lacks one of its tables. Debezium makes the
     * publication FOR those tables, and PostgreSQL takes a dropped table out of it: a table dropped and made
     * again since the pipeline last ran would be snapshotted and then never streamed (its changes are not
     * published), and the rows of the table that was dropped would stay in the replica (DROP TABLE is no
     * change event). Only a new pipeline can follow it.
     */
    static void requirePublishes(SourceDatabase source, String publication, String schema, List<String> tables, String server) {
        List<String> missing = source.run("check publication " + publication, c -> {
            if (!exists(c, "SELECT 1 FROM pg_publication WHERE pubname = ?", publication)) {
                return List.<String>of(); // Debezium makes it with the tables
            }
            List<String> published = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT tablename FROM pg_publication_tables WHERE pubname = ?"
                    + " AND schemaname = ?")) {
                ps.setString(1, publication);
                ps.setString(2, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        published.add(rs.getString(1));
                    }
                }
            }
            return tables.stream().filter(t -> !published.contains(t)).toList();
        });
        if (!missing.isEmpty()) {
            throw new CookbookException("Table " + missing.get(0) + " on " + server + " is not in publication " + publication
                    + ", which the pipeline made with it: the table was dropped and made again (or the publication changed)"
                    + " since the pipeline last ran, and a replica cannot follow a table through DROP TABLE.",
                    "Run remove-pipeline with the same tables, then create-pipeline again for a new snapshot; nothing was created.");
        }
    }

    /** Whether the slot is there, and the server process reading it (null when none is). */
    private record State(boolean exists, Object reader) {
    }

    private static State state(Connection c, String slot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new State(true, rs.getObject(1)) : new State(false, null);
            }
        }
    }

    /** Drops both if they are there, waiting a little for a stopping reader to let go of the slot. */
    static void drop(SourceDatabase source, String slot, String publication, Consumer<String> report) {
        source.run("drop replication slot " + slot, c -> {
            dropSlot(c, slot, report);
            boolean existed = exists(c, "SELECT 1 FROM pg_publication WHERE pubname = ?", publication);
            try (Statement s = c.createStatement()) {
                s.execute("DROP PUBLICATION IF EXISTS " + publication);
            }
            report.accept(existed ? "Dropped publication " + publication + "." : "Publication " + publication + " was not there.");
            return null;
        });
    }

    private static void dropSlot(Connection c, String slot, Consumer<String> report) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            State state = state(c, slot);
            if (!state.exists()) {
                report.accept("Replication slot " + slot + " was not there.");
                return;
            }
            Object activePid = state.reader();
            if (activePid == null) {
                break;
            }
            if (attempt == 20) {
                throw new CookbookException("Replication slot " + slot + " is still in use by server process " + activePid + ".",
                        "Stop whatever captures this table, then run remove-pipeline again.");
            }
            pause(); // the stopped pipeline's connection may take a moment to go
        }
        try (PreparedStatement drop = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
            drop.setString(1, slot);
            drop.execute();
        }
        report.accept("Dropped replication slot " + slot + ".");
    }

    /** Whether {@code sql} with its one parameter finds a row. */
    static boolean exists(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
