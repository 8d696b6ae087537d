package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatafileModelTest {

    static final Path FOLDER = Path.of("..", "tinybird").toAbsolutePath().normalize();

    static Stream<String> folderFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(FOLDER)) {
            return walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".md"))
                    .map(f -> FOLDER.relativize(f).toString().replace('\\', '/')).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("folderFiles")
    void everyFileInTheFolderRoundTripsUnchanged(String path) throws IOException {
        String text = Files.readString(FOLDER.resolve(path));
        Datafile parsed = DatafileParser.parse(path, text);

        assertThat(DatafileRenderer.render(parsed)).as("render(parse(%s))", path).isEqualTo(text);
        assertThat(DatafileParser.parse(path, DatafileRenderer.render(parsed))).isEqualTo(parsed);
    }

    @Test
    void readsTheRawDataSourceIntoColumnsAndSettings() throws IOException {
        Datafile raw = DatafileParser.parse("pg_users_raw.datasource",
                Files.readString(FOLDER.resolve("pg/datasources/pg_users_raw.datasource")));

        assertThat(raw.kind()).isEqualTo(DatafileKind.DATASOURCE);
        assertThat(raw.name()).isEqualTo("pg_users_raw");
        assertThat(raw.schema()).hasSize(14)
                .startsWith(new Column("id", "Nullable(Int32)", "$.id"))
                .endsWith(new Column("__deleted", "Nullable(String)", "$.__deleted"));
        assertThat(raw.setting("ENGINE")).isEqualTo("MergeTree");
        assertThat(raw.setting("ENGINE_SORTING_KEY")).isEqualTo("__timestamp");
        assertThat(raw.setting("KAFKA_TOPIC")).isEqualTo("postgres_cdc_demo.public.users");
        assertThat(raw.settings().keySet()).containsSubsequence("ENGINE", "KAFKA_CONNECTION_NAME", "KAFKA_TOPIC",
                "KAFKA_GROUP_ID", "KAFKA_AUTO_OFFSET_RESET");
    }

    @Test
    void readsPipesIntoNodesTokensAndTargets() throws IOException {
        Datafile mv = DatafileParser.parse("pg_users_mv.pipe", Files.readString(FOLDER.resolve("pg/materializations/pg_users_mv.pipe")));
        Datafile api = DatafileParser.parse("pg_users_api.pipe", Files.readString(FOLDER.resolve("pg/endpoints/pg_users_api.pipe")));

        assertThat(mv.nodes()).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo("materialized");
            assertThat(n.datasource()).isEqualTo("pg_users_latest");
            assertThat(n.sql()).startsWith("SELECT\n    assumeNotNull(id) AS id,").contains("FROM pg_users_raw");
        });
        assertThat(api.tokens()).containsExactly(new Token("pg_users_api_read", "READ"));
        assertThat(api.nodes()).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo("endpoint");
            assertThat(n.sql()).contains("FROM pg_users_latest FINAL").contains("WHERE _is_deleted = 0");
        });
    }

    @Test
    void readsTheOriginalsStyleQuotesCommentsAndBlankLinesInsideSql() {
        String demo = """
                # a comment
                TOKEN "users_api_rmt" READ

                NODE users_mv_0
                DESCRIPTION >
                    latest version

                SQL >

                    SELECT id,
                           name

                    FROM users_raw

                TYPE materialized
                DATASOURCE users_latest
                ENGINE "ReplacingMergeTree"
                ENGINE_VER 'updated_at'
                KAFKA_KEY_AVRO_DESERIALIZATION ''
                """;
        Datafile pipe = DatafileParser.parse("users_mv.pipe", demo);

        assertThat(pipe.tokens()).containsExactly(new Token("users_api_rmt", "READ"));
        Node node = pipe.nodes().get(0);
        assertThat(node.description()).isEqualTo("latest version");
        assertThat(node.sql()).isEqualTo("SELECT id,\n       name\n\nFROM users_raw");
        assertThat(node.settings()).containsEntry("ENGINE_VER", "updated_at").containsEntry("KAFKA_KEY_AVRO_DESERIALIZATION", "");
        assertThat(DatafileParser.parse("users_mv.pipe", DatafileRenderer.render(pipe))).isEqualTo(pipe);
    }

    @Test
    void settingsAreChangedOnTheModelInPlace() {
        Datafile file = DatafileParser.parse("x.datasource", "SCHEMA >\n    `a` String\n\nENGINE \"MergeTree\"\nKAFKA_TOPIC old\nKAFKA_GROUP_ID g\n");
        Datafile changed = file.withSetting("KAFKA_TOPIC", "new").withSetting("KAFKA_STORE_RAW_VALUE", "True");

        assertThat(DatafileRenderer.render(changed)).isEqualTo(
                "SCHEMA >\n    `a` String\n\nENGINE \"MergeTree\"\nKAFKA_TOPIC new\nKAFKA_GROUP_ID g\nKAFKA_STORE_RAW_VALUE True\n");
        assertThat(file.setting("KAFKA_TOPIC")).isEqualTo("old");
    }

    @Test
    void renamesWholeIdentifiersOnly() {
        Datafile pipe = DatafileParser.parse("a_api.pipe", """
                TOKEN a_api_read READ

                NODE a_api_0
                SQL >
                    SELECT a_latest.id FROM a_latest FINAL JOIN a_latest_extra USING id

                TYPE endpoint
                """);
        Datafile renamed = pipe.renamed(java.util.Map.of("a_api", "b_api", "a_api_read", "b_api_read",
                "a_api_0", "b_api_0", "a_latest", "b_latest"));

        assertThat(renamed.name()).isEqualTo("b_api");
        assertThat(renamed.tokens()).containsExactly(new Token("b_api_read", "READ"));
        assertThat(renamed.nodes().get(0).name()).isEqualTo("b_api_0");
        assertThat(renamed.nodes().get(0).sql()).isEqualTo("SELECT b_latest.id FROM b_latest FINAL JOIN a_latest_extra USING id");
    }

    @Test
    void saysWhichLineItCannotRead() {
        assertThatThrownBy(() -> DatafileParser.parse("bad.pipe", "NODE n\n    SELECT 1\n"))
                .isInstanceOf(CookbookException.class).hasMessageContaining("bad.pipe, line 2");
        assertThatThrownBy(() -> DatafileParser.parse("bad.pipe", "SQL >\n    SELECT 1\n"))
                .hasMessageContaining("SQL outside a NODE");
        assertThatThrownBy(() -> DatafileParser.parse("bad.datasource", "SCHEMA >\n    `a`\n"))
                .hasMessageContaining("cannot read the column '`a`'");
        assertThatThrownBy(() -> DatafileParser.parse("bad.txt", "")).hasMessageContaining("not a Tinybird datafile");
    }

    @Test
    void aWindowsCheckoutReadsTheSame() {
        String unix = "TYPE kafka\nKAFKA_KEY {{ tb_secret(\"K\") }}\n";
        assertThat(DatafileParser.parse("c.connection", unix.replace("\n", "\r\n")))
                .isEqualTo(DatafileParser.parse("c.connection", unix));
    }

    static List<String> paths() throws IOException {
        return folderFiles().toList();
    }
}
