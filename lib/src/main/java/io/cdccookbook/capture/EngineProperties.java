package io.cdccookbook.capture;

import io.cdccookbook.source.SourceDb;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Renders a {@link ConnectorDefinition} as the properties of Debezium's embedded engine: the shared
 * settings, how to reach the database, where offsets (and MySQL's schema history) live, and the knobs
 * that keep commit-to-visible latency low.
 */
public final class EngineProperties {

    private EngineProperties() {
    }

    /** @param dir the pipeline's folder in the state folder: offsets.dat and schema-history.dat go there */
    public static Properties of(ConnectorDefinition def, Path dir) {
        Properties p = new Properties();
        p.setProperty("name", def.name());
        p.setProperty("connector.class", def.flavor().connectorClass);
        def.sharedSettings().forEach(p::setProperty);

        p.setProperty("database.hostname", def.db().host());
        p.setProperty("database.port", String.valueOf(def.db().port()));
        p.setProperty("database.user", def.db().user());
        p.setProperty("database.password", def.db().password());

        // offsets in a file: a restarted pipeline resumes where it stopped
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", dir.resolve("offsets.dat").toString());
        p.setProperty("offset.flush.interval.ms", "1000");

        // the key as a Kafka topic would carry it: no schema envelope (the value's converter settings are
        // among the definition's event settings; Confluent's JSON keys have no schema either)
        p.setProperty("key.converter.schemas.enable", "false");

        // latency: look for new changes every 10 ms (default 500); throughput: big batches when busy
        p.setProperty("poll.interval.ms", "10");
        p.setProperty("max.batch.size", "8192");
        p.setProperty("max.queue.size", "65536");
        p.setProperty("snapshot.fetch.size", "10240");

        if (def.kind() == SourceDb.PG) {
            p.setProperty("database.dbname", def.db().database());
            p.setProperty("plugin.name", "pgoutput");
            p.setProperty("slot.name", def.slotName());
            p.setProperty("publication.name", def.publicationName());
            p.setProperty("publication.autocreate.mode", "filtered");
            // confirm LSNs even when our table is idle, so the server can recycle WAL
            p.setProperty("lsn.flush.mode", "connector_and_driver");
        } else {
            p.setProperty("database.server.id", String.valueOf(def.serverId()));
            p.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
            p.setProperty("schema.history.internal.file.filename", dir.resolve("schema-history.dat").toString());
            p.setProperty("schema.history.internal.store.only.captured.tables.ddl", "true");
            p.setProperty("schema.history.internal.store.only.captured.databases.ddl", "true");
            p.setProperty("include.schema.changes", "false");
            // No boolean converter for TINYINT(1) (MySQL's BOOLEAN): Confluent's managed connectors take no
            // custom converters, so both targets get the stored number (0/1, or 127), and the replicas keep it.
        }
        return p;
    }
}
