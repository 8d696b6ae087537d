package io.cdccookbook.compare;

import io.cdccookbook.table.Rows;
import io.cdccookbook.table.SchemaReader;
import io.cdccookbook.table.TableSchema;
import io.cdccookbook.endpoint.EndpointClient;
import io.cdccookbook.source.SourceDatabase;

import java.util.function.Consumer;

/** Compares the source table with the endpoint once, reading both at the same time. */
public final class Comparer {

    private final SourceDatabase source;
    private final EndpointClient endpoint;
    private final Rows rows;

    /** Reads the table's schema from the source: the model decides every column's form and the key order. */
    public Comparer(SourceDatabase source, EndpointClient endpoint) {
        this(source, endpoint, SchemaReader.read(source));
    }

    /** Compares the columns of {@code schema} (the captured ones: a column left out is not compared). */
    public Comparer(SourceDatabase source, EndpointClient endpoint, TableSchema schema) {
        this.source = source;
        this.endpoint = endpoint;
        this.rows = Rows.of(schema);
    }

    public Rows rows() {
        return rows;
    }

    public SourceDatabase source() {
        return source;
    }

    public EndpointClient endpoint() {
        return endpoint;
    }

    public Comparison compare() {
        return compare(row -> { });
    }

    /** @param replicaRowSeen hears every row the endpoint returned */
    public Comparison compare(Consumer<String[]> replicaRowSeen) {
        String query = rows.sourceQuery();
        Prefetch sourceRows = new Prefetch("source", out -> source.forEachRow(query, rs -> out.accept(rows.fromResultSet(rs))));
        Prefetch replicaRows = new Prefetch("replica", out -> endpoint.forEachRow(rows, out));
        return TableComparison.compare(rows, sourceRows, replicaRows, replicaRowSeen);
    }
}
