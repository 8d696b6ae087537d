package io.cdccookbook.tinybird;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Plan;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cdccookbook.tinybird.Testbed.BOOTSTRAP;
import static io.cdccookbook.tinybird.Testbed.KAFKA_KEY;
import static io.cdccookbook.tinybird.Testbed.KAFKA_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Classic: the connection through /v0/connectors, each datafile through /v0/datafiles, deletes one by one. */
class TinybirdClassicTest {

    static final String OURS = "/v0/connectors/4a0c3a6e-7b7e-4a56-9d6c-0f3c1a2b3c4d";
    static final String CREATED = "/v0/connectors/9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a";

    Testbed bed = new Testbed();
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path folder;

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void createMakesTheConnectionThenPushesEachFileAfterWhatItReads() {
        bed.tinybird.answerFile("GET /v0/connectors", 200, "connectors_none.json")
                .answerFile("POST /v0/connectors", 200, "connector_created.json")
                .answerFile("GET " + CREATED + "/preview", 200, "preview_topics.json")
                .answerFile("GET /v0/datasources", 200, "datasources_other.json")
                .answerFile("GET /v0/pipes", 200, "pipes_other.json")
                .answer("POST /v0/datafiles", 200, "");

        bed.target("classic").create();

        assertThat(bed.tinybird.unexpected).isEmpty();
        assertThat(bed.tinybird.calls()).containsExactly("GET /v0/connectors", "POST /v0/connectors",
                "GET " + CREATED + "/preview?preview_activity=false", "GET /v0/datasources", "GET /v0/pipes",
                "POST /v0/datafiles?filenames=pg_users_raw.datasource", "POST /v0/datafiles?filenames=pg_users_latest.datasource",
                "POST /v0/datafiles?filenames=pg_users_mv.pipe", "POST /v0/datafiles?filenames=pg_users_api.pipe");

        JsonObject connector = JsonParser.parseString(FakeTinybird.body(bed.tinybird.requests("POST /v0/connectors").get(0)))
                .getAsJsonObject();
        assertThat(connector.get("service").getAsString()).isEqualTo("kafka");
        assertThat(connector.get("name").getAsString()).isEqualTo("cluster_eu");
        assertThat(connector.get("kafka_bootstrap_servers").getAsString()).isEqualTo(BOOTSTRAP);
        assertThat(connector.get("kafka_security_protocol").getAsString()).isEqualTo("SASL_SSL");
        assertThat(connector.get("kafka_sasl_plain_username").getAsString()).isEqualTo(KAFKA_KEY);
        assertThat(connector.get("kafka_sasl_plain_password").getAsString()).isEqualTo(KAFKA_SECRET);

        List<RecordedRequest> pushes = bed.tinybird.requests("POST /v0/datafiles");
        for (RecordedRequest push : pushes) {
            String file = push.getUrl().queryParameter("filenames");
            assertThat(FakeTinybird.parts(push)).singleElement().satisfies(p -> {
                assertThat(p.name()).as("the field is named after the file").isEqualTo(file);
                assertThat(p.filename()).isEqualTo(file);
            });
        }
        Datafile raw = DatafileParser.parse("pg_users_raw.datasource", FakeTinybird.parts(pushes.get(0)).get(0).text());
        assertThat(raw.setting("KAFKA_CONNECTION_NAME")).isEqualTo("cluster_eu");
        assertThat(raw.setting("KAFKA_TOPIC")).isEqualTo(Testbed.PG_TOPIC);
        assertThat(raw.setting("KAFKA_GROUP_ID")).isEqualTo(Testbed.PG_TOPIC + "_" + Testbed.NOW);
        assertThat(raw.setting("KAFKA_AUTO_OFFSET_RESET")).isEqualTo("earliest");
        assertThat(FakeTinybird.parts(pushes.get(3)).get(0).text()).contains("TOKEN pg_users_api_read READ", "TYPE endpoint");

        assertThat(bed.reports).contains("Kafka connection cluster_eu: created; it lists 3 topics.",
                "pg_users_raw: created.", "pg_users_latest: created.", "pg_users_mv: created.", "pg_users_api: created.");
        assertThat(bed.plan.describe()).contains("\"kafka_sasl_plain_password\": \"********\"",
                "\"kafka_sasl_plain_username\": \"********\"");
        bed.assertNothingShowsASecret();
    }

    /** Issue 12: a table of one's own is pushed from its datafiles, generated where missing, reading its own topic. */
    @Test
    void aTableOfOnesOwnIsPushedFromItsDatafilesReadingItsTopic() throws Exception {
        bed.tinybird.answerFile("GET /v0/connectors", 200, "connectors_none.json")
                .answerFile("POST /v0/connectors", 200, "connector_created.json")
                .answerFile("GET " + CREATED + "/preview", 200, "preview_topics.json")
                .answerFile("GET /v0/datasources", 200, "datasources_other.json")
                .answerFile("GET /v0/pipes", 200, "pipes_other.json")
                .answer("POST /v0/datafiles", 200, "");
        TableDatafiles files = TableDatafilesTest.ordersGenerated(folder, bed.reports::add);

        bed.target("classic").forTable("orders", TableDatafilesTest.TOPIC, files).create();

        assertThat(bed.tinybird.unexpected).isEmpty();
        assertThat(bed.tinybird.calls()).endsWith("POST /v0/datafiles?filenames=pg_orders_raw.datasource",
                "POST /v0/datafiles?filenames=pg_orders_latest.datasource", "POST /v0/datafiles?filenames=pg_orders_mv.pipe",
                "POST /v0/datafiles?filenames=pg_orders_api.pipe");
        List<RecordedRequest> pushes = bed.tinybird.requests("POST /v0/datafiles");
        Datafile raw = DatafileParser.parse("pg_orders_raw.datasource", FakeTinybird.parts(pushes.get(0)).get(0).text());
        assertThat(raw.setting("KAFKA_TOPIC")).isEqualTo(TableDatafilesTest.TOPIC);
        assertThat(raw.setting("KAFKA_GROUP_ID")).isEqualTo(TableDatafilesTest.TOPIC + "_" + Testbed.NOW);
        assertThat(FakeTinybird.parts(pushes.get(3)).get(0).text()).as("the file in the folder, as it is")
                .isEqualTo(java.nio.file.Files.readString(folder.resolve("pg/endpoints/pg_orders_api.pipe")));
        assertThat(bed.reports).contains("pg_orders_raw: created.", "pg_orders_api: created.")
                .anyMatch(l -> l.startsWith("Tinybird: table orders uses its datafiles, generated where missing, in "));
        bed.assertNothingShowsASecret();
    }

    /**
     * Issue 10, item 8, Classic: the connection's key and bootstrap servers are compared with what Tinybird
     * shows; its password, which Tinybird masks, with what the cookbook last set. First run after an upgrade:
     * the password is not known, so it is set; second run: nothing changes; third, with a rotated API key and
     * secret: both are updated in place and the preview proves they work.
     */
    @Test
    void rotatedKafkaCredentialsUpdateTheExistingConnection() {
        Testbed first = new Testbed();
        try {
            everythingOfOursExists(first);
            first.target("classic").create();

            assertThat(first.tinybird.unexpected).isEmpty();
            assertThat(first.tinybird.calls()).containsSubsequence("GET /v0/connectors", "PUT " + OURS,
                    "GET " + OURS + "/preview?preview_activity=false");
            JsonObject put = JsonParser.parseString(FakeTinybird.body(first.tinybird.requests("PUT " + OURS).get(0))).getAsJsonObject();
            assertThat(put.get("kafka_sasl_plain_password").getAsString()).isEqualTo(KAFKA_SECRET);
            assertThat(put.get("kafka_sasl_plain_username").getAsString()).isEqualTo(KAFKA_KEY);
            assertThat(first.reports).contains("Kafka connection cluster_eu: updated its secret (they differed from the"
                    + " settings, or were not known to); with them it lists 3 topics.", "pg_users_raw: already there, left as it is.");
            assertThat(first.plan.describe()).contains("\"kafka_sasl_plain_password\": \"********\"");
            first.assertNothingShowsASecret();

            Testbed second = new Testbed(Plan.live(), first.stateDir);
            try {
                everythingOfOursExists(second);
                second.target("classic").create();

                assertThat(second.tinybird.calls()).allMatch(c -> c.startsWith("GET "));
                assertThat(second.reports).contains("Kafka connection cluster_eu: there, and it lists 3 topics.",
                        "pg_users_raw: already there, left as it is.", "pg_users_latest: already there, left as it is.",
                        "pg_users_mv: already there, left as it is.", "pg_users_api: already there, left as it is.");
            } finally {
                second.close();
            }

            Testbed third = new Testbed(Plan.live(), first.stateDir);
            try {
                everythingOfOursExists(third);
                third.target("classic", java.util.Map.of("CONFLUENT_UNAME", "ROTATEDKEY5678",
                        "CONFLUENT_SECRET", "kafka-secret-rotated-0004")).connectKafka();

                JsonObject rotated = JsonParser.parseString(FakeTinybird.body(third.tinybird.requests("PUT " + OURS).get(0))).getAsJsonObject();
                assertThat(rotated.get("kafka_sasl_plain_username").getAsString()).isEqualTo("ROTATEDKEY5678");
                assertThat(rotated.get("kafka_sasl_plain_password").getAsString()).isEqualTo("kafka-secret-rotated-0004");
                assertThat(third.reports).contains("Kafka connection cluster_eu: updated its key, secret (they differed from"
                        + " the settings, or were not known to); with them it lists 3 topics.");
                assertThat(String.join("\n", third.reports) + third.plan.describe()).doesNotContain("kafka-secret-rotated-0004", "ROTATEDKEY5678");
            } finally {
                third.close();
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aRotatedSchemaRegistryKeyReachesTheExistingConnection() {
        java.util.Map<String, String> registry = java.util.Map.of("CONFLUENT_SCHEMA_REGISTRY_URL", "https://psrc-1.eu-west-1.aws.confluent.cloud",
                "CONFLUENT_SCHEMA_REGISTRY_KEY", "SRKEY0001", "CONFLUENT_SCHEMA_REGISTRY_SECRET", "registry-secret-0001");
        java.util.Map<String, String> rotated = new java.util.HashMap<>(registry);
        rotated.put("CONFLUENT_SCHEMA_REGISTRY_SECRET", "registry-secret-rotated-0002");
        Testbed first = new Testbed();
        try {
            everythingOfOursExists(first);
            first.target("classic", registry).connectKafka();
            assertThat(first.reports).anyMatch(r -> r.startsWith("Kafka connection cluster_eu: updated its secret, schema registry"));

            Testbed second = new Testbed(Plan.live(), first.stateDir);
            try {
                everythingOfOursExists(second);
                second.target("classic", registry).connectKafka();
                assertThat(second.tinybird.calls()).as("nothing differs: nothing is sent").allMatch(c -> c.startsWith("GET "));
            } finally {
                second.close();
            }

            Testbed third = new Testbed(Plan.live(), first.stateDir);
            try {
                everythingOfOursExists(third);
                third.target("classic", rotated).connectKafka();
                JsonObject put = JsonParser.parseString(FakeTinybird.body(third.tinybird.requests("PUT " + OURS).get(0))).getAsJsonObject();
                assertThat(put.get("kafka_schema_registry_url").getAsString()).contains("registry-secret-rotated-0002");
                assertThat(third.reports).contains("Kafka connection cluster_eu: updated its schema registry (they differed"
                        + " from the settings, or were not known to); with them it lists 3 topics.");
                assertThat(String.join("\n", third.reports) + third.plan.describe()).doesNotContain("registry-secret-rotated-0002");
            } finally {
                third.close();
            }
        } finally {
            first.close();
        }
    }

    static void everythingOfOursExists(Testbed bed) {
        bed.tinybird.answerFile("GET /v0/connectors", 200, "connectors_ours.json")
                .answerFile("PUT " + OURS, 200, "connector_updated.json")
                .answerFile("GET " + OURS + "/preview", 200, "preview_topics.json")
                .answerFile("GET /v0/datasources", 200, "datasources_ours_and_other.json")
                .answerFile("GET /v0/pipes", 200, "pipes_ours_and_other.json");
    }

    @Test
    void aConnectionWhosePreviewFailsIsDeletedAndCreatedAgain() {
        bed.tinybird.answerFile("GET /v0/connectors", 200, "connectors_ours.json")
                .answerFile("PUT " + OURS, 200, "connector_updated.json")
                .answer("GET " + OURS + "/preview", 422, "{\"error\": \"Authentication failed: the Kafka key or secret is wrong\"}")
                .answer("DELETE " + OURS, 204, "")
                .answerFile("POST /v0/connectors", 200, "connector_created.json")
                .answerFile("GET " + CREATED + "/preview", 200, "preview_topics.json");

        bed.target("classic").connectKafka();

        assertThat(bed.tinybird.calls()).as("the secret is not known to be the configured one: set, then checked")
                .containsExactly("GET /v0/connectors", "PUT " + OURS, "GET " + OURS + "/preview?preview_activity=false",
                "DELETE " + OURS, "POST /v0/connectors", "GET " + CREATED + "/preview?preview_activity=false");
        assertThat(bed.reports).contains("Kafka connection cluster_eu: there, but its preview fails (422 Authentication failed:"
                + " the Kafka key or secret is wrong); deleting it to create it again.");
    }

    @Test
    void aBrokenConnectionThatDataSourcesUseIsNotDeleted() {
        bed.tinybird.answerFile("GET /v0/connectors", 200, "connectors_ours_linked.json")
                .answerFile("PUT " + OURS, 200, "connector_updated.json")
                .answer("GET " + OURS + "/preview", 422, "{\"error\": \"Topic does not exist\"}");

        CookbookException e = catchThrowableOfType(CookbookException.class, () -> bed.target("classic").connectKafka());

        assertThat(e.getMessage()).isEqualTo("The Kafka connection cluster_eu is used by mysql_users_raw, which deleting it would unlink.");
        assertThat(bed.tinybird.calls()).noneMatch(c -> c.startsWith("DELETE") || c.startsWith("POST"));
    }

    @Test
    void removeDeletesPipesThenDataSourcesThenTheirTokens() {
        bed.tinybird.answer("DELETE /v0/pipes/pg_users_api", 204, "")
                .answer("DELETE /v0/pipes/pg_users_mv", 204, "")
                .answer("DELETE /v0/datasources/pg_users_latest", 204, "")
                .answer("DELETE /v0/datasources/pg_users_raw", 204, "")
                .answerFile("GET /v0/tokens", 200, "tokens_list.json")
                .answer("DELETE /v0/tokens/pg_users_api_read", 204, "")
                .answer("DELETE /v0/tokens/cluster_eu_pg_users_raw_8f2c", 204, "");

        bed.target("classic").remove(false);

        assertThat(bed.tinybird.unexpected).isEmpty();
        assertThat(bed.tinybird.calls()).containsExactly("DELETE /v0/pipes/pg_users_api", "DELETE /v0/pipes/pg_users_mv",
                "DELETE /v0/datasources/pg_users_latest", "DELETE /v0/datasources/pg_users_raw", "GET /v0/tokens",
                "DELETE /v0/tokens/pg_users_api_read", "DELETE /v0/tokens/cluster_eu_pg_users_raw_8f2c");
        assertThat(bed.reports).contains("pg_users_api: removed.", "pg_users_raw: removed.",
                "Token cluster_eu_pg_users_raw_8f2c: removed.");
        bed.assertNothingShowsASecret();
    }

    @Test
    void removeWhenNothingIsThereSaysSoForEachAndKeepsTheConnection() {
        String notFound = "{\"error\": \"not found\"}";
        bed.tinybird.answer("DELETE /v0/pipes/pg_users_api", 404, notFound)
                .answer("DELETE /v0/pipes/pg_users_mv", 404, notFound)
                .answer("DELETE /v0/datasources/pg_users_latest", 404, notFound)
                .answer("DELETE /v0/datasources/pg_users_raw", 404, notFound)
                .answer("GET /v0/tokens", 200, "{\"tokens\": []}")
                .answer("DELETE /v0/tokens/pg_users_api_read", 404, notFound);

        bed.target("classic").remove(false);

        assertThat(bed.tinybird.unexpected).isEmpty();
        assertThat(bed.reports).contains("pg_users_api: was not there.", "pg_users_mv: was not there.",
                "pg_users_latest: was not there.", "pg_users_raw: was not there.", "Token pg_users_api_read: was not there.");
        assertThat(bed.tinybird.calls()).noneMatch(c -> c.contains("connectors"));
    }

    @Test
    void removeWithTheConnectionDeletesItLast() {
        String notFound = "{\"error\": \"not found\"}";
        bed.tinybird.answer("DELETE /v0/pipes/pg_users_api", 404, notFound)
                .answer("DELETE /v0/pipes/pg_users_mv", 404, notFound)
                .answer("DELETE /v0/datasources/pg_users_latest", 404, notFound)
                .answer("DELETE /v0/datasources/pg_users_raw", 204, "")
                .answer("GET /v0/tokens", 200, "{\"tokens\": []}")
                .answer("DELETE /v0/tokens/pg_users_api_read", 404, notFound)
                .answerFile("GET /v0/connectors", 200, "connectors_ours.json")
                .answer("DELETE " + OURS, 204, "");

        bed.target("classic").remove(true);

        assertThat(bed.tinybird.calls()).endsWith("GET /v0/connectors", "DELETE " + OURS);
        assertThat(bed.reports).contains("pg_users_raw: removed.", "Kafka connection cluster_eu: removed.");
    }

    @Test
    void aDataSourceOthersDependOnStopsTheRemovalWithTheirNames() {
        bed.tinybird.answer("DELETE /v0/pipes/pg_users_api", 204, "")
                .answer("DELETE /v0/pipes/pg_users_mv", 204, "")
                .answer("DELETE /v0/datasources/pg_users_latest", 409,
                        "{\"error\": \"The Data Source is used by the pipe reports_api\", \"errors\": [\"reports_api\"]}");

        CookbookException e = catchThrowableOfType(CookbookException.class, () -> bed.target("classic").remove(false));

        assertThat(e.getMessage()).contains("409", "used by the pipe reports_api");
        assertThat(e.hint()).contains("depend");
        assertThat(bed.tinybird.calls()).doesNotContain("DELETE /v0/datasources/pg_users_raw");
    }

    @Test
    void aDryRunSendsNothingAndMasksTheKafkaCredentials() {
        Testbed dry = new Testbed(Plan.dryRun());
        try {
            dry.target("classic").create();

            assertThat(dry.tinybird.requests).isEmpty();
            assertThat(dry.plan.steps()).extracting(Plan.Step::method).containsExactly("GET", "POST", "GET", "GET", "GET",
                    "POST", "POST", "POST", "POST");
            assertThat(dry.plan.describe()).contains("/v0/connectors/<id of connection 'cluster_eu'>/preview",
                    "/v0/datafiles?filenames=pg_users_mv.pipe", "\"kafka_bootstrap_servers\": \"" + BOOTSTRAP + "\"");
            dry.assertNothingShowsASecret();
        } finally {
            dry.close();
        }
    }
}
