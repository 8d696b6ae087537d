package io.cdccookbook.pipeline;

import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;

import java.nio.file.Path;
import java.util.List;

/**
 * What a running local pipeline tells other commands, in {@code pipeline.json} of its
 * {@link PipelineFolder}: its process, its database (without the password) and its endpoint.
 * generate-events, compare-tables and remove-pipeline read it to work on the same database and replica
 * when nothing names another server.
 *
 * @param pid         the pipeline's process
 * @param sourceDb    PG or MYSQL
 * @param provider    where its database came from
 * @param host        database host
 * @param port        database port
 * @param user        database user
 * @param database    database name
 * @param tables      captured tables
 * @param excludedColumns columns left out of the capture, {@code table.column}
 * @param endpointUrl base URL of the local endpoint, e.g. http://127.0.0.1:7181
 * @param pipes       name of each table's endpoint pipe, in the order of {@code tables}
 * @param folder      the pipeline's folder (its endpoint token is there)
 */
public record PipelineState(long pid, SourceDb sourceDb, DbProvider provider, String host, int port, String user,
                            String database, List<String> tables, List<String> excludedColumns, String endpointUrl, List<String> pipes, String folder) {

    /** None for a state file an older cookbook wrote. */
    @Override
    public List<String> excludedColumns() {
        return excludedColumns == null ? List.of() : excludedColumns;
    }

    /** The endpoint pipe of {@code table}, one of {@link #tables}. */
    public String pipe(String table) {
        return pipes.get(tables.indexOf(table));
    }

    /** The pipeline's database, with {@code password} (state files never hold one). */
    public DbSettings db(String password) {
        return new DbSettings(sourceDb, host, port, user, password, database);
    }

    public PipelineFolder pipelineFolder() {
        return new PipelineFolder(Path.of(folder));
    }

    /** "pid 123, PostgreSQL at 127.0.0.1:5432/shop", to name it in messages. */
    public String describe() {
        return "pid " + pid + ", " + new PipelineFolder.Server(sourceDb, provider, host, port, user, database, tables).describe();
    }
}
