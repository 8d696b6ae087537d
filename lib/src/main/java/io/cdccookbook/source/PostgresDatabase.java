package io.cdccookbook.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** PostgreSQL: the users table lives in the public schema; Debezium reads it through logical decoding. */
final class PostgresDatabase extends SourceDatabase {

    PostgresDatabase(DbSettings db, String table) {
        super(db, table);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + db.urlHost() + ":" + db.port() + "/" + (database == null ? "postgres" : database)
                // currentSchema pins the search path: a database whose search_path puts another schema first must
                // not have that schema's users table created, written or dropped (Debezium captures public.users)
                + "?connectTimeout=10&ApplicationName=cdc-cookbook&currentSchema=public";
    }

    @Override
    protected boolean isUnknownDatabase(SQLException e) {
        return "3D000".equals(e.getSQLState());
    }

    @Override
    protected void createDatabase(Connection server) throws SQLException {
        try (Statement s = server.createStatement()) {
            s.execute("CREATE DATABASE " + db.database());
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // someone else created it meanwhile: fine
                throw e;
            }
        }
    }

    /**
     * The server's own keyword list: reserved (R) and type/function-name (T) keywords cannot be a table or
     * database name. A probe such as SELECT 1 FROM user would pass, as PostgreSQL reads user as a function.
     */
    @Override
    protected boolean reserves(Connection c, String word) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_get_keywords() WHERE word = ? AND catcode IN ('R', 'T')")) {
            ps.setString(1, word);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public String createTableSql() {
        // TIMESTAMP(6): microseconds, no time zone; Debezium sends them as epoch microseconds.
        return """
                CREATE TABLE IF NOT EXISTS %s (
                    id SERIAL PRIMARY KEY,
                    name VARCHAR(100),
                    email VARCHAR(100),
                    address VARCHAR(100),
                    phone_number VARCHAR(50),
                    email_verified BOOLEAN DEFAULT FALSE,
                    onboarded BOOLEAN DEFAULT FALSE,
                    deleted BOOLEAN DEFAULT FALSE,
                    lang CHAR(2),
                    created_at TIMESTAMP(6),
                    updated_at TIMESTAMP(6)
                )""".formatted(table);
    }

    @Override
    protected Statement streamingStatement(Connection c) throws SQLException {
        c.setAutoCommit(false); // PostgreSQL's driver uses a cursor only inside a transaction
        Statement s = c.createStatement();
        s.setFetchSize(10_000);
        return s;
    }

    @Override
    protected String schemaPattern() {
        return "public";
    }

    @Override
    public int countTables(Connection c) throws SQLException {
        return Integer.parseInt(scalar(c, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    @Override
    public String serverVersion(Connection c) throws SQLException {
        return "PostgreSQL " + scalar(c, "SHOW server_version");
    }

    @Override
    public List<ReadinessCheck> cdcReadiness(Connection c) throws SQLException {
        List<ReadinessCheck> checks = new ArrayList<>();
        String walLevel = scalar(c, "SHOW wal_level");
        String rdsLogical = setting(c, "rds.logical_replication");
        if ("logical".equals(walLevel)) {
            checks.add(ReadinessCheck.pass("wal_level", "logical"));
        } else if (rdsLogical != null) {
            checks.add(ReadinessCheck.fail("wal_level", walLevel + " (rds.logical_replication=" + rdsLogical + ")",
                    "Set rds.logical_replication = 1 in the instance's DB parameter group and reboot it."));
        } else {
            checks.add(ReadinessCheck.fail("wal_level", walLevel,
                    "Run ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL."));
        }

        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.rolsuper, r.rolreplication,
                       EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = 'rds_replication'
                               AND pg_has_role(current_user, g.oid, 'member'))
                FROM pg_roles r WHERE r.rolname = current_user""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            boolean superuser = rs.getBoolean(1);
            boolean replication = rs.getBoolean(2);
            boolean rds = rs.getBoolean(3);
            String user = db.shownUser();
            if (superuser || replication || rds) {
                checks.add(ReadinessCheck.pass("replication privilege",
                        user + (superuser ? " is a superuser" : replication ? " has REPLICATION" : " is in rds_replication")));
            } else {
                checks.add(ReadinessCheck.fail("replication privilege", user + " may not stream changes",
                        "Run ALTER ROLE " + user + " WITH REPLICATION; (on RDS: GRANT rds_replication TO " + user + ";)"));
            }
        }

        int maxSlots = Integer.parseInt(scalar(c, "SHOW max_replication_slots"));
        int usedSlots = Integer.parseInt(scalar(c, "SELECT COUNT(*) FROM pg_replication_slots"));
        int maxSenders = Integer.parseInt(scalar(c, "SHOW max_wal_senders"));
        if (maxSlots > usedSlots && maxSenders > 0) {
            checks.add(ReadinessCheck.pass("replication slots", (maxSlots - usedSlots) + " of " + maxSlots
                    + " free, max_wal_senders=" + maxSenders));
        } else {
            checks.add(ReadinessCheck.fail("replication slots", usedSlots + " of " + maxSlots
                            + " used, max_wal_senders=" + maxSenders,
                    "Drop unused slots (SELECT pg_drop_replication_slot(name)) or raise max_replication_slots "
                            + "and max_wal_senders, then restart PostgreSQL."));
        }
        return checks;
    }

    /** A server setting, or null when this server does not have it (e.g. rds.* outside RDS). */
    private static String setting(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT setting FROM pg_settings WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
