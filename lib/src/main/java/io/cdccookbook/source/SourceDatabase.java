package io.cdccookbook.source;

import io.cdccookbook.CookbookException;
import tech.tablesaw.api.Table;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The source side of the pipeline: one database on a PostgreSQL or MySQL/MariaDB server and the users
 * table in it. Table and database names are validated identifiers (see Settings), so they can be
 * written into SQL.
 */
public abstract class SourceDatabase {

    /** The users table of the Python original, column by column. */
    public static final List<String> COLUMNS = List.of("id", "name", "email", "address", "phone_number",
            "email_verified", "onboarded", "deleted", "lang", "created_at", "updated_at");

    protected final DbSettings db;
    protected final String table;

    protected SourceDatabase(DbSettings db, String table) {
        this.db = db;
        this.table = table;
    }

    public static SourceDatabase of(DbSettings db, String table) {
        return switch (db.kind()) {
            case PG -> new PostgresDatabase(db, table);
            case MYSQL -> new MySqlDatabase(db, table);
        };
    }

    public DbSettings settings() {
        return db;
    }

    public String table() {
        return table;
    }

    /** Connects to the database, creating it first when the server does not have it yet. */
    public Connection connect() {
        try {
            return open(db.database());
        } catch (SQLException e) {
            if (!isUnknownDatabase(e)) {
                throw ConnectionErrors.explain(e, db);
            }
        }
        try (Connection server = open(null)) {
            createDatabase(server);
        } catch (SQLException e) {
            throw new CookbookException("Cannot create database '" + db.database() + "' on " + db.address() + ": "
                    + ConnectionErrors.firstLine(e), "Create it yourself, or give " + db.kind().user.name()
                    + " the right to create databases.", e);
        }
        try {
            return open(db.database());
        } catch (SQLException e) {
            throw ConnectionErrors.explain(e, db);
        }
    }

    /** Opens a connection to {@code database}, or to the server's default database when null. */
    protected Connection open(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        if (!db.password().isEmpty()) {
            props.setProperty("password", db.password());
        }
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    public abstract String jdbcUrl(String database);

    protected abstract boolean isUnknownDatabase(SQLException e);

    protected abstract void createDatabase(Connection server) throws SQLException;

    /** CREATE TABLE IF NOT EXISTS for the users table, in this server's dialect. */
    public abstract String createTableSql();

    /** The checks a Debezium connector needs to pass before it can capture this database. */
    public abstract List<ReadinessCheck> cdcReadiness(Connection c) throws SQLException;

    /** Tables in the users table's schema (the original's connectivity check). */
    public abstract int countTables(Connection c) throws SQLException;

    public abstract String serverVersion(Connection c) throws SQLException;

    public void createUsersTable() {
        run("create table " + table, c -> {
            try (Statement s = c.createStatement()) {
                s.execute(createTableSql());
            }
            return null;
        });
    }

    public boolean tableExists(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(catalog(c), schemaPattern(), table, new String[]{"TABLE"})) {
            return rs.next();
        }
    }

    protected String catalog(Connection c) throws SQLException {
        return c.getCatalog();
    }

    protected String schemaPattern() {
        return null;
    }

    /** The whole users table, ordered by id, as a tablesaw table. */
    public Table fetchUsers() {
        return fetchUsers(Integer.MAX_VALUE);
    }

    /** The first {@code limit} users by id, as a tablesaw table. */
    public Table fetchUsers(int limit) {
        return run("fetch " + table, c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY id"
                         + (limit == Integer.MAX_VALUE ? "" : " LIMIT " + limit))) {
                return UsersTable.read(rs, table);
            }
        });
    }

    /** Hears rows one at a time. */
    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /**
     * Streams the users table ordered by id, columns in {@link #COLUMNS} order, without holding it in
     * memory (a million rows are fine): each server's driver is told to fetch in chunks.
     */
    public void forEachUser(RowHandler handler) {
        run("read " + table, c -> {
            try (Statement s = streamingStatement(c);
                 ResultSet rs = s.executeQuery("SELECT " + String.join(", ", COLUMNS) + " FROM " + table + " ORDER BY id")) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
            return null;
        });
    }

    /** A statement whose result set streams. */
    protected abstract Statement streamingStatement(Connection c) throws SQLException;

    public long countUsers() {
        return run("count " + table, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Drops the users table; returns whether it was there. */
    public boolean dropUsersTable() {
        return run("drop " + table, c -> {
            boolean existed = tableExists(c);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
            return existed;
        });
    }

    /**
     * The connectivity check of the original (connect, count tables) followed by the CDC readiness checks
     * and the state of the users table. A failure to connect is reported as a failed row, not thrown.
     */
    public List<ReadinessCheck> check() {
        List<ReadinessCheck> checks = new java.util.ArrayList<>();
        try (Connection c = connect()) {
            checks.add(ReadinessCheck.pass("connect", serverVersion(c) + ", " + db.user() + "@" + db.address() + "/"
                    + db.database() + ", " + countTables(c) + " tables"));
            checks.addAll(cdcReadiness(c));
            checks.add(ReadinessCheck.pass("table " + table, tableExists(c)
                    ? "exists" : "not created yet (generate-events and create-pipeline create it)"));
        } catch (CookbookException e) {
            checks.add(ReadinessCheck.fail("connect", e.getMessage(), e.hint() == null ? "" : e.hint()));
        } catch (SQLException e) {
            checks.add(ReadinessCheck.fail("connect", ConnectionErrors.firstLine(e), "Run again with --verbose for details."));
        }
        return checks;
    }

    /** Runs work on a fresh connection, turning SQL failures into one readable line. */
    public <T> T run(String what, SqlWork<T> work) {
        try (Connection c = connect()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new CookbookException("Could not " + what + " on " + db.kind().displayName() + " at " + db.address()
                    + ": " + ConnectionErrors.firstLine(e), null, e);
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }

    /** The first column of the first row of a query, or null. */
    protected static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
