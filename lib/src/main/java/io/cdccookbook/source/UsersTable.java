package io.cdccookbook.source;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads rows of the users table into a tablesaw table with the same column types whatever the server:
 * MySQL's BOOLEAN is a TINYINT and its drivers hand out different timestamp classes, so the columns are
 * read by name with the type the cookbook gave them. Timestamps become text with all six decimals, as
 * Tinybird shows a DateTime64(6): tablesaw's own date-time columns keep only milliseconds.
 */
public final class UsersTable {

    /** How Tinybird (ClickHouse) writes a DateTime64(6) in JSON. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private UsersTable() {
    }

    public static Table read(ResultSet rs, String name) throws SQLException {
        IntColumn id = IntColumn.create("id");
        StringColumn userName = StringColumn.create("name");
        StringColumn email = StringColumn.create("email");
        StringColumn address = StringColumn.create("address");
        StringColumn phone = StringColumn.create("phone_number");
        BooleanColumn emailVerified = BooleanColumn.create("email_verified");
        BooleanColumn onboarded = BooleanColumn.create("onboarded");
        BooleanColumn deleted = BooleanColumn.create("deleted");
        StringColumn lang = StringColumn.create("lang");
        StringColumn createdAt = StringColumn.create("created_at");
        StringColumn updatedAt = StringColumn.create("updated_at");
        while (rs.next()) {
            id.append(rs.getInt("id"));
            userName.append(rs.getString("name"));
            email.append(rs.getString("email"));
            address.append(rs.getString("address"));
            phone.append(rs.getString("phone_number"));
            appendBoolean(emailVerified, rs, "email_verified");
            appendBoolean(onboarded, rs, "onboarded");
            appendBoolean(deleted, rs, "deleted");
            lang.append(rs.getString("lang"));
            createdAt.append(timestamp(rs, "created_at"));
            updatedAt.append(timestamp(rs, "updated_at"));
        }
        return Table.create(name, id, userName, email, address, phone, emailVerified, onboarded, deleted, lang,
                createdAt, updatedAt);
    }

    /** Null stays null (tablesaw shows it as missing). */
    private static String timestamp(ResultSet rs, String name) throws SQLException {
        LocalDateTime value = rs.getObject(name, LocalDateTime.class);
        return value == null ? null : TIMESTAMP.format(value);
    }

    private static void appendBoolean(BooleanColumn column, ResultSet rs, String name) throws SQLException {
        boolean value = rs.getBoolean(name);
        if (rs.wasNull()) {
            column.appendMissing();
        } else {
            column.append(value);
        }
    }
}
