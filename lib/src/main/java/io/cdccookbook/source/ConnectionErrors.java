package io.cdccookbook.source;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Redactor;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns a driver's failure to connect into one line that says what is wrong and what to change. */
final class ConnectionErrors {

    private ConnectionErrors() {
    }

    static CookbookException explain(SQLException e, DbSettings db) {
        String name = db.kind().displayName();
        String settings = db.kind().host.name() + "/" + db.kind().port.name();
        Throwable root = rootCause(e);
        String state = e.getSQLState() == null ? "" : e.getSQLState();

        if (root instanceof UnknownHostException) {
            return new CookbookException("Unknown host '" + Redactor.shown(db.host()) + "' for " + name + ".",
                    "Check " + db.kind().host.name() + ".", e);
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return new CookbookException("Cannot reach " + name + " at " + db.address() + ": connection refused.",
                    "Is the server running, and are " + settings + " right? Leave " + db.kind().host.name()
                            + " empty to use an embedded database instead.", e);
        }
        if (root instanceof SocketTimeoutException) {
            return new CookbookException("Timed out connecting to " + name + " at " + db.address() + ".",
                    "Check " + settings + " and that a firewall or security group lets this machine in.", e);
        }
        if (state.equals("28P01") || state.equals("28000") || e.getErrorCode() == 1045) {
            return new CookbookException(name + " at " + db.address() + " refused the login of user '" + db.shownUser() + "'.",
                    "Check " + db.kind().user.name() + " and " + db.kind().password.name() + ".", e);
        }
        if (state.equals("3D000") || e.getErrorCode() == 1049) {
            return new CookbookException(name + " database '" + db.shownDatabase() + "' does not exist at " + db.address() + ".",
                    "Create it, or check " + db.kind().database.name() + ".", e);
        }
        return new CookbookException(name + " at " + db.address() + " failed: " + Redactor.redact(firstLine(e)),
                "Run test-connection for a full check of " + name + ".", e);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
