package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;

import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the raw data source reads: which connection, which topic, as which consumer group and from where
 * when the group is new.
 *
 * @param connectionName the Tinybird Kafka connection (TINYBIRD_CONFLUENT_CONNECTION_NAME)
 * @param topic          the topic Debezium writes the users table's changes to
 * @param groupId        the consumer group; a fresh one per create, see {@link #fresh}
 * @param offsetReset    latest or earliest (CONFLUENT_OFFSET_RESET)
 */
public record KafkaSettings(String connectionName, String topic, String groupId, String offsetReset) {

    // Forward names the connection after its file, and Tinybird names allow letters, digits and _ only.
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Settings with a new consumer group, {@code <topic>_<unix time>} as in the original: a group
     * remembers its offsets, so a raw data source made again after the topic was recreated would
     * otherwise wait for offsets the new topic never reaches.
     */
    public static KafkaSettings fresh(Settings settings, String topic, Clock clock) {
        settings.require("The Tinybird Kafka connection", Setting.TINYBIRD_CONFLUENT_CONNECTION_NAME);
        String connection = settings.get(Setting.TINYBIRD_CONFLUENT_CONNECTION_NAME);
        if (!NAME.matcher(connection).matches()) {
            throw new CookbookException("'" + connection + "' (TINYBIRD_CONFLUENT_CONNECTION_NAME, or CONFLUENT_CLUSTER_NAME"
                    + " when that is empty) cannot name a Tinybird Kafka connection.",
                    "Set TINYBIRD_CONFLUENT_CONNECTION_NAME to letters, digits and _ only, e.g. cluster_eu.");
        }
        String reset = settings.get(Setting.CONFLUENT_OFFSET_RESET).toLowerCase(Locale.ROOT);
        if (!reset.equals("latest") && !reset.equals("earliest")) {
            throw new CookbookException("CONFLUENT_OFFSET_RESET '" + settings.get(Setting.CONFLUENT_OFFSET_RESET)
                    + "' is neither latest nor earliest.", "Set CONFLUENT_OFFSET_RESET=latest or earliest.");
        }
        return new KafkaSettings(connection, topic, topic + "_" + clock.instant().getEpochSecond(), reset);
    }
}
