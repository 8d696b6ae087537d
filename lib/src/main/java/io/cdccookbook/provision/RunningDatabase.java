package io.cdccookbook.provision;

import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDatabase;

/**
 * A source database server ready to use, with a sentence saying which one it is and why it was chosen.
 * Closing it gives up this command's use of it: a container it started stops, an embedded server stops
 * when no other command uses it.
 */
public final class RunningDatabase implements AutoCloseable {

    private final DbSettings settings;
    private final DbProvider provider;
    private final String description;
    private final AutoCloseable stopper;

    public RunningDatabase(DbSettings settings, DbProvider provider, String description, AutoCloseable stopper) {
        this.settings = settings;
        this.provider = provider;
        this.description = description;
        this.stopper = stopper;
    }

    /** The same server, for a user that must not stop it (closing what this returns does nothing). */
    public static RunningDatabase borrowed(RunningDatabase db) {
        return borrowed(db.settings, db.provider, db.description);
    }

    /** A server this command did not start and must not stop: a configured one, or another command's (closing it does nothing). */
    public static RunningDatabase borrowed(DbSettings settings, DbProvider provider, String description) {
        return new RunningDatabase(settings, provider, description, () -> { });
    }

    public DbSettings settings() {
        return settings;
    }

    /** EXTERNAL, EMBEDDED or TESTCONTAINERS: what was actually used. */
    public DbProvider provider() {
        return provider;
    }

    /** Which database this is and why it was chosen, e.g. for the first line a command prints. */
    public String description() {
        return description;
    }

    public SourceDatabase database(String table) {
        return SourceDatabase.of(settings, table);
    }

    @Override
    public void close() {
        try {
            stopper.close();
        } catch (Exception e) {
            // a server that will not stop cleanly is not worth failing the command for; it is logged
            org.slf4j.LoggerFactory.getLogger(RunningDatabase.class).warn("Stopping {} failed: {}", settings, e.toString());
        }
    }
}
