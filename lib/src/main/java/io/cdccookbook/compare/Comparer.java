package io.cdccookbook.compare;

import io.cdccookbook.table.Rows;
import io.cdccookbook.endpoint.EndpointClient;
import io.cdccookbook.source.SourceDatabase;

import java.util.function.Consumer;

/** Compares the source table with the endpoint once, reading both at the same time. */
public final class Comparer {

    private final SourceDatabase source;
    private final EndpointClient endpoint;

    public Comparer(SourceDatabase source, EndpointClient endpoint) {
        this.source = source;
        this.endpoint = endpoint;
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
        Prefetch sourceRows = new Prefetch("source", rows -> source.forEachUser(rs -> rows.accept(Rows.fromResultSet(rs))));
        Prefetch replicaRows = new Prefetch("replica", endpoint::forEachRow);
        return TableComparison.compare(sourceRows, replicaRows, replicaRowSeen);
    }
}
