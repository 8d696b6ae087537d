package io.cdccookbook.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The statements the generator runs, prepared once on one connection. Every change stamps updated_at
 * (UTC, microseconds) so the replica can be checked field by field.
 */
final class UsersWriter implements AutoCloseable {

    private final PreparedStatement insert;
    private final PreparedStatement verifyEmail;
    private final PreparedStatement onboard;
    private final PreparedStatement moveHouse;
    private final PreparedStatement softDelete;
    private final PreparedStatement hardDelete;

    UsersWriter(Connection c, String table) throws SQLException {
        insert = c.prepareStatement("INSERT INTO " + table + " (name, email, address, phone_number, email_verified, "
                + "onboarded, deleted, lang, created_at, updated_at) VALUES (?, ?, ?, ?, FALSE, FALSE, FALSE, ?, ?, ?)",
                new String[]{"id"});
        verifyEmail = c.prepareStatement("UPDATE " + table + " SET email_verified = TRUE, updated_at = ? WHERE id = ?");
        onboard = c.prepareStatement("UPDATE " + table + " SET onboarded = TRUE, updated_at = ? WHERE id = ?");
        moveHouse = c.prepareStatement("UPDATE " + table + " SET address = ?, phone_number = ?, updated_at = ? WHERE id = ?");
        softDelete = c.prepareStatement("UPDATE " + table + " SET deleted = TRUE, updated_at = ? WHERE id = ?");
        hardDelete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
    }

    static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** Inserts a new user, created and updated {@code now}, and returns its id. */
    int insert(String name, String email, String address, String phone, String lang, LocalDateTime now) throws SQLException {
        insert.setString(1, name);
        insert.setString(2, email);
        insert.setString(3, address);
        insert.setString(4, phone);
        insert.setString(5, lang);
        insert.setObject(6, now);
        insert.setObject(7, now);
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            return keys.getInt(1);
        }
    }

    boolean verifyEmail(int id, LocalDateTime now) throws SQLException {
        return stamp(verifyEmail, 1, id, now);
    }

    boolean onboard(int id, LocalDateTime now) throws SQLException {
        return stamp(onboard, 1, id, now);
    }

    boolean moveHouse(int id, String address, String phone, LocalDateTime now) throws SQLException {
        moveHouse.setString(1, address);
        moveHouse.setString(2, phone);
        return stamp(moveHouse, 3, id, now);
    }

    boolean softDelete(int id, LocalDateTime now) throws SQLException {
        return stamp(softDelete, 1, id, now);
    }

    boolean hardDelete(int id) throws SQLException {
        hardDelete.setInt(1, id);
        return hardDelete.executeUpdate() == 1;
    }

    /** Sets updated_at at parameter {@code at} and the id after it, runs it; false when the row was gone. */
    private static boolean stamp(PreparedStatement ps, int at, int id, LocalDateTime now) throws SQLException {
        ps.setObject(at, now);
        ps.setInt(at + 1, id);
        return ps.executeUpdate() == 1;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : new PreparedStatement[]{insert, verifyEmail, onboard, moveHouse, softDelete, hardDelete}) {
            ps.close();
        }
    }
}
