package io.cdccookbook.source;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Setting;
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

    /** The table's name, for messages. */
    public String shownTable() {
        return io.cdccookbook.config.Redactor.shown(table);
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
            String problem = nameProblem(server);
            if (problem != null) {
                throw new CookbookException(problem, NAME_HINT);
            }
            createDatabase(server);
        } catch (SQLException e) {
            throw new CookbookException("Cannot create database '" + db.shownDatabase() + "' on " + db.address() + ": "
                    + ConnectionErrors.firstLine(e), "Create it yourself, or give " + db.kind().user.name()
                    + " the right to create databases.", e);
        }
        try {
            return open(db.database());
        } catch (SQLException e) {
            throw ConnectionErrors.explain(e, db);
        }
    }

    /** Why the database cannot be reached now, in one line; null when it can. */
    public String unreachable() {
        try (Connection c = open(db.database())) {
            return null;
        } catch (SQLException e) {
            return ConnectionErrors.explain(e, db).getMessage();
        }
    }

    /** Whether the database is on the server, asked without creating it. */
    public boolean databaseIsThere() {
        try (Connection c = open(db.database())) {
            return true;
        } catch (SQLException e) {
            if (isUnknownDatabase(e)) {
                return false;
            }
            throw ConnectionErrors.explain(e, db);
        }
    }

    /** Whether the table is there, asked without creating the database. */
    public boolean tableIsThere() {
        try (Connection c = open(db.database())) {
            return tableExists(c);
        } catch (SQLException e) {
            if (isUnknownDatabase(e)) {
                return false;
            }
            throw ConnectionErrors.explain(e, db);
        }
    }

    /**
     * Why the name is not a table the cookbook can capture when it names something else (a view, a
     * PostgreSQL partitioned table), in one line; null when it names nothing or a table.
     */
    public String notATable() {
        try (Connection c = open(db.database())) {
            String kind = otherRelationKind(c);
            return kind == null ? null : notATable(kind);
        } catch (SQLException e) {
            if (isUnknownDatabase(e)) {
                return null;
            }
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

    /**
     * Whether this server reserves {@code word}, so that it cannot name a table or database unquoted. The
     * names go unquoted into SQL, Debezium's include lists and DuckDB, so a reserved one must be refused
     * before anything is made, not found out by the CREATE that fails half-way.
     */
    protected abstract boolean reserves(Connection c, String word) throws SQLException;

    /** Why the table or database name cannot be used unquoted here, in one line; null when both can. */
    String nameProblem(Connection c) throws SQLException {
        return nameProblem(c, Setting.USERS_TABLE_NAME.name() + "=" + shownTable());
    }

    /** As {@link #nameProblem(Connection)}, the table named by {@code tableNamedBy} ("USERS_TABLE_NAME=x", "--table x"). */
    private String nameProblem(Connection c, String tableNamedBy) throws SQLException {
        if (reserves(c, table)) {
            return tableNamedBy + " is a word " + db.kind().displayName() + " reserves, so it cannot name a table";
        }
        if (reserves(c, db.database())) {
            return db.kind().database.name() + "=" + db.shownDatabase() + " is a word " + db.kind().displayName()
                    + " reserves, so it cannot name a database";
        }
        return null;
    }

    /** {@link #nameProblem(Connection)}, asked on the server without creating the database. */
    public String nameProblem() {
        try (Connection c = open(null)) {
            return nameProblem(c);
        } catch (SQLException e) {
            throw ConnectionErrors.explain(e, db);
        }
    }

    private static final String NAME_HINT = "Choose another name (with _users or _db added, say); nothing was created.";

    /** Creates the table unless it is there; fails with one line when one is there with other columns. */
    public void createUsersTable() {
        run("create table " + table, c -> {
            String problem = nameProblem(c);
            if (problem != null) {
                throw new CookbookException(problem, NAME_HINT);
            }
            String otherKind = otherRelationKind(c);
            if (otherKind != null) { // CREATE TABLE IF NOT EXISTS would skip it, and the writes go through a view
                throw new CookbookException(notATable(otherKind) + ".", NOT_A_TABLE_HINT);
            }
            try (Statement s = c.createStatement()) {
                s.execute(createTableSql());
            }
            String difference = columnDifference(c);
            if (difference != null) {
                throw new CookbookException("Table " + shownTable() + " on " + db.address() + "/" + db.shownDatabase()
                        + " is not the cookbook's users table: " + difference + ".", TABLE_HINT);
            }
            return null;
        });
    }

    private static final String NOT_A_TABLE_HINT = "Set USERS_TABLE_NAME to the name of a table, or to a name not in use.";

    private String notATable(String kind) {
        return shownTable() + " on " + db.address() + "/" + db.shownDatabase() + " is a " + kind.toLowerCase(java.util.Locale.ROOT)
                + ", not a table: the cookbook captures and writes tables only";
    }

    private static final String TABLE_HINT = "Set USERS_TABLE_NAME to another name, or drop that table (drop-table) if its rows may go.";

    /**
     * How the table differs from the cookbook's users table, in words ("it has customer, which the
     * cookbook's has not"); null when it is the cookbook's or is not there. remove-pipeline drops only
     * the cookbook's.
     */
    public String foreignDifference() {
        if (!databaseIsThere()) {
            return null;
        }
        try (Connection c = open(db.database())) {
            return tableExists(c) ? columnDifference(c) : null;
        } catch (SQLException e) {
            throw ConnectionErrors.explain(e, db);
        }
    }

    /** How the existing table's columns differ from {@link #COLUMNS}, or null when they are the same. */
    String columnDifference(Connection c) throws SQLException {
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        try (ResultSet rs = c.getMetaData().getColumns(catalog(c), schemaPattern(), table, null)) {
            while (rs.next()) {
                found.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<String> missing = COLUMNS.stream().filter(col -> !found.contains(col)).toList();
        List<String> extra = found.stream().filter(col -> !COLUMNS.contains(col)).toList();
        if (missing.isEmpty() && extra.isEmpty()) {
            return null;
        }
        return (missing.isEmpty() ? "" : "it lacks " + String.join(", ", missing))
                + (missing.isEmpty() || extra.isEmpty() ? "" : " and ")
                + (extra.isEmpty() ? "" : "it has " + String.join(", ", extra) + ", which the cookbook's has not");
    }

    public boolean tableExists(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(catalog(c), schemaPattern(), table, new String[]{"TABLE"})) {
            return rs.next();
        }
    }

    /** The kind (VIEW, ...) of a relation of the table's name that is not a table, or null. */
    private String otherRelationKind(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(catalog(c), schemaPattern(), table, null)) {
            while (rs.next()) {
                String kind = rs.getString("TABLE_TYPE");
                if (kind != null && !kind.equals("TABLE")) {
                    return kind;
                }
            }
            return null;
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
     * Streams the rows of {@code query} (a SELECT on this database) without holding them in memory (a
     * million rows are fine): each server's driver is told to fetch in chunks.
     */
    public void forEachRow(String query, RowHandler handler) {
        run("read " + table, c -> {
            try (Statement s = streamingStatement(c); ResultSet rs = s.executeQuery(query)) {
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

    /** Drops the users table; returns whether it was there. A database that is not there is not made for it. */
    public boolean dropUsersTable() {
        if (!databaseIsThere()) {
            return false;
        }
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
        return check(true);
    }

    /**
     * {@link #check()} for the server of a table of the user's own ({@code usersDemo} false): its name came
     * from --table or CDC_TABLES, and the users demo's table row is not there (TableChecks reads the table).
     */
    public List<ReadinessCheck> check(boolean usersDemo) {
        List<ReadinessCheck> checks = new java.util.ArrayList<>();
        if (!db.password().isEmpty() && db.password().equals(db.user())) {
            checks.add(ReadinessCheck.warn("password", "the password of " + db.shownUser() + " is the user name",
                    "Choose another one: whoever reads the user name in a log knows the password."));
        }
        boolean databaseExists = true;
        Connection c = null;
        try {
            try {
                c = open(db.database());
            } catch (SQLException e) {
                if (!isUnknownDatabase(e)) {
                    throw ConnectionErrors.explain(e, db);
                }
                databaseExists = false; // the checks need no database: they ask the server
                c = open(null);
            }
            checks.add(ReadinessCheck.pass("connect", serverVersion(c) + ", " + db.shownUser() + "@" + db.address() + "/"
                    + db.shownDatabase() + (databaseExists ? ", " + countTables(c) + " tables" : " (not created yet)")));
            checks.addAll(cdcReadiness(c));
            String nameProblem = usersDemo ? nameProblem(c) : nameProblem(c, "--table " + shownTable() + " (or CDC_TABLES)");
            if (nameProblem != null) {
                checks.add(ReadinessCheck.fail("names", nameProblem, usersDemo ? NAME_HINT.substring(0, NAME_HINT.indexOf(';')) + "."
                        : "Rename the table, or capture another one (the cookbook's SQL does not quote names)."));
            }
            if (!usersDemo) {
                return checks;
            }
            String name = "table " + table;
            String otherKind = databaseExists ? otherRelationKind(c) : null;
            if (otherKind != null) {
                checks.add(ReadinessCheck.fail(name, notATable(otherKind), NOT_A_TABLE_HINT));
            } else if (!databaseExists || !tableExists(c)) {
                checks.add(ReadinessCheck.pass(name, "not created yet (generate-events and create-pipeline create it)"));
            } else {
                String difference = columnDifference(c);
                checks.add(difference == null ? ReadinessCheck.pass(name, "exists with the cookbook's columns")
                        : ReadinessCheck.fail(name, "is not the cookbook's users table: " + difference, TABLE_HINT));
            }
        } catch (CookbookException e) {
            checks.add(ReadinessCheck.fail("connect", e.getMessage(), e.hint() == null ? "" : e.hint()));
        } catch (SQLException e) {
            checks.add(ReadinessCheck.fail("connect", ConnectionErrors.firstLine(e), "Run again with --verbose for details."));
        } finally {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // closing a connection that failed
                }
            }
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
