package io.cdccookbook.replica;

import io.cdccookbook.capture.EmbeddedCapture;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.table.SourceColumn;
import io.cdccookbook.table.TableSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replica never stores Debezium's TOAST placeholder: a batch that carries one is refused whole. */
class ToastPlaceholderTest {

    @TempDir
    Path dir;

    @Test
    void aBatchWithThePlaceholderIsRefusedAndNothingOfItIsStored() throws Exception {
        TableSchema notes = new TableSchema(SourceDb.PG, "notes", List.of(new SourceColumn("id", "integer", "integer", -1, -1, -1, false),
                new SourceColumn("body", "text", "text", -1, -1, -1, true)), List.of("id"));
        String topic = "db.public.notes";
        try (LocalReplica replica = LocalReplica.open(dir.resolve("replica.duckdb"),
                List.of(new LocalReplica.Table(notes, ReplicaNames.of(SourceDb.PG, "notes"), topic)))) {
            replica.apply(List.of(new EmbeddedCapture.Change(topic, "{\"id\":1}", "{\"id\":1,\"body\":\"long\",\"__op\":\"c\"}")));
            assertThat(replica.eventCount()).isEqualTo(1);

            assertThatThrownBy(() -> replica.apply(List.of(
                    new EmbeddedCapture.Change(topic, "{\"id\":2}", "{\"id\":2,\"body\":\"fine\",\"__op\":\"c\"}"),
                    new EmbeddedCapture.Change(topic, "{\"id\":1}", "{\"id\":1,\"body\":\"__debezium_unavailable_value\",\"__op\":\"u\"}"))))
                    .isInstanceOf(SQLException.class).hasMessageContaining("as the value of body").hasMessageContaining("REPLICA IDENTITY FULL");
            assertThat(replica.eventCount()).as("the whole batch was refused").isEqualTo(1);
        }
    }

    /** Hostile run of issue 12: a text that mentions the placeholder stopped the pipeline for good. */
    @Test
    void aValueThatOnlyMentionsThePlaceholderIsStoredAndAnArrayOfItIsRefused() throws Exception {
        assertThat(LocalReplica.columnWithPlaceholder("{\"id\":5,\"body\":\"a comment on __debezium_unavailable_value\"}")).isNull();
        assertThat(LocalReplica.columnWithPlaceholder("{\"id\":5,\"body\":\"__debezium_unavailable_value\"}")).isEqualTo("body");
        assertThat(LocalReplica.columnWithPlaceholder("{\"id\":5,\"tags\":[\"__debezium_unavailable_value\"]}")).isEqualTo("tags");
        assertThat(LocalReplica.columnWithPlaceholder("{\"id\":5,\"tags\":[\"x\", \"__debezium_unavailable_value\"]}")).isNull();
        assertThat(LocalReplica.columnWithPlaceholder("{\"id\":5,\"tags\":[\"__debezium_unavailable_value\", \"__debezium_unavailable_value\"]}"))
                .as("the stand-in is a list of one").isNull();
        assertThat(LocalReplica.columnWithPlaceholder(null)).isNull();

        TableSchema notes = new TableSchema(SourceDb.PG, "notes", List.of(new SourceColumn("id", "integer", "integer", -1, -1, -1, false),
                new SourceColumn("body", "text", "text", -1, -1, -1, true)), List.of("id"));
        String topic = "db.public.notes";
        try (LocalReplica replica = LocalReplica.open(dir.resolve("replica.duckdb"),
                List.of(new LocalReplica.Table(notes, ReplicaNames.of(SourceDb.PG, "notes"), topic)))) {
            replica.apply(List.of(new EmbeddedCapture.Change(topic, "{\"id\":5}",
                    "{\"id\":5,\"body\":\"a comment mentioning __debezium_unavailable_value\",\"__op\":\"c\"}")));
            assertThat(replica.eventCount()).isEqualTo(1);
        }
    }
}
