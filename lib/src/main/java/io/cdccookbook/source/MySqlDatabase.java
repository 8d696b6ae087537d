package io.cdccookbook.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** MySQL and MariaDB: Debezium reads the users table's changes from the binary log. */
final class MySqlDatabase extends SourceDatabase {

    MySqlDatabase(DbSettings db, String table) {
        super(db, table);
    }

    @Override
    public String jdbcUrl(String database) {
        // MariaDB's driver, for MySQL too: MySQL's driver takes MariaDB 10 (version "5.5.5-10...") for MySQL 5.5
        // and cuts timestamps to whole seconds. allowPublicKeyRetrieval: MySQL 8's caching_sha2_password
        // needs it when TLS is off.
        return "jdbc:mariadb://" + db.urlHost() + ":" + db.port() + "/" + (database == null ? "" : database)
                + "?connectTimeout=10000&allowPublicKeyRetrieval=true";
    }

    @Override
    protected boolean isUnknownDatabase(SQLException e) {
        return e.getErrorCode() == 1049;
    }

    @Override
    protected void createDatabase(Connection server) throws SQLException {
        try (Statement s = server.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + db.database() + " CHARACTER SET utf8mb4");
        }
    }

    /**
     * Asks the server's parser, touching nothing: PREPARE parses a CREATE TABLE of that name without running
     * it. A syntax error (1064) means the server reserves the word; anything else (no database selected, a
     * prepared statement to let go) means it is a name. A probe such as SELECT 1 FROM dual would pass, as
     * dual is the one-row table there. The word is a validated identifier, so it fits in the quotes.
     */
    @Override
    protected boolean reserves(Connection c, String word) throws SQLException {
        try (Statement s = c.createStatement()) {
            try {
                s.execute("PREPARE cdc_cookbook_name_probe FROM 'CREATE TABLE " + word + " (x INT)'");
            } catch (SQLException e) {
                return e.getErrorCode() == 1064;
            }
            s.execute("DEALLOCATE PREPARE cdc_cookbook_name_probe");
            return false;
        }
    }

    @Override
    public String createTableSql() {
        // DATETIME(6) rather than the original's TIMESTAMP: microseconds, no time zone conversion, no 2038
        // limit, and Debezium sends it as epoch microseconds just like PostgreSQL's TIMESTAMP(6).
        return """
                CREATE TABLE IF NOT EXISTS %s (
                    id INT AUTO_INCREMENT PRIMARY KEY,
                    name VARCHAR(100),
                    email VARCHAR(100),
                    address VARCHAR(100),
                    phone_number VARCHAR(50),
                    email_verified BOOLEAN DEFAULT FALSE,
                    onboarded BOOLEAN DEFAULT FALSE,
                    deleted BOOLEAN DEFAULT FALSE,
                    lang CHAR(2),
                    created_at DATETIME(6),
                    updated_at DATETIME(6)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""".formatted(table);
    }

    @Override
    protected Statement streamingStatement(Connection c) throws SQLException {
        Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        s.setFetchSize(10_000); // MariaDB's driver streams in chunks of this size
        return s;
    }

    @Override
    public int countTables(Connection c) throws SQLException {
        return Integer.parseInt(scalar(c,
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"));
    }

    @Override
    public String serverVersion(Connection c) throws SQLException {
        String version = scalar(c, "SELECT VERSION()");
        return (version.contains("MariaDB") ? "MariaDB " : "MySQL ") + version;
    }

    @Override
    public List<ReadinessCheck> cdcReadiness(Connection c) throws SQLException {
        boolean mariaDb = scalar(c, "SELECT VERSION()").contains("MariaDB");
        String cnf = mariaDb ? "the [mariadb] section of the server's .cnf" : "my.cnf";
        String onRds = " (on RDS: set it in the DB parameter group and reboot)";
        List<ReadinessCheck> checks = new ArrayList<>();

        String logBin = variable(c, "log_bin");
        checks.add("ON".equalsIgnoreCase(logBin) || "1".equals(logBin)
                ? ReadinessCheck.pass("log_bin", "ON")
                : ReadinessCheck.fail("log_bin", logBin, "Add log_bin=mysql-bin and server_id=1 to " + cnf
                + " and restart" + (mariaDb ? "." : "; on RDS, turn on automated backups.")));

        String format = variable(c, "binlog_format");
        checks.add("ROW".equalsIgnoreCase(format)
                ? ReadinessCheck.pass("binlog_format", "ROW")
                : ReadinessCheck.fail("binlog_format", format, "Set binlog_format=ROW in " + cnf
                + " and restart, or SET GLOBAL binlog_format = 'ROW'" + onRds + "."));

        String image = variable(c, "binlog_row_image");
        checks.add("FULL".equalsIgnoreCase(image)
                ? ReadinessCheck.pass("binlog_row_image", "FULL")
                : ReadinessCheck.fail("binlog_row_image", image, "Set binlog_row_image=FULL in " + cnf
                + " and restart, or SET GLOBAL binlog_row_image = 'FULL'" + onRds + "."));

        checks.add(replicationGrants(c));
        return checks;
    }

    private ReadinessCheck replicationGrants(Connection c) {
        String name = "replication privileges";
        StringBuilder grants = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
            while (rs.next()) {
                grants.append(rs.getString(1).toUpperCase(Locale.ROOT)).append('\n');
            }
        } catch (SQLException e) {
            return ReadinessCheck.fail(name, "cannot read grants: " + ConnectionErrors.firstLine(e),
                    "Ask for SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT on *.*");
        }
        String g = grants.toString();
        boolean all = g.contains("ALL PRIVILEGES ON *.*");
        boolean slave = all || g.contains("REPLICATION SLAVE") || g.contains("REPLICATION REPLICA");
        boolean client = all || g.contains("REPLICATION CLIENT") || g.contains("BINLOG MONITOR") || g.contains("SUPER");
        if (slave && client) {
            return ReadinessCheck.pass(name, db.shownUser() + (all ? " has ALL PRIVILEGES" : " may read the binlog"));
        }
        return ReadinessCheck.fail(name, db.shownUser() + " lacks " + (slave ? "" : "REPLICATION SLAVE ")
                        + (client ? "" : "REPLICATION CLIENT"),
                "Run GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '"
                        + db.shownUser() + "'@'%';");
    }

    private static String variable(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name + "'")) {
            return rs.next() ? rs.getString(2) : "(not set)";
        }
    }
}
