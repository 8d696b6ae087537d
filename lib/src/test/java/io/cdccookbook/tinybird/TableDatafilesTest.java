package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.table.SourceColumn;
import io.cdccookbook.table.TableSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table of one's own on the tinybird target: tinybird/'s files are deployed as they are, the missing ones
 * generated (in a dry run only shown), nothing there is replaced; remove-pipeline deletes only what
 * create-pipeline generated and nobody changed.
 */
class TableDatafilesTest {

    static final String TOPIC = "shop.public.orders";
    static final TableSchema ORDERS = new TableSchema(SourceDb.PG, "orders", List.of(
            new SourceColumn("tenant", "character varying", "character varying(20)", 20, -1, -1, false),
            new SourceColumn("id", "bigint", "bigint", -1, -1, -1, false),
            new SourceColumn("total", "numeric", "numeric(12,2)", -1, 12, 2, true)), List.of("tenant", "id"));
    static final List<String> PATHS = List.of("pg/datasources/pg_orders_raw.datasource", "pg/datasources/pg_orders_latest.datasource",
            "pg/materializations/pg_orders_mv.pipe", "pg/endpoints/pg_orders_api.pipe");

    /** The orders table's four files, generated into {@code folder} as create-pipeline writes them. */
    static TableDatafiles ordersGenerated(Path folder, java.util.function.Consumer<String> report) {
        return TableDatafiles.resolve(folder, SourceDb.PG, "orders", Optional.of(ORDERS), TOPIC, true, report);
    }

    @TempDir
    Path folder;
    @TempDir
    Path state;
    final List<String> report = new ArrayList<>();

    @Test
    void aDryRunShowsTheMissingFilesAndWritesNothing() {
        TableDatafiles files = TableDatafiles.resolve(folder, SourceDb.PG, "orders", Optional.of(ORDERS), TOPIC, false, report::add);

        assertThat(files.texts()).containsOnlyKeys(PATHS);
        assertThat(files.generated()).extracting(ProjectFile::path).containsExactlyElementsOf(PATHS);
        assertThat(report).hasSize(4).allSatisfy(l -> assertThat(l).startsWith("[dry run] Would generate ").endsWith("nothing was written."));
        assertThat(folder).isEmptyDirectory();
        TinybirdProject project = TinybirdProject.load(files.texts()::get, DatafileSource.embedded(), SourceDb.PG, "orders");
        assertThat(project.removalOrder()).containsExactly("pg_orders_api", "pg_orders_mv", "pg_orders_latest", "pg_orders_raw");
        assertThat(project.raw().setting("KAFKA_TOPIC")).isEqualTo(TOPIC);
    }

    @Test
    void whatIsThereIsDeployedAsItIsAndOnlyWhatIsMissingIsGenerated() throws Exception {
        Path endpoint = folder.resolve(PATHS.get(3));
        TableDatafiles.resolve(folder, SourceDb.PG, "orders", Optional.of(ORDERS), TOPIC, true, report::add);
        assertThat(report).hasSize(4).allSatisfy(l -> assertThat(l).startsWith("Generated ").endsWith("commit it with your project."));
        String edited = Files.readString(endpoint).replace("DESCRIPTION >", "DESCRIPTION >\n    Edited by hand.");
        Files.writeString(endpoint, edited);
        Files.delete(folder.resolve(PATHS.get(0)));
        report.clear();

        TableDatafiles again = TableDatafiles.resolve(folder, SourceDb.PG, "orders", Optional.of(ORDERS), TOPIC, true, report::add);

        assertThat(again.texts().get(PATHS.get(3))).as("an edited file is deployed as edited, never replaced").isEqualTo(edited);
        assertThat(Files.readString(endpoint)).isEqualTo(edited);
        assertThat(again.generated()).extracting(ProjectFile::path).containsExactly(PATHS.get(0));
        assertThat(report).singleElement().asString().contains("pg_orders_raw.datasource");
        assertThat(TableDatafiles.complete(folder, SourceDb.PG, "orders")).isTrue();

        TableDatafiles noSchemaNeeded = TableDatafiles.resolve(folder, SourceDb.PG, "orders", Optional.empty(), TOPIC, true, report::add);
        assertThat(noSchemaNeeded.generated()).isEmpty();
        assertThat(noSchemaNeeded.texts().get(PATHS.get(3))).isEqualTo(edited);
    }

    @Test
    void missingFilesWithoutTheTablesColumnsAreOneLineThatSaysWhatToDo() {
        assertThatThrownBy(() -> TableDatafiles.resolve(folder, SourceDb.PG, "orders", Optional.empty(), TOPIC, false, report::add))
                .isInstanceOf(CookbookException.class)
                .hasMessageStartingWith("The Tinybird datafiles of table orders are not in ")
                .satisfies(e -> assertThat(((CookbookException) e).hint()).contains("generate-datafiles --table orders", "PG_HOST_URL"));
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void removeDeletesWhatCreateGeneratedAndNobodyChangedAndLeavesTheRest() throws Exception {
        GeneratedRecord record = new GeneratedRecord(state, "db.example.com:5432/shop");
        TableDatafiles files = TableDatafiles.resolve(folder, SourceDb.PG, "orders", Optional.of(ORDERS), TOPIC, true, report::add);
        List<Path> written = files.generated().stream().map(f -> folder.resolve(f.path())).toList();
        record.remember(written.subList(0, 3)); // the endpoint's file: as if the user had written it with generate-datafiles
        Files.writeString(written.get(1), Files.readString(written.get(1)) + "\n# mine now\n");
        Files.delete(written.get(2));
        report.clear();

        new GeneratedRecord(state, "other.example.com:5432/shop").removeUnchanged(written, report::add);
        assertThat(report).as("another server's pipeline made none of them").isEmpty();
        assertThat(written.stream().filter(Files::exists).toList()).containsExactly(written.get(0), written.get(1), written.get(3));

        record.removeUnchanged(written, report::add);

        assertThat(report).containsExactly(
                "Deleted datafile " + io.cdccookbook.config.ShownPath.of(written.get(0)) + " (create-pipeline generated it; unchanged since).",
                "Left datafile " + io.cdccookbook.config.ShownPath.of(written.get(1)) + " as it is: it was edited after create-pipeline generated it.",
                "Datafile " + io.cdccookbook.config.ShownPath.of(written.get(2)) + " was not there.");
        assertThat(written.get(0)).doesNotExist();
        assertThat(written.get(1)).exists();
        assertThat(written.get(3)).as("not the cookbook's: never touched").exists();
        report.clear();
        record.removeUnchanged(written, report::add);
        assertThat(report).as("forgotten once handled: a second remove says nothing").isEmpty();
    }
}
