package io.cdccookbook.confluent;

/** A Confluent Cloud environment: its id (env-...) and the name people know it by. */
public record Environment(String id, String name) {
}
