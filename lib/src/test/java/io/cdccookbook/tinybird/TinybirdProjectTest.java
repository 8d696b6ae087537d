package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Settings;
import io.cdccookbook.source.SourceDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TinybirdProjectTest {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_767_225_600L), ZoneOffset.UTC);
    static final DatafileSource FOLDER = DatafileSource.folder(DatafileModelTest.FOLDER);

    static KafkaSettings kafka(String topic) {
        return KafkaSettings.fresh(Settings.of(Map.of("TINYBIRD_CONFLUENT_CONNECTION_NAME", "cluster_eu",
                "CONFLUENT_OFFSET_RESET", "earliest")), topic, CLOCK);
    }

    @Test
    void theRenderedRawDataSourceReadsTheTopicAsAFreshGroupThroughTheConnection() {
        TinybirdProject project = TinybirdProject.load(FOLDER, SourceDb.PG).consuming(kafka("pg_db.public.users"));

        ProjectFile raw = project.resourceFiles().get(0);
        assertThat(raw.path()).isEqualTo("pg/datasources/pg_users_raw.datasource");
        Datafile sent = DatafileParser.parse(raw.path(), raw.text());
        assertThat(sent.setting("KAFKA_CONNECTION_NAME")).isEqualTo("cluster_eu");
        assertThat(sent.setting("KAFKA_TOPIC")).isEqualTo("pg_db.public.users");
        assertThat(sent.setting("KAFKA_GROUP_ID")).isEqualTo("pg_db.public.users_1767225600");
        assertThat(sent.setting("KAFKA_AUTO_OFFSET_RESET")).isEqualTo("earliest");
        assertThat(sent.schema()).isEqualTo(TinybirdProject.load(FOLDER, SourceDb.PG).raw().schema());
        assertThat(project.connectionFile().path()).isEqualTo("connections/cluster_eu.connection");
        assertThat(project.connectionName()).isEqualTo("cluster_eu");
    }

    @Test
    void anotherTableRenamesEveryResourceAndReference() {
        TinybirdProject project = TinybirdProject.load(FOLDER, SourceDb.MYSQL).forTable("customers");

        assertThat(project.resourceFiles()).extracting(ProjectFile::path).containsExactly(
                "mysql/datasources/mysql_customers_raw.datasource", "mysql/datasources/mysql_customers_latest.datasource",
                "mysql/materializations/mysql_customers_mv.pipe", "mysql/endpoints/mysql_customers_api.pipe");
        assertThat(project.materialization().nodes().get(0).name()).isEqualTo("mysql_customers_mv_0");
        assertThat(project.materialization().nodes().get(0).datasource()).isEqualTo("mysql_customers_latest");
        assertThat(project.materialization().nodes().get(0).sql()).contains("FROM mysql_customers_raw");
        assertThat(project.endpoint().tokens()).containsExactly(new Token("mysql_customers_api_read", "READ"));
        assertThat(project.readToken()).isEqualTo("mysql_customers_api_read");
        assertThat(project.removalOrder()).containsExactly("mysql_customers_api", "mysql_customers_mv",
                "mysql_customers_latest", "mysql_customers_raw");
        assertThat(project.resourceFiles()).allSatisfy(f -> assertThat(f.text()).doesNotContain("mysql_users"));
    }

    @Test
    void theConnectionReadsItsCredentialsFromSecrets() {
        TinybirdProject project = TinybirdProject.load(FOLDER, SourceDb.PG);

        assertThat(project.connectionSecrets()).containsExactly(Map.entry("KAFKA_BOOTSTRAP_SERVERS", "CDC_KAFKA_BOOTSTRAP_SERVERS"),
                Map.entry("KAFKA_KEY", "CDC_KAFKA_KEY"), Map.entry("KAFKA_SECRET", "CDC_KAFKA_SECRET"));
        assertThat(project.connection().setting("KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
    }

    /** The endpoint returns the replica's columns (the local endpoint's come from the same model: EndpointPipe). */
    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void theEndpointReturnsTheReplicasColumns(SourceDb db) {
        TinybirdProject project = TinybirdProject.load(FOLDER, db);
        String sql = project.endpoint().nodes().get(0).sql();
        List<String> selected = Arrays.stream(sql.substring("SELECT".length(), sql.indexOf("FROM")).split(","))
                .map(String::strip).toList();

        assertThat(selected).containsExactlyElementsOf(project.latest().schema().stream().map(Column::name)
                .filter(c -> !c.equals("_version") && !c.equals("_is_deleted")).toList());
        assertThat(project.latest().setting("ENGINE")).isEqualTo("ReplacingMergeTree");
        assertThat(project.latest().setting("ENGINE_SORTING_KEY")).isEqualTo("id");
        assertThat(project.latest().setting("ENGINE_VER")).isEqualTo("_version");
        assertThat(project.latest().setting("ENGINE_IS_DELETED")).isEqualTo("_is_deleted");
    }

    /**
     * The raw data source takes from each event the users columns, __op, __source_ts_ms and __deleted (what
     * LocalReplica extracts into its raw table), all Nullable.
     */
    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void theRawDataSourceReadsEveryFieldOfTheFlatEvent(SourceDb db) {
        List<Column> schema = TinybirdProject.load(FOLDER, db).raw().schema();
        List<String> expected = Stream.concat(TinybirdProject.load(FOLDER, db).latest().schema().stream().map(Column::name)
                        .filter(c -> !c.equals("_version") && !c.equals("_is_deleted")),
                Stream.of("__op", "__source_ts_ms", "__deleted")).toList();

        assertThat(schema).extracting(Column::name).containsExactlyElementsOf(expected);
        assertThat(schema).allSatisfy(c -> {
            assertThat(c.jsonPath()).isEqualTo("$." + c.name());
            assertThat(c.type()).startsWith("Nullable(");
        });
        assertThat(schema).filteredOn(c -> c.name().endsWith("_at")).extracting(Column::type)
                .containsOnly("Nullable(Int64)"); // epoch microseconds, converted by the materialized pipe
    }

    @Test
    void theFolderIsUsedWhenItHoldsTheCookbooksFilesElseTheBuiltInCopy(@TempDir Path dir) throws IOException {
        assertThat(DatafileSource.forProject(DatafileModelTest.FOLDER.getParent()).description()).startsWith("the datafiles in ");
        assertThat(DatafileSource.forProject(dir).description()).startsWith("the datafiles built into the cookbook");
        Files.createDirectories(dir.resolve("tinybird/datasources"));
        Files.writeString(dir.resolve("tinybird/datasources/someone_elses.datasource"), "SCHEMA >\n    `a` String\n");
        assertThat(DatafileSource.forProject(dir).description()).as("a tinybird/ folder of another project")
                .startsWith("the datafiles built into the cookbook");

        TinybirdProject fromFolder = TinybirdProject.load(FOLDER, SourceDb.PG).consuming(kafka("t"));
        TinybirdProject builtIn = TinybirdProject.load(DatafileSource.embedded(), SourceDb.PG).consuming(kafka("t"));
        assertThat(builtIn.resourceFiles()).isEqualTo(fromFolder.resourceFiles());
    }

    @Test
    void aHalfDeletedFolderIsAnErrorNotASilentFallback(@TempDir Path dir) throws IOException {
        Path raw = dir.resolve("tinybird/pg/datasources/pg_users_raw.datasource");
        Files.createDirectories(raw.getParent());
        Files.copy(DatafileModelTest.FOLDER.resolve("pg/datasources/pg_users_raw.datasource"), raw);

        assertThatThrownBy(() -> TinybirdProject.load(DatafileSource.forProject(dir), SourceDb.PG))
                .isInstanceOf(CookbookException.class).hasMessageContaining("pg_users_latest.datasource");
    }

    @Test
    void anEditThatBreaksALinkFailsBeforeAnythingIsSent(@TempDir Path dir) throws IOException {
        for (String path : DatafileModelTest.paths()) {
            Path file = dir.resolve("tinybird").resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Files.readString(DatafileModelTest.FOLDER.resolve(path)).replace("TOKEN pg_users_api_read READ", "TOKEN someone APPEND"));
        }
        assertThatThrownBy(() -> TinybirdProject.load(DatafileSource.forProject(dir), SourceDb.PG))
                .hasMessageContaining("pg_users_api.pipe has no line TOKEN pg_users_api_read READ");
    }

    @Test
    void kafkaSettingsAreChecked() {
        assertThatThrownBy(() -> KafkaSettings.fresh(Settings.of(Map.of("CONFLUENT_CLUSTER_NAME", "cluster-eu")), "t", CLOCK))
                .hasMessageContaining("'cluster-eu'").hasMessageContaining("cannot name a Tinybird Kafka connection");
        assertThatThrownBy(() -> KafkaSettings.fresh(Settings.of(Map.of("CONFLUENT_CLUSTER_NAME", "c", "CONFLUENT_OFFSET_RESET", "newest")), "t", CLOCK))
                .hasMessageContaining("CONFLUENT_OFFSET_RESET 'newest'").hasMessageContaining("is not one of earliest, latest");
        assertThatThrownBy(() -> KafkaSettings.fresh(Settings.of(Map.of()), "t", CLOCK))
                .hasMessageContaining("TINYBIRD_CONFLUENT_CONNECTION_NAME");
        assertThat(KafkaSettings.fresh(Settings.of(Map.of("CONFLUENT_CLUSTER_NAME", "cluster_eu")), "t", CLOCK))
                .isEqualTo(new KafkaSettings("cluster_eu", "t", "t_1767225600", "earliest"));
    }
}
