package io.cdccookbook.confluent;

import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.source.ReadinessCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.cdccookbook.confluent.FakeConfluent.CLOUD_KEY;
import static io.cdccookbook.confluent.FakeConfluent.CLOUD_SECRET;
import static io.cdccookbook.confluent.FakeConfluent.CLUSTER_SECRET;
import static io.cdccookbook.confluent.FakeConfluent.DB_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The cloud secret, the cluster secret and the database password never show: not in errors, even when
 * Confluent echoes them back, not in plans, readiness rows or log lines. (FakeConfluent checks the log
 * lines of every test of the package; this test makes Confluent as indiscreet as it can be.)
 */
class SecretsStayHiddenTest {

    @RegisterExtension
    final FakeConfluent confluent = new FakeConfluent();

    private final List<String> shown = new ArrayList<>();

    private void shows(CookbookException e) {
        assertThat(e).as("the scenario fails").isNotNull();
        shown.add(e.oneLine());
    }

    @Test
    void noSecretShowsAnywhere() {
        // a 400 that quotes the config it rejects
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "connectors-none.json");
        confluent.replyWith(200, "validate-ok.json");
        confluent.reply(400, "{\"code\":400,\"message\":\"Invalid values: database.password " + DB_PASSWORD
                + " kafka.api.secret " + CLUSTER_SECRET + "\"}");
        Plan live = Plan.live();
        shows(catchThrowableOfType(CookbookException.class,
                () -> confluent.pipeline(FakeConfluent.settings()).create(FakeConfluent.postgres(), live, shown::add)));

        // a connector that fails with the password in its trace, and a task that quotes the cluster secret
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "connectors-existing.json");
        confluent.replyWith(200, "connector-config.json");
        confluent.reply(200, confluent.fixture("status-failed.json").replace("There were some errors",
                "FATAL: password authentication failed (password=" + DB_PASSWORD + ") There were some errors"));
        shows(catchThrowableOfType(CookbookException.class,
                () -> confluent.pipeline(FakeConfluent.settings()).create(FakeConfluent.postgres(), Plan.live(), shown::add)));
        confluent.replyWithEnvironmentAndCluster();
        confluent.replyWith(200, "connectors-existing.json");
        confluent.replyWith(200, "connector-config.json");
        confluent.reply(200, confluent.fixture("status-degraded.json").replace("Connection to", CLUSTER_SECRET + " to"));
        shows(catchThrowableOfType(CookbookException.class,
                () -> confluent.pipeline(FakeConfluent.settings()).create(FakeConfluent.postgres(), Plan.live(), shown::add)));

        // a 401 that names the key it refused, in test-connection
        confluent.reply(401, "{\"errors\":[{\"status\":\"401\",\"title\":\"Bad key\",\"detail\":\"Key " + CLOUD_KEY
                + " with secret " + CLOUD_SECRET + " is invalid\"}]}");
        for (ReadinessCheck check : confluent.pipeline(FakeConfluent.settings()).check()) {
            shown.add(check.name() + " " + check.detail() + " " + check.hint());
        }

        // the plans of a live run and a dry run, which carry the whole connector config
        Plan dryRun = Plan.dryRun();
        confluent.pipeline(FakeConfluent.settings()).create(FakeConfluent.postgres(), dryRun, shown::add);
        shown.add(live.describe());
        shown.add(dryRun.describe());
        shown.add(new ApiKey(CLOUD_KEY, CLOUD_SECRET).toString());

        assertThat(String.join("\n", shown)).as("what the scenarios showed")
                .contains("Invalid values", "password authentication failed", "Bad key", "\"database.user\": \"cdc_user\"");
        assertThat(shown).noneMatch(FakeConfluent::hasSecret);
        assertThat(confluent.logLines).as("the client logs its requests").isNotEmpty().noneMatch(FakeConfluent::hasSecret);
    }
}
