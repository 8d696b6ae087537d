package io.cdccookbook.table;

import io.cdccookbook.source.SourceDb;

import java.util.Locale;

/**
 * The names of the replica's parts, the same in Tinybird and in the local DuckDB replica, prefixed with
 * the source so a PostgreSQL and a MySQL pipeline can share one workspace (as in the original, whose
 * endpoints were pg_users_api_rmt and mysql_users_api_pipe).
 *
 * @param prefix e.g. pg_users or mysql_users
 */
public record ReplicaNames(String prefix) {

    public static ReplicaNames of(SourceDb kind, String table) {
        return new ReplicaNames(kind.name().toLowerCase(Locale.ROOT) + "_" + table);
    }

    /** Kafka data source: every change event, as it came. */
    public String raw() {
        return prefix + "_raw";
    }

    /** ReplacingMergeTree data source: one row per id, the latest version. */
    public String latest() {
        return prefix + "_latest";
    }

    /** Materialized pipe from raw to latest. */
    public String materialization() {
        return prefix + "_mv";
    }

    /** Endpoint pipe: the replica's rows, served at /v0/pipes/{endpoint}.json. */
    public String endpoint() {
        return prefix + "_api";
    }

    /** READ token of the endpoint. */
    public String readToken() {
        return prefix + "_api_read";
    }
}
