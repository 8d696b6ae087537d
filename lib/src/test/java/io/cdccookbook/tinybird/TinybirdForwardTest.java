package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Plan;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.cdccookbook.tinybird.FakeTinybird.fixture;
import static io.cdccookbook.tinybird.Testbed.BOOTSTRAP;
import static io.cdccookbook.tinybird.Testbed.KAFKA_KEY;
import static io.cdccookbook.tinybird.Testbed.KAFKA_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Forward: a deployment is the whole workspace, so every test also checks what happens to the rest. */
class TinybirdForwardTest {

    static final String FIELD = "data_project://";
    static final List<String> OUR_FILES = List.of("pg/datasources/pg_users_raw.datasource",
            "pg/datasources/pg_users_latest.datasource", "pg/materializations/pg_users_mv.pipe", "pg/endpoints/pg_users_api.pipe");

    Testbed bed = new Testbed();
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path folder;

    @AfterEach
    void stop() {
        bed.close();
    }

    /** A workspace holding someone else's data source and endpoint, and nothing of ours. */
    void workspaceWithOthersOnly() {
        workspaceWithOthersOnly("deployments_live_4.json");
    }

    void workspaceWithOthersOnly(String deployments) {
        bed.tinybird.answerFile("GET /v0/datasources", 200, "datasources_other.json")
                .answerFile("GET /v0/pipes", 200, "pipes_other.json")
                .answerFile("GET /v0/connectors", 200, "connectors_none.json")
                .answerFile("GET /v0/datasources/other_events.datasource", 200, "other_events.datasource")
                .answerFile("GET /v1/pipes/other_api.pipe", 200, "other_api.pipe")
                .answerFile("GET /v1/deployments", 200, deployments);
    }

    void secretsOfWhichOnlyTheKeyExists() {
        bed.tinybird.answerFile("GET /v0/variables", 200, "variables_key_only.json")
                .answerFile("POST /v0/variables", 200, "variable_created.json")
                .answerFile("PUT /v0/variables/CDC_KAFKA_KEY", 200, "variable_created.json");
    }

    @Test
    void createDeploysOurFilesWithEveryOtherResourceUnchangedThenGoesLive() {
        workspaceWithOthersOnly();
        secretsOfWhichOnlyTheKeyExists();
        bed.tinybird.answerFile("POST /v1/deploy", 200, "deploy_created.json")
                .answerFile("GET /v1/deployments/5", 200, "deployment_creating_schema.json")
                .answerFile("GET /v1/deployments/5", 200, "deployment_data_ready.json")
                .answer("POST /v1/deployments/5/set-live", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v1/deployments/4", 200, "{\"result\": \"success\"}");

        bed.target("forward").create();

        assertThat(bed.tinybird.unexpected).isEmpty();
        assertThat(bed.tinybird.calls()).containsExactly(
                "GET /v0/datasources", "GET /v0/pipes", "GET /v0/connectors",
                "GET /v0/variables", "POST /v0/variables", "PUT /v0/variables/CDC_KAFKA_KEY", "POST /v0/variables",
                "GET /v0/datasources/other_events.datasource", "GET /v1/pipes/other_api.pipe",
                "GET /v1/deployments", "POST /v1/deploy", "GET /v1/deployments/5", "GET /v1/deployments/5",
                "POST /v1/deployments/5/set-live", "DELETE /v1/deployments/4");

        List<FakeTinybird.Part> parts = FakeTinybird.parts(bed.tinybird.requests("POST /v1/deploy").get(0));
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.name()).isEqualTo(FIELD);
            assertThat(p.contentType()).startsWith("text/plain");
        });
        assertThat(parts).extracting(FakeTinybird.Part::filename).containsExactly("datasources/other_events.datasource",
                "pipes/other_api.pipe", "connections/cluster_eu.connection", OUR_FILES.get(0), OUR_FILES.get(1),
                OUR_FILES.get(2), OUR_FILES.get(3));
        assertThat(parts.get(0).text()).as("carried over byte for byte").isEqualTo(fixture("other_events.datasource"));
        assertThat(parts.get(1).text()).isEqualTo(fixture("other_api.pipe"));
        Datafile raw = DatafileParser.parse(parts.get(3).filename(), parts.get(3).text());
        assertThat(raw.setting("KAFKA_CONNECTION_NAME")).isEqualTo("cluster_eu");
        assertThat(raw.setting("KAFKA_TOPIC")).isEqualTo(Testbed.PG_TOPIC);
        assertThat(raw.setting("KAFKA_GROUP_ID")).isEqualTo(Testbed.PG_TOPIC + "_" + Testbed.NOW);
        assertThat(raw.setting("KAFKA_AUTO_OFFSET_RESET")).isEqualTo("earliest");
        assertThat(parts.get(2).text()).contains("tb_secret(\"CDC_KAFKA_KEY\")").doesNotContain(KAFKA_KEY, KAFKA_SECRET);
        assertThat(bed.tinybird.requests("POST /v1/deploy").get(0).getUrl().queryParameter("allow_destructive_operations"))
                .as("a create never allows Tinybird to delete").isNull();

        List<RecordedRequest> created = bed.tinybird.requests("POST /v0/variables");
        assertThat(FakeTinybird.body(created.get(0))).isEqualTo("name=CDC_KAFKA_BOOTSTRAP_SERVERS&value="
                + BOOTSTRAP.replace(":", "%3A") + "&type=secret");
        assertThat(FakeTinybird.body(created.get(1))).isEqualTo("name=CDC_KAFKA_SECRET&value=" + KAFKA_SECRET + "&type=secret");
        assertThat(FakeTinybird.body(bed.tinybird.requests("PUT /v0/variables/CDC_KAFKA_KEY").get(0))).isEqualTo("value=" + KAFKA_KEY);

        assertThat(bed.pollWaits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(bed.reports).contains("Tinybird workspace: forward (TINYBIRD_DEPLOY=forward).",
                "Secret CDC_KAFKA_KEY updated.", "Tinybird deployment 5: live.",
                "Kafka connection cluster_eu: created.", "pg_users_raw: created.", "pg_users_api: created.");
        assertThat(bed.plan.describe()).contains("file datasources/other_events.datasource (carried over from the workspace unchanged")
                .contains("KAFKA_TOPIC " + Testbed.PG_TOPIC);
        bed.assertNothingShowsASecret();
    }

    /** Issue 12: a table of one's own deploys its own files, the rest of the workspace carried over, reading its own topic. */
    @Test
    void aTableOfOnesOwnDeploysItsFilesWithEveryOtherResourceUnchanged() throws Exception {
        workspaceWithOthersOnly();
        secretsOfWhichOnlyTheKeyExists();
        bed.tinybird.answerFile("POST /v1/deploy", 200, "deploy_created_orders.json")
                .answerFile("GET /v1/deployments/5", 200, "deployment_data_ready_orders.json")
                .answer("POST /v1/deployments/5/set-live", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v1/deployments/4", 200, "{\"result\": \"success\"}");
        TableDatafiles files = TableDatafilesTest.ordersGenerated(folder, bed.reports::add);

        bed.target("forward").forTable("orders", TableDatafilesTest.TOPIC, files).create();

        assertThat(bed.tinybird.unexpected).isEmpty();
        List<FakeTinybird.Part> parts = FakeTinybird.parts(bed.tinybird.requests("POST /v1/deploy").get(0));
        assertThat(parts).extracting(FakeTinybird.Part::filename).containsExactly("datasources/other_events.datasource",
                "pipes/other_api.pipe", "connections/cluster_eu.connection", "pg/datasources/pg_orders_raw.datasource",
                "pg/datasources/pg_orders_latest.datasource", "pg/materializations/pg_orders_mv.pipe", "pg/endpoints/pg_orders_api.pipe");
        Datafile raw = DatafileParser.parse(parts.get(3).filename(), parts.get(3).text());
        assertThat(raw.setting("KAFKA_TOPIC")).isEqualTo(TableDatafilesTest.TOPIC);
        assertThat(raw.setting("KAFKA_GROUP_ID")).isEqualTo(TableDatafilesTest.TOPIC + "_" + Testbed.NOW);
        assertThat(parts.get(6).text()).as("the endpoint's file as it is in the folder")
                .isEqualTo(java.nio.file.Files.readString(folder.resolve("pg/endpoints/pg_orders_api.pipe")));
        assertThat(parts.get(5).text()).contains("WHERE pg_orders_raw.tenant IS NOT NULL AND pg_orders_raw.id IS NOT NULL");
        assertThat(bed.reports).contains("Tinybird deployment 5: live.", "pg_orders_raw: created.", "pg_orders_api: created.");
        bed.assertNothingShowsASecret();
    }

    /**
     * Issue 12: two tables, deployed one after the other as create-pipeline does it. The second deployment is
     * the whole workspace too: it carries the first table's resources over byte for byte (deploying it must
     * not delete them), sets no secret the first one set, and replaces the first one's live deployment.
     */
    @Test
    void aSecondTableDeployedAfterTheUsersDemoKeepsTheUsersDemosResources() throws Exception {
        workspaceWithOthersOnly();
        secretsOfWhichOnlyTheKeyExists();
        bed.tinybird.answerFile("POST /v1/deploy", 200, "deploy_created.json")
                .answerFile("GET /v1/deployments/5", 200, "deployment_data_ready.json")
                .answer("POST /v1/deployments/5/set-live", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v1/deployments/4", 200, "{\"result\": \"success\"}");
        // what the workspace holds once the users demo's deployment is live: the second table's requests see it
        bed.tinybird.answerFile("GET /v0/datasources", 200, "datasources_ours_and_other.json")
                .answerFile("GET /v0/pipes", 200, "pipes_ours_and_other.json")
                .answerFile("GET /v0/connectors", 200, "connectors_ours.json")
                .answerFile("GET /v0/variables", 200, "variables_set_by_first_deploy.json")
                .answerFile("GET /v1/deployments", 200, "deployments_live_5.json")
                .answerFile("POST /v1/deploy", 200, "deploy_created_orders_6.json")
                .answer("POST /v1/deployments/6/set-live", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v1/deployments/5", 200, "{\"result\": \"success\"}");
        for (String file : List.of("pg_users_raw.datasource", "pg_users_latest.datasource")) {
            bed.tinybird.answerFile("GET /v0/datasources/" + file, 200, file);
        }
        for (String file : List.of("pg_users_mv.pipe", "pg_users_api.pipe")) {
            bed.tinybird.answerFile("GET /v1/pipes/" + file, 200, file);
        }
        TableDatafiles files = TableDatafilesTest.ordersGenerated(folder, bed.reports::add);
        TinybirdTarget workspace = bed.target("forward");

        workspace.forUsersDemo(Testbed.PG_TOPIC).create();
        int firstRound = bed.tinybird.calls().size();
        workspace.forTable("orders", TableDatafilesTest.TOPIC, files).create();

        assertThat(bed.tinybird.unexpected).isEmpty();
        List<String> second = bed.tinybird.calls().subList(firstRound, bed.tinybird.calls().size());
        assertThat(second).as("the secrets the first deployment set are known: none is set again")
                .noneMatch(c -> c.startsWith("POST /v0/variables") || c.startsWith("PUT /v0/variables"));
        assertThat(second).containsSubsequence("GET /v1/deployments", "POST /v1/deploy", "POST /v1/deployments/6/set-live",
                "DELETE /v1/deployments/5");
        List<RecordedRequest> deploys = bed.tinybird.requests("POST /v1/deploy");
        assertThat(deploys).hasSize(2);
        List<FakeTinybird.Part> parts = FakeTinybird.parts(deploys.get(1));
        assertThat(parts).extracting(FakeTinybird.Part::filename).contains("datasources/other_events.datasource",
                "pipes/other_api.pipe", "connections/cluster_eu.connection", "pg/datasources/pg_orders_raw.datasource",
                "pg/datasources/pg_orders_latest.datasource", "pg/materializations/pg_orders_mv.pipe", "pg/endpoints/pg_orders_api.pipe");
        for (String file : List.of("pg_users_raw.datasource", "pg_users_latest.datasource", "pg_users_mv.pipe", "pg_users_api.pipe")) {
            assertThat(parts).as(file + " carried over byte for byte").anySatisfy(p -> {
                assertThat(p.filename()).endsWith("/" + file);
                assertThat(p.text()).isEqualTo(fixture(file));
            });
        }
        assertThat(parts).extracting(FakeTinybird.Part::filename).doesNotHaveDuplicates().hasSize(11);
        assertThat(deploys.get(1).getUrl().queryParameter("allow_destructive_operations")).isNull();
        assertThat(bed.reports).contains("Tinybird deployment 5: live.", "Tinybird deployment 6: live.",
                "pg_users_raw: created.", "pg_orders_raw: created.");
        bed.assertNothingShowsASecret();
    }

    /** Issue 10, item 6: a failed and a pending deployment left by an interrupted run would block ours. */
    @Test
    void staleDeploymentsOfAnInterruptedRunAreDiscardedBeforeDeploying() {
        workspaceWithOthersOnly("deployments_live_4_failed_5_pending_6.json");
        secretsOfWhichOnlyTheKeyExists();
        bed.tinybird.answer("DELETE /v1/deployments/6", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v1/deployments/5", 200, "{\"result\": \"success\"}")
                .answerFile("POST /v1/deploy", 200, "deploy_created_7.json")
                .answer("POST /v1/deployments/7/set-live", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v1/deployments/4", 200, "{\"result\": \"success\"}");

        bed.target("forward").create();

        assertThat(bed.tinybird.unexpected).isEmpty();
        List<String> calls = bed.tinybird.calls();
        assertThat(calls).containsSubsequence("GET /v1/deployments", "DELETE /v1/deployments/6", "DELETE /v1/deployments/5",
                "POST /v1/deploy", "POST /v1/deployments/7/set-live", "DELETE /v1/deployments/4");
        assertThat(calls).as("the live one stays until ours is live; a deleted one needs nothing")
                .doesNotContain("DELETE /v1/deployments/3")
                .containsOnlyOnce("DELETE /v1/deployments/4");
        assertThat(calls.indexOf("DELETE /v1/deployments/4")).isGreaterThan(calls.indexOf("POST /v1/deployments/7/set-live"));
        assertThat(bed.reports).contains("Tinybird deployment 6 (pending, not live): discarded, so it cannot block ours.",
                "Tinybird deployment 5 (failed, not live): discarded, so it cannot block ours.", "Tinybird deployment 7: live.");
    }

    /** Everything of ours exists (an earlier run made it), beside someone else's resources. */
    static void workspaceWithOursAndOthers(FakeTinybird tinybird) {
        tinybird.answerFile("GET /v0/datasources", 200, "datasources_ours_and_other.json")
                .answerFile("GET /v0/pipes", 200, "pipes_ours_and_other.json")
                .answerFile("GET /v0/connectors", 200, "connectors_ours.json")
                .answerFile("GET /v0/variables", 200, "variables_all.json")
                .answerFile("GET /v0/datasources/other_events.datasource", 200, "other_events.datasource")
                .answerFile("GET /v0/datasources/pg_users_raw.datasource", 200, "pg_users_raw.datasource")
                .answerFile("GET /v0/datasources/pg_users_latest.datasource", 200, "pg_users_latest.datasource")
                .answerFile("GET /v1/pipes/other_api.pipe", 200, "other_api.pipe")
                .answerFile("GET /v1/pipes/pg_users_mv.pipe", 200, "pg_users_mv.pipe")
                .answerFile("GET /v1/pipes/pg_users_api.pipe", 200, "pg_users_api.pipe")
                .answerFile("GET /v1/deployments", 200, "deployments_live_4.json")
                .answerFile("POST /v1/deploy", 200, "deploy_rotates_secrets.json")
                .answer("POST /v1/deployments/9/set-live", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v1/deployments/4", 200, "{\"result\": \"success\"}")
                .answerFile("GET /v0/connectors/4a0c3a6e-7b7e-4a56-9d6c-0f3c1a2b3c4d/preview", 200, "preview_topics.json");
        for (String name : List.of("CDC_KAFKA_BOOTSTRAP_SERVERS", "CDC_KAFKA_KEY", "CDC_KAFKA_SECRET")) {
            tinybird.answerFile("PUT /v0/variables/" + name, 200, "variable_updated.json");
        }
    }

    /**
     * Issue 10, item 8: three runs on one state folder. The first after an upgrade cannot know what the
     * secrets hold (Tinybird never gives a value back), so it sets them and deploys; the second, with the same
     * settings, changes nothing; the third, with a rotated Kafka secret, updates only that one and deploys.
     */
    @Test
    void rotatedKafkaCredentialsReachTinybirdEvenWhenEverythingExists() {
        Testbed first = new Testbed();
        try {
            workspaceWithOursAndOthers(first.tinybird);
            first.target("forward").create();

            assertThat(first.tinybird.unexpected).isEmpty();
            assertThat(first.tinybird.calls()).contains("PUT /v0/variables/CDC_KAFKA_BOOTSTRAP_SERVERS",
                    "PUT /v0/variables/CDC_KAFKA_KEY", "PUT /v0/variables/CDC_KAFKA_SECRET", "POST /v1/deployments/9/set-live");
            assertThat(first.reports).contains("Secret CDC_KAFKA_SECRET updated.", "Kafka connection cluster_eu: secrets"
                    + " CDC_KAFKA_BOOTSTRAP_SERVERS, CDC_KAFKA_KEY, CDC_KAFKA_SECRET set anew and deployed; with them it lists 3 topics.");
            List<FakeTinybird.Part> parts = FakeTinybird.parts(first.tinybird.requests("POST /v1/deploy").get(0));
            assertThat(parts).filteredOn(p -> p.filename().equals("datasources/pg_users_raw.datasource")).singleElement()
                    .as("our data source is carried over as it is: its consumer group stays, nothing is read again")
                    .satisfies(p -> assertThat(p.text()).isEqualTo(fixture("pg_users_raw.datasource")));
            assertThat(first.tinybird.requests("POST /v1/deploy").get(0).getUrl().queryParameter("allow_destructive_operations")).isNull();
            first.assertNothingShowsASecret();

            Testbed second = new Testbed(Plan.live(), first.stateDir);
            try {
                workspaceWithOursAndOthers(second.tinybird);
                second.target("forward").create();

                assertThat(second.tinybird.calls()).as("same credentials: nothing written, nothing deployed")
                        .allMatch(c -> c.startsWith("GET /v0/"));
                assertThat(second.reports).contains("pg_users_raw: already there, left as it is.",
                        "pg_users_api: already there, left as it is.", "Secret CDC_KAFKA_SECRET unchanged (as the cookbook last set it).",
                        "Kafka connection cluster_eu: already there, with the credentials the cookbook last set.");
            } finally {
                second.close();
            }

            String rotated = "kafka-secret-rotated-0003";
            Testbed third = new Testbed(Plan.live(), first.stateDir);
            try {
                workspaceWithOursAndOthers(third.tinybird);
                third.target("forward", java.util.Map.of("CONFLUENT_SECRET", rotated)).create();

                assertThat(third.tinybird.unexpected).isEmpty();
                assertThat(third.tinybird.calls()).filteredOn(c -> c.startsWith("PUT ")).containsExactly("PUT /v0/variables/CDC_KAFKA_SECRET");
                assertThat(FakeTinybird.body(third.tinybird.requests("PUT /v0/variables/CDC_KAFKA_SECRET").get(0))).isEqualTo("value=" + rotated);
                assertThat(third.tinybird.calls()).containsSubsequence("PUT /v0/variables/CDC_KAFKA_SECRET", "POST /v1/deploy",
                        "POST /v1/deployments/9/set-live", "GET /v0/connectors/4a0c3a6e-7b7e-4a56-9d6c-0f3c1a2b3c4d/preview?preview_activity=false");
                assertThat(third.reports).contains("Secret CDC_KAFKA_KEY unchanged (as the cookbook last set it).",
                        "Secret CDC_KAFKA_SECRET updated.", "Tinybird deployment 9: live.",
                        "Kafka connection cluster_eu: secrets CDC_KAFKA_SECRET set anew and deployed; with them it lists 3 topics.");
                assertThat(String.join("\n", third.reports) + third.plan.describe()).doesNotContain(rotated);
            } finally {
                third.close();
            }
            assertThat(java.nio.file.Files.readString(first.stateDir.resolve("tinybird/kafka-credentials.json")))
                    .as("fingerprints, never the values").doesNotContain(rotated, KAFKA_SECRET, KAFKA_KEY, BOOTSTRAP);
            assertThat(io.cdccookbook.testing.FilePermissions.isPrivate(first.stateDir.resolve("tinybird/kafka-credentials.json"))).isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            first.close();
        }
    }

    @Test
    void rotatedCredentialsThatDoNotWorkAfterTheDeploymentFailWithTheConnectionsOwnWords() {
        workspaceWithOursAndOthers(bed.tinybird);
        bed.tinybird.instead("GET /v0/connectors/4a0c3a6e-7b7e-4a56-9d6c-0f3c1a2b3c4d/preview", 422,
                "{\"error\": \"Authentication failed: the Kafka key or secret is wrong\"}");

        CookbookException e = catchThrowableOfType(CookbookException.class, () -> bed.target("forward").create());

        assertThat(e.getMessage()).isEqualTo("Kafka connection cluster_eu: secrets CDC_KAFKA_BOOTSTRAP_SERVERS, CDC_KAFKA_KEY,"
                + " CDC_KAFKA_SECRET set anew and deployed, but its preview fails: 422 Authentication failed: the Kafka key or secret is wrong");
        assertThat(e.hint()).contains("CONFLUENT_UNAME", "CONFLUENT_SECRET");
        assertThat(bed.reports).noneMatch(r -> r.contains("with them it lists"));
        bed.assertNothingShowsASecret();
    }

    @Test
    void aSecretChangedOutsideTheCookbookIsSetAgain() {
        Testbed first = new Testbed();
        try {
            workspaceWithOursAndOthers(first.tinybird);
            first.target("forward").create();

            Testbed second = new Testbed(Plan.live(), first.stateDir);
            try {
                workspaceWithOursAndOthers(second.tinybird);
                // someone set CDC_KAFKA_KEY in the UI since: same fingerprint on our side, a later updated_at on Tinybird's
                second.tinybird.instead("GET /v0/variables", 200, "{\"variables\": ["
                        + "{\"name\": \"CDC_KAFKA_BOOTSTRAP_SERVERS\", \"type\": \"secret\", \"updated_at\": \"2026-02-05 10:00:00\"},"
                        + "{\"name\": \"CDC_KAFKA_KEY\", \"type\": \"secret\", \"updated_at\": \"2026-03-01 08:00:00\"},"
                        + "{\"name\": \"CDC_KAFKA_SECRET\", \"type\": \"secret\", \"updated_at\": \"2026-02-05 10:00:00\"}]}");
                second.target("forward").create();

                assertThat(second.tinybird.unexpected).isEmpty();
                assertThat(second.tinybird.calls()).filteredOn(c -> c.startsWith("PUT ")).containsExactly("PUT /v0/variables/CDC_KAFKA_KEY");
                assertThat(second.tinybird.calls()).contains("POST /v1/deployments/9/set-live");
            } finally {
                second.close();
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aDeploymentThatFailsShowsItsErrorFeedbackAndNeverGoesLive() {
        workspaceWithOthersOnly();
        secretsOfWhichOnlyTheKeyExists();
        bed.tinybird.answerFile("POST /v1/deploy", 200, "deploy_created.json")
                .answerFile("GET /v1/deployments/5", 200, "deployment_failed.json");

        CookbookException e = catchThrowableOfType(CookbookException.class, () -> bed.target("forward").create());

        assertThat(e.getMessage()).isEqualTo("Tinybird deployment 5 failed: Pipe pg_users_mv.pipe: Cannot convert NULL"
                + " value to non-Nullable type UInt8");
        assertThat(e.hint()).contains("Nothing went live");
        assertThat(bed.tinybird.calls()).doesNotContain("POST /v1/deployments/5/set-live", "DELETE /v1/deployments/4");
        assertThat(bed.tinybird.unexpected).isEmpty();
    }

    @Test
    void aRefusedDeploymentNamesTheFileAndTheError() {
        workspaceWithOthersOnly();
        secretsOfWhichOnlyTheKeyExists();
        bed.tinybird.answerFile("POST /v1/deploy", 400, "deploy_refused.json");

        CookbookException e = catchThrowableOfType(CookbookException.class, () -> bed.target("forward").create());

        assertThat(e.getMessage()).isEqualTo("Tinybird deployment 6 failed: There are errors in your project;"
                + " [pg/materializations/pg_users_mv.pipe] Unknown identifier: __deleted_flag");
        assertThat(bed.tinybird.calls()).last().isEqualTo("POST /v1/deploy");
    }

    @Test
    void aDeploymentThatWouldDeleteAnotherResourceIsDiscardedBeforeGoingLive() {
        workspaceWithOthersOnly();
        secretsOfWhichOnlyTheKeyExists();
        bed.tinybird.answerFile("POST /v1/deploy", 200, "deploy_would_delete_other.json")
                .answer("DELETE /v1/deployments/5", 200, "{\"result\": \"success\"}");

        CookbookException e = catchThrowableOfType(CookbookException.class, () -> bed.target("forward").create());

        assertThat(e.getMessage()).isEqualTo("Stopped before going live: Tinybird deployment 5 would also delete"
                + " other_events, which the cookbook did not make.");
        assertThat(e.hint()).startsWith("Nothing changed: the staged deployment was discarded.");
        assertThat(bed.tinybird.calls()).endsWith("POST /v1/deploy", "DELETE /v1/deployments/5")
                .doesNotContain("POST /v1/deployments/5/set-live");
    }

    /** Issue 10, item 7: Tinybird's CLI lists disconnected_data_source_names as a change; the guard refuses it. */
    @Test
    void aDeploymentThatWouldDisconnectAnotherKafkaDataSourceIsDiscardedBeforeGoingLive() {
        workspaceWithOthersOnly();
        secretsOfWhichOnlyTheKeyExists();
        bed.tinybird.answerFile("POST /v1/deploy", 200, "deploy_would_disconnect_other.json")
                .answer("DELETE /v1/deployments/5", 200, "{\"result\": \"success\"}");

        CookbookException e = catchThrowableOfType(CookbookException.class, () -> bed.target("forward").create());

        assertThat(e.getMessage()).isEqualTo("Stopped before going live: Tinybird deployment 5 would also disconnect"
                + " other_events, which the cookbook did not make.");
        assertThat(bed.tinybird.calls()).endsWith("POST /v1/deploy", "DELETE /v1/deployments/5")
                .doesNotContain("POST /v1/deployments/5/set-live");
    }

    @Test
    void removingTheConnectionMayDisconnectOnlyTheDataSourcesItRemoves() {
        bed.tinybird.answerFile("GET /v0/datasources", 200, "datasources_ours_and_other.json")
                .answerFile("GET /v0/pipes", 200, "pipes_ours_and_other.json")
                .answerFile("GET /v0/connectors", 200, "connectors_ours.json")
                .answerFile("GET /v0/datasources/other_events.datasource", 200, "other_events.datasource")
                .answerFile("GET /v1/pipes/other_api.pipe", 200, "other_api.pipe")
                .answerFile("GET /v1/deployments", 200, "deployments_live_4.json")
                .answer("POST /v1/deploy", 200, "{\"result\": \"success\", \"deployment\": {\"id\": \"8\", \"status\": \"data_ready\","
                        + " \"deleted_datasource_names\": [\"pg_users_raw\", \"pg_users_latest\"],"
                        + " \"deleted_pipe_names\": [\"pg_users_mv\", \"pg_users_api\"],"
                        + " \"disconnected_data_source_names\": [\"pg_users_raw\"],"
                        + " \"deleted_data_connector_names\": [\"cluster_eu\"]}}")
                .answer("POST /v1/deployments/8/set-live", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v1/deployments/4", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v0/variables/CDC_KAFKA_BOOTSTRAP_SERVERS", 200, "{\"ok\": true}")
                .answer("DELETE /v0/variables/CDC_KAFKA_KEY", 200, "{\"ok\": true}")
                .answer("DELETE /v0/variables/CDC_KAFKA_SECRET", 200, "{\"ok\": true}");

        bed.target("forward").remove(true);

        assertThat(bed.tinybird.unexpected).isEmpty();
        assertThat(bed.tinybird.calls()).contains("POST /v1/deployments/8/set-live");
        assertThat(bed.reports).contains("pg_users_raw: removed.", "Kafka connection cluster_eu: removed.");
    }

    @Test
    void removeDeploysEverythingElseAndLetsTinybirdDeleteOnlyOurs() {
        bed.tinybird.answerFile("GET /v0/datasources", 200, "datasources_ours_and_other.json")
                .answerFile("GET /v0/pipes", 200, "pipes_ours_and_other.json")
                .answerFile("GET /v0/connectors", 200, "connectors_ours.json")
                .answerFile("GET /v0/datasources/other_events.datasource", 200, "other_events.datasource")
                .answerFile("GET /v1/pipes/other_api.pipe", 200, "other_api.pipe")
                .answerFile("GET /v1/deployments", 200, "deployments_live_4.json")
                .answerFile("POST /v1/deploy", 200, "deploy_removes_ours.json")
                .answerFile("GET /v1/deployments/7", 200, "deployment_7_data_ready.json")
                .answer("POST /v1/deployments/7/set-live", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v1/deployments/4", 404, "{\"error\": \"Deployment not found\"}");

        bed.target("forward").remove(false);

        assertThat(bed.tinybird.unexpected).isEmpty();
        RecordedRequest deploy = bed.tinybird.requests("POST /v1/deploy").get(0);
        assertThat(deploy.getUrl().queryParameter("allow_destructive_operations")).isEqualTo("true");
        assertThat(FakeTinybird.parts(deploy)).extracting(FakeTinybird.Part::filename)
                .as("the rest of the workspace, the quarantine table left to its data source")
                .containsExactly("datasources/other_events.datasource", "pipes/other_api.pipe", "connections/cluster_eu.connection");
        assertThat(bed.tinybird.calls()).endsWith("POST /v1/deployments/7/set-live", "DELETE /v1/deployments/4");
        assertThat(bed.reports).contains("pg_users_api: removed.", "pg_users_mv: removed.", "pg_users_latest: removed.",
                "pg_users_raw: removed.");
        assertThat(bed.reports).noneMatch(r -> r.contains("Secret"));
    }

    @Test
    void removeWithTheConnectionAlsoDeletesItsSecrets() {
        bed.tinybird.answerFile("GET /v0/datasources", 200, "datasources_other.json")
                .answerFile("GET /v0/pipes", 200, "pipes_other.json")
                .answerFile("GET /v0/connectors", 200, "connectors_ours.json")
                .answerFile("GET /v0/datasources/other_events.datasource", 200, "other_events.datasource")
                .answerFile("GET /v1/pipes/other_api.pipe", 200, "other_api.pipe")
                .answerFile("GET /v1/deployments", 200, "deployments_live_4.json")
                .answer("POST /v1/deploy", 200, "{\"result\": \"success\", \"deployment\": {\"id\": \"8\", \"status\": \"data_ready\","
                        + " \"deleted_data_connector_names\": [\"cluster_eu\"]}}")
                .answer("POST /v1/deployments/8/set-live", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v1/deployments/4", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v0/variables/CDC_KAFKA_BOOTSTRAP_SERVERS", 200, "{\"ok\": true}")
                .answer("DELETE /v0/variables/CDC_KAFKA_KEY", 200, "{\"ok\": true}")
                .answer("DELETE /v0/variables/CDC_KAFKA_SECRET", 404, "{\"error\": \"Variable not found\"}");

        bed.target("forward").remove(true);

        assertThat(bed.tinybird.unexpected).isEmpty();
        assertThat(FakeTinybird.parts(bed.tinybird.requests("POST /v1/deploy").get(0))).extracting(FakeTinybird.Part::filename)
                .containsExactly("datasources/other_events.datasource", "pipes/other_api.pipe");
        assertThat(bed.reports).contains("pg_users_raw: was not there.", "Kafka connection cluster_eu: removed.",
                "Secret CDC_KAFKA_KEY deleted.", "Secret CDC_KAFKA_SECRET was not there.");
    }

    @Test
    void removeWhenNothingIsThereChangesNothing() {
        bed.tinybird.answerFile("GET /v0/datasources", 200, "datasources_other.json")
                .answerFile("GET /v0/pipes", 200, "pipes_other.json")
                .answerFile("GET /v0/connectors", 200, "connectors_ours.json");

        bed.target("forward").remove(false);

        assertThat(bed.tinybird.calls()).containsExactly("GET /v0/datasources", "GET /v0/pipes", "GET /v0/connectors");
        assertThat(bed.reports).contains("pg_users_api: was not there.", "pg_users_mv: was not there.",
                "pg_users_latest: was not there.", "pg_users_raw: was not there.");
    }

    @Test
    void connectKafkaDeploysOnlyTheConnectionAndChecksItsPreview() {
        workspaceWithOthersOnly();
        secretsOfWhichOnlyTheKeyExists();
        bed.tinybird.answer("POST /v1/deploy", 200, "{\"result\": \"success\", \"deployment\": {\"id\": \"5\", \"status\": \"data_ready\","
                        + " \"new_data_connector_names\": [\"cluster_eu\"]}}")
                .answer("POST /v1/deployments/5/set-live", 200, "{\"result\": \"success\"}")
                .answer("DELETE /v1/deployments/4", 200, "{\"result\": \"success\"}")
                .answerFile("GET /v0/connectors", 200, "connectors_ours.json")
                .answerFile("GET /v0/connectors/4a0c3a6e-7b7e-4a56-9d6c-0f3c1a2b3c4d/preview", 200, "preview_topics.json");

        bed.target("forward").connectKafka();

        assertThat(bed.tinybird.unexpected).isEmpty();
        assertThat(FakeTinybird.parts(bed.tinybird.requests("POST /v1/deploy").get(0))).extracting(FakeTinybird.Part::filename)
                .containsExactly("datasources/other_events.datasource", "pipes/other_api.pipe", "connections/cluster_eu.connection");
        assertThat(bed.reports).contains("Kafka connection cluster_eu: created.", "Kafka connection cluster_eu: lists 3 topics.");
    }

    @Test
    void aDryRunSendsNothingAndShowsEveryStepWithSecretsMasked() {
        Testbed dry = new Testbed(Plan.dryRun());
        try {
            dry.target("auto").create();

            assertThat(dry.tinybird.requests).isEmpty();
            String plan = dry.plan.describe();
            assertThat(plan).contains("GET " + dry.server.url("/v1/deployments") + "   # is the workspace Forward",
                    "POST " + dry.server.url("/v0/variables"), "value=********", "POST " + dry.server.url("/v1/deploy"),
                    "file pg/datasources/pg_users_raw.datasource", "KAFKA_GROUP_ID " + Testbed.PG_TOPIC + "_" + Testbed.NOW,
                    "/v1/deployments/<id of the new deployment>/set-live");
            assertThat(dry.reports).anyMatch(r -> r.contains("dry run: not asked, planned for Forward"))
                    .contains("[dry run] pg_users_raw: created.");
            dry.assertNothingShowsASecret();
        } finally {
            dry.close();
        }
    }

    @Test
    void aDryRunOfRemovingEverythingPlansTheDeploymentAndTheSecretsDeletion() {
        Testbed dry = new Testbed(Plan.dryRun());
        try {
            dry.target("forward").remove(true);

            assertThat(dry.tinybird.requests).isEmpty();
            assertThat(dry.plan.describe()).contains("/v1/deploy?allow_destructive_operations=true",
                    "DELETE " + dry.server.url("/v0/variables/CDC_KAFKA_SECRET"));
            dry.assertNothingShowsASecret();
        } finally {
            dry.close();
        }
    }
}
