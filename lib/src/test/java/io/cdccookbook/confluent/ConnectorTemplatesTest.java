package io.cdccookbook.confluent;

import io.cdccookbook.capture.ConnectorDefinition;
import io.debezium.transforms.ExtractNewRecordStateConfigDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.cdccookbook.confluent.FakeConfluent.CLUSTER_KEY;
import static io.cdccookbook.confluent.FakeConfluent.CLUSTER_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector config against Confluent's own templates of each managed plugin: every key is one the
 * plugin defines, every value one it allows, and every key whose default would change what an event
 * carries is set, so no default of Confluent's decides an event.
 */
class ConnectorTemplatesTest {

    /**
     * Keys whose defaults decide null handling, deletes, decimals (money, unsigned bigints), times (precision,
     * two-digit years, intervals), binary values, tombstones, which operations are sent and how names are
     * adjusted.
     */
    private static final Pattern SHAPES_EVENTS = Pattern.compile(
            "null|delete|tombstone|decimal|money|bigint|time\\.precision|time\\.adjuster|interval\\.handling|binary"
                    + "|after\\.state\\.only|skipped\\.operations|name\\.adjustment");

    /** A connector of two tables with a column left out, so that every key a pipeline can set is rendered. */
    private static ConnectorDefinition definition(ConnectorDefinition.Flavor flavor) {
        ConnectorDefinition mysql = FakeConfluent.mysql();
        ConnectorDefinition one = switch (flavor) {
            case POSTGRES -> FakeConfluent.postgres();
            case MYSQL -> mysql;
            case MARIADB -> new ConnectorDefinition(mysql.db(), mysql.tables(), mysql.name(), flavor);
        };
        return new ConnectorDefinition(one.db(), List.of(one.tables().get(0), "orders"), one.name(), one.flavor())
                .withExcludedColumns(List.of("orders.picture"));
    }

    private static Map<String, String> config(ConnectorDefinition def) {
        return ConfluentConnectorConfig.render(def, new ApiKey(CLUSTER_KEY, CLUSTER_SECRET));
    }

    private static ConnectorTemplates templates(ConnectorDefinition def) {
        return ConnectorTemplates.of(ConfluentConnectorConfig.plugin(def));
    }

    @ParameterizedTest
    @EnumSource(ConnectorDefinition.Flavor.class)
    void everyKeyIsDefinedForItsPlugin(ConnectorDefinition.Flavor flavor) {
        ConnectorDefinition def = definition(flavor);
        ConnectorTemplates templates = templates(def);

        List<String> unknown = config(def).keySet().stream()
                .filter(k -> !k.startsWith("transforms"))
                .filter(k -> templates.definition(k).isEmpty())
                .toList();

        assertThat(unknown).as("keys %s does not define", templates.plugin()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ConnectorDefinition.Flavor.class)
    void everyValueIsOneThePluginAllows(ConnectorDefinition.Flavor flavor) {
        ConnectorDefinition def = definition(flavor);
        ConnectorTemplates templates = templates(def);
        List<String> refused = new ArrayList<>();

        config(def).forEach((key, value) -> templates.definition(key)
                .filter(d -> !d.allowed().isEmpty() && !d.allowed().contains(value))
                .ifPresent(d -> refused.add(key + "=" + value + " (allowed: " + d.allowed() + ")")));

        assertThat(refused).as("values %s does not allow", templates.plugin()).isEmpty();
    }

    /**
     * The transform is one the plugin accepts, and each of its keys is one Debezium's ExtractNewRecordState
     * defines today, or one of the older delete keys, which Confluent's own templates still set for their
     * "unwrap" (so the runtime Confluent runs knows them).
     */
    @ParameterizedTest
    @EnumSource(ConnectorDefinition.Flavor.class)
    void theTransformIsOneThePluginAcceptsWithKeysDebeziumKnows(ConnectorDefinition.Flavor flavor) {
        ConnectorDefinition def = definition(flavor);
        ConnectorTemplates templates = templates(def);
        Map<String, String> config = config(def);
        Set<String> debeziumKeys = debeziumTransformKeys();
        List<String> aliases = Arrays.asList(config.get("transforms").split(","));

        assertThat(aliases).containsExactly(ConnectorDefinition.FLATTEN);
        assertThat(templates.transformTypes()).contains(config.get("transforms." + ConnectorDefinition.FLATTEN + ".type"));
        String prefix = "transforms." + ConnectorDefinition.FLATTEN + ".";
        List<String> unknown = config.keySet().stream()
                .filter(k -> k.startsWith(prefix) && !k.equals(prefix + "type"))
                .map(k -> k.substring(prefix.length()))
                .filter(k -> !debeziumKeys.contains(k) && !templates.templateKeys().contains("transforms.unwrap." + k))
                .toList();
        assertThat(unknown).as("transform keys neither Debezium nor Confluent's templates know").isEmpty();
        assertThat(templates.templateKeys()).contains("transforms.unwrap.delete.handling.mode",
                "transforms.unwrap.drop.tombstones");
    }

    /**
     * Every key Debezium's ExtractNewRecordState defines: the Fields of its config definition (its config()
     * leaves some out, replace.null.with.default among them).
     */
    private static Set<String> debeziumTransformKeys() {
        Set<String> keys = new java.util.TreeSet<>();
        for (java.lang.reflect.Field f : ExtractNewRecordStateConfigDefinition.class.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == io.debezium.config.Field.class) {
                try {
                    keys.add(((io.debezium.config.Field) f.get(null)).name());
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertThat(keys).as("Debezium's transform keys").contains("add.fields", "delete.tombstone.handling.mode");
        return keys;
    }

    @ParameterizedTest
    @EnumSource(ConnectorDefinition.Flavor.class)
    void everyKeyWhoseDefaultShapesAnEventIsSetExplicitly(ConnectorDefinition.Flavor flavor) {
        ConnectorDefinition def = definition(flavor);
        ConnectorTemplates templates = templates(def);
        Map<String, String> config = config(def);

        List<String> shaping = templates.definitions().stream()
                .filter(d -> d.defaultValue() != null && SHAPES_EVENTS.matcher(d.name()).find())
                .map(ConnectorTemplates.Definition::name)
                .toList();
        List<String> leftToDefault = shaping.stream()
                .filter(name -> !config.containsKey(name) && templates.definition(name).orElseThrow().aliases().stream()
                        .noneMatch(config::containsKey))
                .toList();

        // the pattern must find the keys the issue names, or the test would pass on nothing
        assertThat(shaping).contains("value.converter.replace.null.with.default", "tombstones.on.delete",
                "decimal.handling.mode", "time.precision.mode", "binary.handling.mode");
        assertThat(leftToDefault).as("keys left to %s's defaults", templates.plugin()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ConnectorDefinition.Flavor.class, names = {"MYSQL", "MARIADB"})
    void theSchemaHistoryTopicIsTheOneThePluginNames(ConnectorDefinition.Flavor flavor) {
        ConnectorDefinition def = definition(flavor);
        String template = templates(def).definition("schema.history.internal.kafka.topic").orElseThrow().defaultValue();

        assertThat(config(def)).doesNotContainKey("schema.history.internal.kafka.topic");
        assertThat(ConfluentConnectorConfig.schemaHistoryTopic(def, "lkc-00000"))
                .isEqualTo(template.replace("${topic.prefix}", def.topicPrefix()).replace("{{.logicalClusterId}}", "lkc-00000"))
                .isEqualTo("dbhistory.mysql_cdc_demo.lkc-00000");
    }
}
