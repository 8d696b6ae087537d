package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.ShownPath;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.table.TableSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The four datafiles of a table of one's own on the tinybird target: what tinybird/ holds for it is deployed
 * as it is (the user may have edited it); what is missing is generated from the table's columns
 * ({@link GeneratedDatafiles}) and written there for the user to read and commit, or in a dry run only
 * shown. Nothing there is ever replaced.
 *
 * @param texts     each file's path in tinybird/'s layout to the text to deploy
 * @param generated the files generated because they were missing (written, unless a dry run)
 */
public record TableDatafiles(Map<String, String> texts, List<ProjectFile> generated) {

    /** Whether tinybird/ in {@code folder} holds every file of {@code table}: then no schema is needed. */
    public static boolean complete(Path folder, SourceDb db, String table) {
        return TinybirdProject.paths(db, ReplicaNames.of(db, table)).stream().allMatch(p -> Files.isRegularFile(folder.resolve(p)));
    }

    /**
     * The files of {@code table}: those in {@code folder}, and for the missing ones the generator's, from
     * {@code schema} (needed only when some are missing).
     *
     * @param write  false in a dry run: the missing files are shown in the report, not written
     * @param report one line per file generated
     */
    public static TableDatafiles resolve(Path folder, SourceDb db, String table, Optional<TableSchema> schema, String topic,
                                         boolean write, Consumer<String> report) {
        Map<String, String> texts = new LinkedHashMap<>();
        List<String> paths = TinybirdProject.paths(db, ReplicaNames.of(db, table));
        if (complete(folder, db, table)) {
            for (String path : paths) {
                texts.put(path, read(folder.resolve(path)));
            }
            return new TableDatafiles(texts, List.of());
        }
        TableSchema columns = schema.orElseThrow(() -> new CookbookException("The Tinybird datafiles of table " + table
                + " are not in " + ShownPath.of(folder) + "/, and its columns were not read to generate them.",
                "Run generate-datafiles --table " + table + " first, or set " + db.host.name() + " so that they can be generated."));
        GeneratedDatafiles generated = GeneratedDatafiles.of(folder, List.of(columns), List.of(topic));
        List<GeneratedDatafiles.Entry> missing = generated.entries().stream()
                .filter(e -> e.outcome() == GeneratedDatafiles.Outcome.NEW).toList();
        for (GeneratedDatafiles.Entry e : generated.entries()) {
            texts.put(e.file().path(), e.outcome() == GeneratedDatafiles.Outcome.NEW ? e.file().text() : read(e.path()));
        }
        if (write) {
            generated.writeNew();
        }
        missing.forEach(e -> report.accept((write ? "Generated " : "[dry run] Would generate ") + ShownPath.of(e.path())
                + " from the columns of table " + table + " (it was not there)" + (write ? "; commit it with your project." : "; nothing was written.")));
        return new TableDatafiles(texts, missing.stream().map(GeneratedDatafiles.Entry::file).toList());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new CookbookException("Cannot read the datafile " + ShownPath.of(file) + ": " + e.getMessage(),
                    "Check the file, or move it away to have it generated again.", e);
        }
    }
}
