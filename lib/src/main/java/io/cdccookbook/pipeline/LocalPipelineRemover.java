package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.capture.ConnectorDefinition;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Takes one server's local pipeline apart: stops it if it runs, drops PostgreSQL's replication slot and
 * publication (else the server keeps WAL for them forever), drops the users demo's table and deletes the
 * pipeline's folder (replica, offsets, state). Every step is skipped when there is nothing to do, so it is
 * safe to run twice or after a half-made pipeline. It touches nothing of another server's pipeline, and no
 * table the cookbook did not make: the user's own tables, and a users table with other columns than the
 * cookbook's. "Removed" is the result of a last check that each of those things is gone.
 */
public final class LocalPipelineRemover {

    private final Consumer<String> report;

    public LocalPipelineRemover(Consumer<String> report) {
        this.report = report;
    }

    /**
     * @param folder   the pipeline's folder to remove, if there is one meant
     * @param database the server to drop the slot, publication and table on; empty when it is gone (a
     *                 container that ended with its pipeline)
     * @param tables     the pipeline's tables (the caller decides: an explicit setting wins over the folder)
     * @param usersTable the users demo's table, the only one the cookbook creates and so drops
     * @return what was left on purpose, one phrase each ("table users, which is not the cookbook's"); empty
     *         when everything is gone
     */
    public List<String> remove(Optional<PipelineFolder> folder, Optional<RunningDatabase> database, List<String> tables,
                               String usersTable) {
        folder.flatMap(PipelineFolder::runningState).ifPresent(this::stop);
        List<String> left = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        if (database.isEmpty()) {
            report.accept("The pipeline's database was a container, gone with the pipeline: nothing to drop there.");
        }
        database.ifPresent(db -> {
            try (db) {
                SourceDatabase source = db.database(tables.contains(usersTable) ? usersTable : tables.get(0));
                if (!source.databaseIsThere()) {
                    report.accept("Database " + source.settings().shownDatabase() + " is not on " + source.settings().address()
                            + ": no slot, publication or table to drop there.");
                    return;
                }
                ConnectorDefinition def = new ConnectorDefinition(source.settings(), tables, "", ConnectorDefinition.Flavor.POSTGRES);
                if (source.settings().kind() == SourceDb.PG) {
                    ReplicationSlot.drop(source, def.slotName(), def.publicationName(), report);
                }
                boolean mayDrop = tables.contains(usersTable) && dropTable(source, kept);
                tables.stream().filter(t -> !t.equals(usersTable)).forEach(t ->
                        report.accept("Left table " + t + " as it is: it is yours (the cookbook drops only the users demo's table)."));
                left.addAll(leftOn(source, def, mayDrop));
            }
        });
        if (folder.isPresent() && folder.get().exists()) {
            folder.get().delete();
            report.accept("Deleted the local replica, offsets and state in " + folder.get().dir() + ".");
        } else {
            report.accept("No local replica or offsets to delete.");
        }
        folder.filter(PipelineFolder::exists).ifPresent(f -> left.add("the folder " + f.dir()));
        folder.flatMap(PipelineFolder::runningState).ifPresent(s -> left.add("the running pipeline (pid " + s.pid() + ")"));
        if (!left.isEmpty()) {
            throw new CookbookException("The pipeline is not completely removed: " + String.join(", ", left) + " is still there.",
                    "Run remove-pipeline again; if it stays, remove it by hand.");
        }
        return kept;
    }

    /**
     * Drops the table only when the cookbook can have made it: a name the server reserves cannot have been
     * made unquoted, and a table with other columns than the cookbook's is someone else's, with rows that
     * are not ours to delete. Says which, in one line. Returns whether the table was the cookbook's to drop.
     */
    private boolean dropTable(SourceDatabase source, List<String> kept) {
        String reserved = source.nameProblem();
        if (reserved != null) {
            report.accept("Table " + source.shownTable() + " was never made (" + reserved + "): nothing to drop.");
            return false;
        }
        String foreign = source.foreignDifference();
        if (foreign != null) {
            report.accept("Left table " + source.shownTable() + " on " + source.settings().address() + "/" + source.settings().shownDatabase()
                    + " as it is: it is not the cookbook's users table (" + foreign + "). Drop it with drop-table if its rows may go.");
            kept.add("table " + source.shownTable() + ", which is not the cookbook's");
            return false;
        }
        report.accept(source.dropUsersTable() ? "Dropped table " + source.shownTable() + "."
                : "Table " + source.shownTable() + " was not there.");
        return true;
    }

    /** What is still on the server after the drops: checked, not assumed. */
    private static List<String> leftOn(SourceDatabase source, ConnectorDefinition def, boolean tableDropped) {
        List<String> left = new ArrayList<>();
        source.run("check what is left", c -> {
            if (tableDropped && source.tableExists(c)) {
                left.add("table " + source.shownTable());
            }
            if (source.settings().kind() == SourceDb.PG) {
                if (ReplicationSlot.exists(c, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", def.slotName())) {
                    left.add("replication slot " + def.slotName());
                }
                if (ReplicationSlot.exists(c, "SELECT 1 FROM pg_publication WHERE pubname = ?", def.publicationName())) {
                    left.add("publication " + def.publicationName());
                }
            }
            return null;
        });
        return left;
    }

    private void stop(PipelineState running) {
        if (running.pid() == ProcessHandle.current().pid()) {
            throw new CookbookException("The pipeline to remove runs in this process.", "Close it first (LocalPipeline.close()).");
        }
        ProcessHandle.of(running.pid()).ifPresent(process -> {
            report.accept("Stopping the running pipeline (pid " + running.pid() + ")...");
            process.destroy(); // SIGTERM: it stops capture and flushes its offsets
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                try {
                    process.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception gone) {
                    // the check at the end says whether it is still there
                }
            }
        });
        // the lock goes with the process; wait for the system to drop it
        for (int i = 0; i < 50 && running.pipelineFolder().isRunning(); i++) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
