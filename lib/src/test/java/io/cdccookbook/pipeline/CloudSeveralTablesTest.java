package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Plan;
import io.cdccookbook.config.Settings;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.DbSettings;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.table.SchemaReader;
import io.cdccookbook.testing.TestDatabases;
import io.cdccookbook.tinybird.GeneratedDatafiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tinybird target with the users demo and a table of one's own, as dry runs (Confluent Cloud cannot
 * reach a server on this machine, so the live path is tested part by part in the confluent and tinybird
 * packages): one connector of both tables, a Tinybird deployment per table, the own table's datafiles
 * generated from its columns and shown, nothing written and nothing sent.
 */
class CloudSeveralTablesTest {

    @TempDir
    Path project;
    @TempDir
    Path state;

    private Settings settings(RunningDatabase server, Map<String, String> more) {
        SourceDb kind = server.settings().kind();
        Map<String, String> pairs = new HashMap<>(Map.of("CDC_STATE_DIR", state.toString(), "CDC_TABLES", "users,orders_cloud",
                kind.host.name(), server.settings().host(), kind.port.name(), String.valueOf(server.settings().port()),
                kind.user.name(), server.settings().user(), kind.password.name(), server.settings().password(),
                kind.database.name(), TestDatabases.TEST_DATABASE, "TINYBIRD_API_KEY", "p.never-sent", "TINYBIRD_DEPLOY", "forward"));
        pairs.putAll(more);
        return Settings.load(null, Map.of(), pairs, project); // project: where tinybird/ is, outside the checkout
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void aDryRunPlansOneConnectorAndADeploymentPerTableWithTheGeneratedFiles(TestDatabases.Target t) throws Exception {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase orders = server.database("orders_cloud");
        TestDatabases.execute(orders, "DROP TABLE IF EXISTS orders_cloud",
                "CREATE TABLE orders_cloud (tenant varchar(20) NOT NULL, id bigint NOT NULL, total numeric(12,2), PRIMARY KEY (tenant, id))");
        boolean pg = t.kind() == SourceDb.PG;
        String schema = pg ? "public" : TestDatabases.TEST_DATABASE;
        List<String> report = new ArrayList<>();
        Plan plan = Plan.dryRun();

        new CloudPipeline(settings(server, Map.of()), t.kind(), plan, report::add).create(GeneratorOptions.defaults(10),
                GeneratorOptions.defaults(5));

        String prefix = pg ? "pg" : "mysql";
        assertThat(report).anySatisfy(l -> assertThat(l).startsWith("[dry run] Would generate ")
                .contains(prefix + "/datasources/" + prefix + "_orders_cloud_raw.datasource").endsWith("nothing was written."));
        assertThat(report).contains("[dry run] Would create table users if missing on " + server.settings().address() + "/"
                + TestDatabases.TEST_DATABASE + ", and generate 10 events on table users after the connector runs, and generate 5 events on"
                + " each table of your own after the connector runs.");
        String planned = plan.describe();
        assertThat(planned).contains("\"table.include.list\": \"" + schema + ".users," + schema + ".orders_cloud\"",
                "KAFKA_TOPIC " + TestDatabases.TEST_DATABASE + "." + schema + ".users",
                "KAFKA_TOPIC " + TestDatabases.TEST_DATABASE + "." + schema + ".orders_cloud",
                prefix + "/endpoints/" + prefix + "_orders_cloud_api.pipe", prefix + "/endpoints/" + prefix + "_users_api.pipe");
        assertThat(plan.steps().stream().filter(s -> s.method().equals("POST") && s.url().contains("/connectors")).count())
                .as("one connector for both tables").isEqualTo(1);
        assertThat(plan.steps().stream().filter(s -> s.url().endsWith("/v1/deploy")).count()).as("a deployment per table").isEqualTo(2);
        assertThat(project.resolve("tinybird")).as("a dry run writes nothing").doesNotExist();
        assertThat(planned + String.join("\n", report)).doesNotContain("p.never-sent", server.settings().password().isEmpty()
                ? "p.never-sent" : server.settings().password());

        List<String> removal = new ArrayList<>();
        Plan remove = Plan.dryRun();
        new CloudPipeline(settings(server, Map.of()), t.kind(), remove, removal::add).remove(true);
        assertThat(remove.describe()).contains("/topics/" + TestDatabases.TEST_DATABASE + "." + schema + ".users",
                "/topics/" + TestDatabases.TEST_DATABASE + "." + schema + ".orders_cloud");
        assertThat(String.join("\n", removal)).contains(prefix + "_orders_cloud_raw: removed.", prefix + "_users_raw: removed.",
                "Kafka connection", "leave the tables of your own");
        assertThat(orders.tableIsThere()).isTrue();
        TestDatabases.execute(orders, "DROP TABLE orders_cloud");
    }

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void theDatafilesInTinybirdAreDeployedAsTheyAreAndWithoutThemAndAServerADryRunSaysWhatToDo(TestDatabases.Target t) throws Exception {
        RunningDatabase server = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        SourceDatabase orders = server.database("orders_cloud");
        TestDatabases.execute(orders, "DROP TABLE IF EXISTS orders_cloud",
                "CREATE TABLE orders_cloud (id int PRIMARY KEY, note varchar(30))");
        Settings noServer = settings(server, Map.of(t.kind().host.name(), "", "CDC_TABLES", "orders_cloud"));

        assertThatThrownBy(() -> new CloudPipeline(noServer, t.kind(), Plan.dryRun(), l -> { }).create(GeneratorOptions.defaults(0), GeneratorOptions.defaults(0)))
                .isInstanceOf(CookbookException.class).hasMessageContaining("The Tinybird datafiles of table orders_cloud are not in")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).contains("generate-datafiles --table orders_cloud"));

        // generate-datafiles, then an edit: the dry run needs no server and deploys the edited file
        DbSettings db = server.settings();
        var files = GeneratedDatafiles.of(project.resolve("tinybird"), List.of(SchemaReader.read(orders)),
                List.of(new io.cdccookbook.capture.ConnectorDefinition(db, "orders_cloud", "", null).topic()));
        files.write(false);
        String prefix = t.kind() == SourceDb.PG ? "pg" : "mysql";
        Path endpoint = project.resolve("tinybird/" + prefix + "/endpoints/" + prefix + "_orders_cloud_api.pipe");
        Files.writeString(endpoint, Files.readString(endpoint).replace("DESCRIPTION >", "DESCRIPTION >\n    Edited by hand."));
        List<String> report = new ArrayList<>();
        Plan plan = Plan.dryRun();

        new CloudPipeline(noServer, t.kind(), plan, report::add).create(GeneratorOptions.defaults(0), GeneratorOptions.defaults(0));

        assertThat(report).noneMatch(l -> l.contains("Would generate") || l.contains("Would create table"))
                .anyMatch(l -> l.contains("Tinybird: table orders_cloud uses its datafiles in "));
        assertThat(plan.describe()).contains("Edited by hand.");
        TestDatabases.execute(orders, "DROP TABLE orders_cloud");
    }
}
