package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * A PostgreSQL replication slot and publication that a pipeline leaves behind when it stops (on purpose:
 * that is how it resumes). Once the pipeline is removed they must go, or the server keeps WAL for a reader
 * that never comes back.
 */
final class ReplicationSlot {

    private ReplicationSlot() {
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
            Object activePid;
            try (PreparedStatement ps = c.prepareStatement("SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        report.accept("Replication slot " + slot + " was not there.");
                        return;
                    }
                    activePid = rs.getObject(1);
                }
            }
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
