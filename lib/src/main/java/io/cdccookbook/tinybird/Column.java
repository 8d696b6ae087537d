package io.cdccookbook.tinybird;

/**
 * One column of a data source's SCHEMA.
 *
 * @param name     the column's name
 * @param type     its ClickHouse type, e.g. {@code Nullable(Int32)}
 * @param jsonPath where a Kafka or NDJSON data source reads it from, e.g. {@code $.id}; null for a data
 *                 source filled by SQL (a materialized view's target)
 */
public record Column(String name, String type, String jsonPath) {
}
