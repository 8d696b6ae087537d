package io.cdccookbook.confluent;

import io.cdccookbook.CookbookException;
import io.cdccookbook.capture.ConnectorDefinition;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.source.ReadinessCheck;
import io.cdccookbook.source.SourceDb;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Confluent Cloud half of a pipeline, as the commands use it: create the CDC connector and wait until
 * it runs, take it and its topic away again, and check that the configured keys, environment and cluster
 * work. Nothing here prints: messages go to the callbacks the caller passes.
 */
public final class ConfluentPipeline {

    private final Settings settings;
    private final ConfluentCloud.Options options;

    public ConfluentPipeline(Settings settings) {
        this(settings, withApiUrl(ConfluentCloud.Options.standard(), settings.get(Setting.CONFLUENT_API_URL)));
    }

    private static ConfluentCloud.Options withApiUrl(ConfluentCloud.Options o, String apiUrl) {
        String url = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        return new ConfluentCloud.Options(url, o.sleeper(), o.clock(), o.pollInterval(), o.runningTimeout());
    }

    public ConfluentPipeline(Settings settings, ConfluentCloud.Options options) {
        this.settings = settings;
        this.options = options;
    }

    /**
     * Finds the environment and cluster, creates the connector unless it exists, reads its config back to
     * check that the flattening survived, and waits until it runs.
     * With a dry-run plan nothing is sent: the plan lists every request.
     *
     * @param progress one line per step, for the user
     * @return the connector's status (a placeholder in a dry run)
     */
    public ConnectorStatus create(ConnectorDefinition def, Plan plan, Consumer<String> progress) {
        if (def.flavor() == ConnectorDefinition.Flavor.MARIADB && !plan.isDryRun()) {
            // before anything is created: without a registry Tinybird could not read a single event
            settings.require("A MariaDB server on the tinybird target (Confluent's MariaDbCdcSource writes Avro, which"
                    + " Tinybird decodes through the Schema Registry)", Setting.CONFLUENT_SCHEMA_REGISTRY_URL,
                    Setting.CONFLUENT_SCHEMA_REGISTRY_KEY, Setting.CONFLUENT_SCHEMA_REGISTRY_SECRET);
            progress.accept("The server is MariaDB: Confluent's MariaDbCdcSource writes Avro, which Tinybird decodes"
                    + " through the Schema Registry at " + settings.get(Setting.CONFLUENT_SCHEMA_REGISTRY_URL) + ".");
        }
        ConfluentCloud cloud = cloud(plan, "Creating the Confluent Cloud connector");
        Environment env = cloud.environment(nameOrPlaceholder(Setting.CONFLUENT_ENV_NAME));
        KafkaCluster cluster = cloud.cluster(env, nameOrPlaceholder(Setting.CONFLUENT_CLUSTER_NAME));
        ManagedConnectors connectors = cloud.connectors(env, cluster);
        switch (connectors.create(ConfluentConnectorConfig.render(def, ApiKey.cluster(settings)))) {
            case DONE -> progress.accept("Created connector '" + def.name() + "' (" + ConfluentConnectorConfig.plugin(def)
                    + ") in cluster " + cluster.name() + " (" + cluster.id() + "); it writes to topic"
                    + (def.tables().size() == 1 ? " " : "s ") + String.join(", ", def.topics()) + ".");
            case ALREADY -> progress.accept("Connector '" + def.name() + "' exists already in cluster " + cluster.name()
                    + ": not created again.");
            case PLANNED -> { }
        }
        // what Confluent kept, not what was sent: a runtime may drop keys it does not know
        connectors.config(def.name()).ifPresent(kept -> FlatteningReadBack.verify(def.name(), kept));
        return connectors.awaitRunning(def.name(), options.runningTimeout(), progress);
    }

    /**
     * Deletes the connector, then its topics (the other way round the connector would make them again),
     * then for MySQL and MariaDB the topic where the connector kept its schema history. Each step reports
     * whether it deleted something or found nothing to delete.
     */
    public void remove(ConnectorDefinition def, Plan plan, Consumer<String> report) {
        ConfluentCloud cloud = cloud(plan, "Removing the Confluent Cloud connector");
        Environment env = cloud.environment(nameOrPlaceholder(Setting.CONFLUENT_ENV_NAME));
        KafkaCluster cluster = cloud.cluster(env, nameOrPlaceholder(Setting.CONFLUENT_CLUSTER_NAME));
        switch (cloud.connectors(env, cluster).delete(def.name())) {
            case DONE -> report.accept("Deleted connector '" + def.name() + "'.");
            case ALREADY -> report.accept("Connector '" + def.name() + "' was not there.");
            case PLANNED -> { }
        }
        ClusterTopics topics = cloud.topics(cluster);
        for (String topic : def.topics()) {
            switch (topics.delete(topic)) {
                case DONE -> report.accept("Deleted topic " + topic + ".");
                case ALREADY -> report.accept("Topic " + topic + " was not there.");
                case PLANNED -> { }
            }
        }
        if (def.kind() == SourceDb.MYSQL) {
            String history = ConfluentConnectorConfig.schemaHistoryTopic(def, cluster.id());
            switch (topics.delete(history)) {
                case DONE -> report.accept("Deleted schema-history topic " + history + ".");
                case ALREADY -> report.accept("Schema-history topic " + history + " was not there.");
                case PLANNED -> { }
            }
        }
    }

    /**
     * The rows of test-connection for Confluent Cloud: the Cloud key works, the environment and the cluster
     * exist, and Kafka REST answers with the cluster key. Checking stops at the first failure, as each
     * check needs the one before; a failure is a row with a hint, never an exception.
     */
    public List<ReadinessCheck> check() {
        List<ReadinessCheck> checks = new ArrayList<>();
        String step = "Cloud API key";
        try {
            settings.require("Checking Confluent Cloud", Setting.CONFLUENT_CLOUD_KEY, Setting.CONFLUENT_CLOUD_SECRET,
                    Setting.CONFLUENT_CLUSTER_NAME, Setting.CONFLUENT_UNAME, Setting.CONFLUENT_SECRET);
            ConfluentCloud cloud = new ConfluentCloud(ApiKey.cloud(settings), ApiKey.cluster(settings), Plan.live(),
                    options);
            List<Environment> environments = cloud.environments();
            checks.add(ReadinessCheck.pass(step, "valid: it sees " + environments.size() + " environment(s)"));

            String envName = settings.get(Setting.CONFLUENT_ENV_NAME);
            step = "environment " + envName;
            Environment env = ConfluentCloud.environmentAmong(environments, envName);
            checks.add(ReadinessCheck.pass(step, env.id()));

            step = "Kafka cluster " + settings.get(Setting.CONFLUENT_CLUSTER_NAME);
            KafkaCluster cluster = cloud.cluster(env, settings.get(Setting.CONFLUENT_CLUSTER_NAME));
            checks.add(ReadinessCheck.pass(step, cluster.id() + ", bootstrap " + cluster.bootstrapServers()
                    + ", REST " + cluster.restEndpoint()));

            step = "Kafka REST with the cluster key";
            checks.add(ReadinessCheck.pass(step, cloud.topics(cluster).names().size() + " topic(s)"));
        } catch (CookbookException e) {
            checks.add(ReadinessCheck.fail(step, e.getMessage(), e.hint() == null ? "" : e.hint()));
        }
        return checks;
    }

    /** A client for this plan; a live run needs every key, a dry run none (it sends nothing). */
    private ConfluentCloud cloud(Plan plan, String purpose) {
        if (!plan.isDryRun()) {
            settings.require(purpose, Setting.CONFLUENT_CLUSTER_NAME, Setting.CONFLUENT_CLOUD_KEY,
                    Setting.CONFLUENT_CLOUD_SECRET, Setting.CONFLUENT_UNAME, Setting.CONFLUENT_SECRET);
        }
        return new ConfluentCloud(ApiKey.cloud(settings), ApiKey.cluster(settings), plan, options);
    }

    /** An unset name can only be met in a dry run (a live run requires it): the plan names the setting. */
    private String nameOrPlaceholder(Setting setting) {
        return settings.isSet(setting) ? settings.get(setting) : Plan.placeholder(setting.name());
    }
}
