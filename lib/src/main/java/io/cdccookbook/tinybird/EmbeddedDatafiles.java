package io.cdccookbook.tinybird;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tinybird/ folder, built into the library for JBang scripts run from a URL, which get the Java
 * sources and nothing else. The folder is the canonical copy: edit it, then copy each changed file here
 * (EmbeddedDatafilesTest fails until both say the same, and names the file that differs).
 */
final class EmbeddedDatafiles {

    /** Path below tinybird/ to the file's text. */
    static final Map<String, String> FILES;

    static {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/confluent.connection", """
                TYPE kafka
                KAFKA_BOOTSTRAP_SERVERS {{ tb_secret("CDC_KAFKA_BOOTSTRAP_SERVERS") }}
                KAFKA_SECURITY_PROTOCOL SASL_SSL
                KAFKA_SASL_MECHANISM PLAIN
                KAFKA_KEY {{ tb_secret("CDC_KAFKA_KEY") }}
                KAFKA_SECRET {{ tb_secret("CDC_KAFKA_SECRET") }}
                """);
        files.put("pg/datasources/pg_users_raw.datasource", """
                DESCRIPTION >
                    Every change event of the PostgreSQL users table as Debezium wrote it to Kafka: the row after the
                    change, flattened, plus __op, __source_ts_ms and __deleted ('true' on deletes). Every column is
                    Nullable, so that no event goes to quarantine for a missing value. Booleans arrive as true/false;
                    created_at and updated_at as epoch microseconds.

                SCHEMA >
                    `id` Nullable(Int32) `json:$.id`,
                    `name` Nullable(String) `json:$.name`,
                    `email` Nullable(String) `json:$.email`,
                    `address` Nullable(String) `json:$.address`,
                    `phone_number` Nullable(String) `json:$.phone_number`,
                    `email_verified` Nullable(UInt8) `json:$.email_verified`,
                    `onboarded` Nullable(UInt8) `json:$.onboarded`,
                    `deleted` Nullable(UInt8) `json:$.deleted`,
                    `lang` Nullable(String) `json:$.lang`,
                    `created_at` Nullable(Int64) `json:$.created_at`,
                    `updated_at` Nullable(Int64) `json:$.updated_at`,
                    `__op` Nullable(String) `json:$.__op`,
                    `__source_ts_ms` Nullable(Int64) `json:$.__source_ts_ms`,
                    `__deleted` Nullable(String) `json:$.__deleted`

                ENGINE "MergeTree"
                ENGINE_PARTITION_KEY "toYYYYMM(__timestamp)"
                ENGINE_SORTING_KEY "__timestamp"
                KAFKA_CONNECTION_NAME confluent
                KAFKA_TOPIC postgres_cdc_demo.public.users
                KAFKA_GROUP_ID postgres_cdc_demo.public.users_cookbook
                KAFKA_AUTO_OFFSET_RESET latest
                KAFKA_STORE_RAW_VALUE True
                """);
        files.put("pg/datasources/pg_users_latest.datasource", """
                DESCRIPTION >
                    The replica of the PostgreSQL users table: one row per id, the newest change wins. ReplacingMergeTree
                    keeps the row with the highest _version (the Kafka offset: Debezium keys events by id, so the events
                    of one id share a partition and their offsets grow) and, read with FINAL, drops the ids whose newest
                    row has _is_deleted = 1. No partition key, so that all rows of an id can be merged.

                SCHEMA >
                    `id` Int32,
                    `name` Nullable(String),
                    `email` Nullable(String),
                    `address` Nullable(String),
                    `phone_number` Nullable(String),
                    `email_verified` Nullable(UInt8),
                    `onboarded` Nullable(UInt8),
                    `deleted` Nullable(UInt8),
                    `lang` Nullable(String),
                    `created_at` Nullable(DateTime64(6)),
                    `updated_at` Nullable(DateTime64(6)),
                    `_version` UInt64,
                    `_is_deleted` UInt8

                ENGINE "ReplacingMergeTree"
                ENGINE_SORTING_KEY "id"
                ENGINE_VER "_version"
                ENGINE_IS_DELETED "_is_deleted"
                """);
        files.put("pg/materializations/pg_users_mv.pipe", """
                DESCRIPTION >
                    Copies each new event of pg_users_raw into pg_users_latest as it arrives: microseconds become
                    DateTime64(6), the Kafka offset becomes the version and __deleted = 'true' marks a hard delete.
                    Events without an id (none are expected: deletes carry the old row) are skipped.

                NODE pg_users_mv_0
                SQL >
                    SELECT
                        assumeNotNull(id) AS id,
                        name,
                        email,
                        address,
                        phone_number,
                        email_verified,
                        onboarded,
                        deleted,
                        lang,
                        fromUnixTimestamp64Micro(created_at) AS created_at,
                        fromUnixTimestamp64Micro(updated_at) AS updated_at,
                        toUInt64(__offset) AS _version,
                        toUInt8(coalesce(__deleted, '') = 'true') AS _is_deleted
                    FROM pg_users_raw
                    WHERE id IS NOT NULL

                TYPE materialized
                DATASOURCE pg_users_latest
                """);
        files.put("pg/endpoints/pg_users_api.pipe", """
                DESCRIPTION >
                    The replica's live rows, ordered by id, without the version columns: what compare-tables reads
                    and checks against the PostgreSQL table.

                TOKEN pg_users_api_read READ

                NODE pg_users_api_0
                SQL >
                    SELECT
                        id,
                        name,
                        email,
                        address,
                        phone_number,
                        email_verified,
                        onboarded,
                        deleted,
                        lang,
                        created_at,
                        updated_at
                    FROM pg_users_latest FINAL
                    WHERE _is_deleted = 0
                    ORDER BY id

                TYPE endpoint
                """);
        files.put("mysql/datasources/mysql_users_raw.datasource", """
                DESCRIPTION >
                    Every change event of the MySQL users table as Debezium wrote it to Kafka: the row after the
                    change, flattened, plus __op, __source_ts_ms and __deleted ('true' on deletes). Every column is
                    Nullable, so that no event goes to quarantine for a missing value. Booleans arrive as true/false
                    (0/1 without Debezium's boolean converter); created_at and updated_at as epoch microseconds.

                SCHEMA >
                    `id` Nullable(Int32) `json:$.id`,
                    `name` Nullable(String) `json:$.name`,
                    `email` Nullable(String) `json:$.email`,
                    `address` Nullable(String) `json:$.address`,
                    `phone_number` Nullable(String) `json:$.phone_number`,
                    `email_verified` Nullable(UInt8) `json:$.email_verified`,
                    `onboarded` Nullable(UInt8) `json:$.onboarded`,
                    `deleted` Nullable(UInt8) `json:$.deleted`,
                    `lang` Nullable(String) `json:$.lang`,
                    `created_at` Nullable(Int64) `json:$.created_at`,
                    `updated_at` Nullable(Int64) `json:$.updated_at`,
                    `__op` Nullable(String) `json:$.__op`,
                    `__source_ts_ms` Nullable(Int64) `json:$.__source_ts_ms`,
                    `__deleted` Nullable(String) `json:$.__deleted`

                ENGINE "MergeTree"
                ENGINE_PARTITION_KEY "toYYYYMM(__timestamp)"
                ENGINE_SORTING_KEY "__timestamp"
                KAFKA_CONNECTION_NAME confluent
                KAFKA_TOPIC mysql_cdc_demo.mysql_cdc_demo.users
                KAFKA_GROUP_ID mysql_cdc_demo.mysql_cdc_demo.users_cookbook
                KAFKA_AUTO_OFFSET_RESET latest
                KAFKA_STORE_RAW_VALUE True
                """);
        files.put("mysql/datasources/mysql_users_latest.datasource", """
                DESCRIPTION >
                    The replica of the MySQL users table: one row per id, the newest change wins. ReplacingMergeTree
                    keeps the row with the highest _version (the Kafka offset: Debezium keys events by id, so the events
                    of one id share a partition and their offsets grow) and, read with FINAL, drops the ids whose newest
                    row has _is_deleted = 1. No partition key, so that all rows of an id can be merged.

                SCHEMA >
                    `id` Int32,
                    `name` Nullable(String),
                    `email` Nullable(String),
                    `address` Nullable(String),
                    `phone_number` Nullable(String),
                    `email_verified` Nullable(UInt8),
                    `onboarded` Nullable(UInt8),
                    `deleted` Nullable(UInt8),
                    `lang` Nullable(String),
                    `created_at` Nullable(DateTime64(6)),
                    `updated_at` Nullable(DateTime64(6)),
                    `_version` UInt64,
                    `_is_deleted` UInt8

                ENGINE "ReplacingMergeTree"
                ENGINE_SORTING_KEY "id"
                ENGINE_VER "_version"
                ENGINE_IS_DELETED "_is_deleted"
                """);
        files.put("mysql/materializations/mysql_users_mv.pipe", """
                DESCRIPTION >
                    Copies each new event of mysql_users_raw into mysql_users_latest as it arrives: microseconds become
                    DateTime64(6), the Kafka offset becomes the version and __deleted = 'true' marks a hard delete.
                    Events without an id (none are expected: deletes carry the old row) are skipped.

                NODE mysql_users_mv_0
                SQL >
                    SELECT
                        assumeNotNull(id) AS id,
                        name,
                        email,
                        address,
                        phone_number,
                        email_verified,
                        onboarded,
                        deleted,
                        lang,
                        fromUnixTimestamp64Micro(created_at) AS created_at,
                        fromUnixTimestamp64Micro(updated_at) AS updated_at,
                        toUInt64(__offset) AS _version,
                        toUInt8(coalesce(__deleted, '') = 'true') AS _is_deleted
                    FROM mysql_users_raw
                    WHERE id IS NOT NULL

                TYPE materialized
                DATASOURCE mysql_users_latest
                """);
        files.put("mysql/endpoints/mysql_users_api.pipe", """
                DESCRIPTION >
                    The replica's live rows, ordered by id, without the version columns: what compare-tables reads
                    and checks against the MySQL table.

                TOKEN mysql_users_api_read READ

                NODE mysql_users_api_0
                SQL >
                    SELECT
                        id,
                        name,
                        email,
                        address,
                        phone_number,
                        email_verified,
                        onboarded,
                        deleted,
                        lang,
                        created_at,
                        updated_at
                    FROM mysql_users_latest FINAL
                    WHERE _is_deleted = 0
                    ORDER BY id

                TYPE endpoint
                """);
        FILES = Collections.unmodifiableMap(files);
    }

    private EmbeddedDatafiles() {
    }
}
