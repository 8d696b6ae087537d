package io.cdccookbook.confluent;

import io.cdccookbook.CookbookException;
import io.cdccookbook.capture.ConnectorDefinition;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks the config Confluent kept of a connector for the flattening the Tinybird datafiles read: our
 * ExtractNewRecordState in {@code transforms} and a delete handling that rewrites deletes (in either
 * generation of Debezium's keys; a runtime keeps the ones it knows). Without them events would come as
 * Debezium envelopes, or deletes without {@code __deleted}, and the replica would never match the source.
 */
final class FlatteningReadBack {

    private FlatteningReadBack() {
    }

    /** @param kept the connector's config as GET .../config returns it */
    static void verify(String connector, Map<String, String> kept) {
        String alias = ConnectorDefinition.FLATTEN;
        List<String> transforms = Arrays.stream(kept.getOrDefault("transforms", "").split(","))
                .map(String::trim).filter(t -> !t.isEmpty()).toList();
        String problem = null;
        if (!transforms.contains(alias)) {
            problem = "its transforms are " + (transforms.isEmpty() ? "empty" : "'" + String.join(",", transforms) + "'")
                    + ", without " + alias;
        } else if (!ConnectorDefinition.FLATTEN_TYPE.equals(kept.get("transforms." + alias + ".type"))) {
            problem = "transforms." + alias + ".type is '" + kept.get("transforms." + alias + ".type") + "', not "
                    + ConnectorDefinition.FLATTEN_TYPE;
        } else if (!"rewrite".equals(kept.get(ConnectorDefinition.DELETE_MODE))
                && !"rewrite".equals(kept.get(ConnectorDefinition.LEGACY_DELETE_MODE))) {
            problem = "neither " + ConnectorDefinition.DELETE_MODE + " nor " + ConnectorDefinition.LEGACY_DELETE_MODE
                    + " is rewrite, so deletes would arrive without __deleted";
        }
        if (problem != null) {
            throw new CookbookException("Connector '" + connector + "' does not flatten events as the Tinybird datafiles"
                    + " expect: Confluent kept a config where " + problem + ".",
                    "Look at the connector's config in the Confluent Cloud UI; remove-pipeline --target tinybird deletes it.");
        }
    }
}
