package io.cdccookbook.confluent;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cdccookbook.cloud.Json;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.cloud.RetryInterceptor;
import okhttp3.HttpUrl;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Confluent Cloud APIs the cookbook needs, starting from names people know: the environment and the
 * Kafka cluster (org/v2 and cmk/v2, with the Cloud API key), then the cluster's connectors (connect/v1,
 * Cloud key) and topics (Kafka REST, cluster key). In a dry run nothing is sent and ids come back as
 * placeholders such as {@code <id of environment 'default'>}, so every later request can still be planned.
 */
public final class ConfluentCloud {

    public static final String API_URL = "https://api.confluent.cloud";
    private static final String PAGE_SIZE = "100"; // the APIs' maximum: fewest round trips

    /**
     * What tests replace: where the APIs are, how the client waits (for Retry-After and between status
     * polls), and its clock.
     *
     * @param pollInterval   how often to read a new connector's status
     * @param runningTimeout how long to wait for a new connector to run
     */
    public record Options(String apiUrl, RetryInterceptor.Sleeper sleeper, Clock clock, Duration pollInterval,
                          Duration runningTimeout) {

        public static Options standard() {
            return new Options(API_URL, d -> Thread.sleep(d.toMillis()), Clock.systemUTC(), Duration.ofSeconds(5),
                    Duration.ofMinutes(10));
        }
    }

    private final ConfluentHttp http;
    private final ApiKey cloudKey;
    private final ApiKey clusterKey;
    private final Options options;

    /**
     * @param cloudKey   a Cloud API key (CONFLUENT_CLOUD_KEY), for org/v2, cmk/v2 and connect/v1
     * @param clusterKey the Kafka cluster's key (CONFLUENT_UNAME), for Kafka REST
     * @param plan       where every request is recorded; a dry-run plan means nothing is sent
     */
    public ConfluentCloud(ApiKey cloudKey, ApiKey clusterKey, Plan plan, Options options) {
        this.http = new ConfluentHttp(plan, options.sleeper());
        this.cloudKey = cloudKey;
        this.clusterKey = clusterKey;
        this.options = options;
    }

    /** Every environment the Cloud API key can see; none in a dry run. */
    public List<Environment> environments() {
        List<Environment> found = new ArrayList<>();
        for (JsonObject item : listAll(ConfluentApi.ORG, Route.of(options.apiUrl(), "org", "v2", "environments"),
                "list the environments")) {
            found.add(new Environment(Json.text(item, "id"), Json.text(item, "display_name")));
        }
        return found;
    }

    /** The environment of that name; in a dry run a placeholder, as the list is only planned. */
    public Environment environment(String name) {
        List<Environment> all = environments();
        if (http.isDryRun()) {
            return new Environment(Plan.placeholder("id of environment '" + name + "'"), name);
        }
        return environmentAmong(all, name);
    }

    /** The environment of that name among those listed, or an error that lists them. */
    static Environment environmentAmong(List<Environment> environments, String name) {
        return ByName.pick(environments, Environment::name, Environment::id, name, "environment", "",
                "CONFLUENT_ENV_NAME");
    }

    /** Every Kafka cluster of the environment; none in a dry run. */
    public List<KafkaCluster> clusters(Environment env) {
        Route route = Route.of(options.apiUrl(), "cmk", "v2", "clusters").with("environment", env.id());
        List<KafkaCluster> found = new ArrayList<>();
        String what = "list the Kafka clusters of environment '" + env.name() + "'";
        for (JsonObject item : listAll(ConfluentApi.CMK, route, what)) {
            found.add(KafkaCluster.fromJson(item));
        }
        return found;
    }

    /** The cluster of that name in the environment; in a dry run a placeholder with placeholder endpoints. */
    public KafkaCluster cluster(Environment env, String name) {
        List<KafkaCluster> all = clusters(env);
        if (http.isDryRun()) {
            return new KafkaCluster(Plan.placeholder("id of cluster '" + name + "'"), name, env.id(),
                    Plan.placeholder("REST endpoint of cluster '" + name + "'"),
                    Plan.placeholder("bootstrap servers of cluster '" + name + "'"));
        }
        return ByName.pick(all, KafkaCluster::name, KafkaCluster::id, name, "Kafka cluster",
                " in environment '" + env.name() + "' (" + env.id() + ")", "CONFLUENT_CLUSTER_NAME");
    }

    /** The managed connectors of a cluster (connect/v1, Cloud key). */
    public ManagedConnectors connectors(Environment env, KafkaCluster cluster) {
        Route base = Route.of(options.apiUrl(), "connect", "v1", "environments", env.id(), "clusters", cluster.id());
        return new ManagedConnectors(http, cloudKey, base, options);
    }

    /** The topics of a cluster (Kafka REST on the cluster's own endpoint, cluster key). */
    public ClusterTopics topics(KafkaCluster cluster) {
        return new ClusterTopics(http, clusterKey, cluster);
    }

    /**
     * Every item of an org/v2 or cmk/v2 list, page after page. The next page is asked for with the
     * page_token of {@code metadata.next}, at our own base URL: the link is absolute, and following it as
     * it is would send the Cloud key to whatever host it names.
     */
    private List<JsonObject> listAll(ConfluentApi api, Route first, String what) {
        List<JsonObject> items = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        Optional<Route> page = Optional.of(first.with("page_size", PAGE_SIZE));
        while (page.isPresent()) {
            Optional<JsonElement> answer = http.call(api, cloudKey, "GET", page.get(), null, what);
            if (answer.isEmpty() || !answer.get().isJsonObject()) {
                break;
            }
            JsonObject body = answer.get().getAsJsonObject();
            for (JsonElement item : Json.array(body, "data")) {
                if (item.isJsonObject()) {
                    items.add(item.getAsJsonObject());
                }
            }
            String token = pageToken(Json.text(Json.object(body, "metadata"), "next"));
            page = token == null || !tokens.add(token) // a token seen before would loop for ever
                    ? Optional.empty() : Optional.of(first.with("page_size", PAGE_SIZE).with("page_token", token));
        }
        return items;
    }

    private static String pageToken(String next) {
        HttpUrl url = next.isEmpty() ? null : HttpUrl.parse(next);
        String token = url == null ? null : url.queryParameter("page_token");
        return token == null || token.isEmpty() ? null : token;
    }
}
