package io.cdccookbook.capture;

import io.cdccookbook.confluent.ApiKey;
import io.cdccookbook.confluent.ConfluentConnectorConfig;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two renderings of one definition, the embedded engine's properties and the Confluent connector's
 * config, agree on everything that decides what an event carries; what only one of them has is named here,
 * so a key added to one rendering alone fails until someone decides where it belongs.
 */
class ConnectorDefinitionTest {

    @TempDir
    Path dir;

    private static ConnectorDefinition definition(ConnectorDefinition.Flavor flavor) {
        SourceDb kind = flavor == ConnectorDefinition.Flavor.POSTGRES ? SourceDb.PG : SourceDb.MYSQL;
        return new ConnectorDefinition(new DbSettings(kind, "db.example.com", kind == SourceDb.PG ? 5432 : 3306,
                "cdc_user", "pw-Qx81", "shop"), "users", "connector_0", flavor);
    }

    private static Map<String, String> confluent(ConnectorDefinition def) {
        return ConfluentConnectorConfig.render(def, new ApiKey("KEYID", "key-secret"));
    }

    @ParameterizedTest
    @EnumSource(ConnectorDefinition.Flavor.class)
    void bothRenderingsCarryEveryEventSettingWithTheSameValue(ConnectorDefinition.Flavor flavor) {
        ConnectorDefinition def = definition(flavor);
        Properties engine = EngineProperties.of(def, dir);
        Map<String, String> cloud = confluent(def);

        assertThat(def.eventSettings()).isNotEmpty();
        def.eventSettings().forEach((key, value) -> {
            assertThat(engine.getProperty(key)).as("engine's " + key).isEqualTo(value);
            assertThat(cloud.get(key)).as("Confluent's " + key).isEqualTo(value);
        });
    }

    @ParameterizedTest
    @EnumSource(ConnectorDefinition.Flavor.class)
    void aNullStaysNullOnBothTargets(ConnectorDefinition.Flavor flavor) {
        ConnectorDefinition def = definition(flavor);

        // Confluent's V2 plugins default this to true: a NULL in a column with a DEFAULT would arrive as the default
        assertThat(confluent(def)).containsEntry("value.converter.replace.null.with.default", "false")
                .containsEntry("transforms.flattenRow.replace.null.with.default", "false");
        assertThat(EngineProperties.of(def, dir)).containsEntry("value.converter.replace.null.with.default", "false");
    }

    @ParameterizedTest
    @EnumSource(ConnectorDefinition.Flavor.class)
    void deletesAreRewrittenByOldAndNewDebeziumAlike(ConnectorDefinition.Flavor flavor) {
        Map<String, String> cloud = confluent(definition(flavor));

        assertThat(cloud).containsEntry(ConnectorDefinition.DELETE_MODE, "rewrite")
                .containsEntry(ConnectorDefinition.LEGACY_DELETE_MODE, "rewrite")
                .containsEntry(ConnectorDefinition.LEGACY_DROP_TOMBSTONES, "true")
                .containsEntry("tombstones.on.delete", "false");
    }

    @ParameterizedTest
    @EnumSource(ConnectorDefinition.Flavor.class)
    void whatOnlyOneRenderingHasIsWhereTheEventIsMadeOrSent(ConnectorDefinition.Flavor flavor) {
        ConnectorDefinition def = definition(flavor);
        Properties engine = EngineProperties.of(def, dir);
        Map<String, String> cloud = confluent(def);

        Set<String> onlyCloud = new TreeSet<>(cloud.keySet());
        onlyCloud.removeAll(engine.stringPropertyNames());
        Set<String> differ = new TreeSet<>();
        cloud.forEach((k, v) -> {
            if (engine.containsKey(k) && !v.equals(engine.getProperty(k))) {
                differ.add(k);
            }
        });

        // Kafka credentials, TLS to the database, the topic's format, and Confluent's own switch for its flattening
        Set<String> expectedOnlyCloud = new TreeSet<>(Set.of("kafka.auth.mode", "kafka.api.key", "kafka.api.secret",
                "after.state.only", "output.data.format", "output.key.format", "tasks.max",
                flavor == ConnectorDefinition.Flavor.POSTGRES ? "database.sslmode" : "database.ssl.mode"));
        if (flavor == ConnectorDefinition.Flavor.MARIADB) {
            expectedOnlyCloud.add("value.converter.value.subject.name.strategy"); // how Tinybird finds the Avro schema
        }
        assertThat(onlyCloud).isEqualTo(expectedOnlyCloud);
        // the plugin, and PostgreSQL's slot and publication: a local run must never take the connector's
        assertThat(differ).isEqualTo(flavor == ConnectorDefinition.Flavor.POSTGRES
                ? Set.of("connector.class", "slot.name", "publication.name") : Set.of("connector.class"));
    }

    /** Hostile run of issue 12: tables a, b_c and a_b, c shared a slot (and one pipeline then took the other's). */
    @org.junit.jupiter.api.Test
    void everyListOfTablesHasASlotAndPublicationOfItsOwnOnBothTargetsAndOrderDoesNotMatter() {
        java.util.function.Function<java.util.List<String>, ConnectorDefinition> of = tables -> new ConnectorDefinition(
                new DbSettings(SourceDb.PG, "h", 5432, "u", "", "shop"), tables, "c", ConnectorDefinition.Flavor.POSTGRES);
        assertThat(of.apply(java.util.List.of("users")).slotName()).as("one table's name as it always was").isEqualTo("cdc_shop_users");
        assertThat(of.apply(java.util.List.of("users")).publicationName()).isEqualTo("cdc_shop_users_pub");
        assertThat(of.apply(java.util.List.of("a", "b")).slotName()).isEqualTo(of.apply(java.util.List.of("b", "a")).slotName());
        assertThat(of.apply(java.util.List.of("b_c", "a")).slotName()).as("README's example").isEqualTo("cdc_shop_a_b_c_42917623");

        String longTable = "t".repeat(40);
        java.util.List<java.util.List<String>> lists = java.util.List.of(java.util.List.of("a", "b_c"), java.util.List.of("a_b", "c"),
                java.util.List.of("a_b_c"), java.util.List.of("a", "b"), java.util.List.of("a_b"), java.util.List.of(longTable + "1", longTable + "2"),
                java.util.List.of(longTable + "1", longTable + "3"), java.util.List.of(longTable + "1", longTable + "2", "x"));
        Set<String> names = new TreeSet<>();
        for (java.util.List<String> tables : lists) {
            ConnectorDefinition def = of.apply(tables);
            for (String name : java.util.List.of(def.slotName(), def.publicationName(), ConfluentConnectorConfig.slotName(def),
                    ConfluentConnectorConfig.publicationName(def))) {
                assertThat(name).as(tables.toString()).matches("[a-z0-9_]+").hasSizeLessThanOrEqualTo(63);
                assertThat(names.add(name)).as(name + " of " + tables + " is another list's too").isTrue();
            }
        }
    }
}
