package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.ShownPath;
import io.cdccookbook.table.ReplicaNames;
import io.cdccookbook.table.TableSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The datafiles {@link DatafileGenerator} writes for some tables, laid out as in tinybird/
 * ({@code pg/datasources/...}), and how they compare with a folder: each file is new, the same as what is
 * there, or different (perhaps edited by hand, so never replaced without being asked).
 */
public final class GeneratedDatafiles {

    /** What writing did, or would do, to one file. */
    public enum Outcome { NEW, UNCHANGED, DIFFERENT }

    /** One file and how it stands against the folder. */
    public record Entry(ProjectFile file, Path path, Outcome outcome) {
    }

    private final Path folder;
    private final List<ProjectFile> files;

    private GeneratedDatafiles(Path folder, List<ProjectFile> files) {
        this.folder = folder;
        this.files = List.copyOf(files);
    }

    /**
     * The four files of each table, in tinybird/'s layout.
     *
     * @param topics each table's Kafka topic, in the same order
     */
    public static GeneratedDatafiles of(Path folder, List<TableSchema> tables, List<String> topics) {
        List<ProjectFile> files = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            TableSchema table = tables.get(i);
            ReplicaNames names = ReplicaNames.of(table.kind(), table.name());
            List<String> paths = TinybirdProject.paths(table.kind(), names);
            List<Datafile> datafiles = DatafileGenerator.generate(table, names, topics.get(i), "confluent");
            for (int f = 0; f < datafiles.size(); f++) {
                files.add(new ProjectFile(paths.get(f), DatafileRenderer.render(datafiles.get(f))));
            }
        }
        return new GeneratedDatafiles(folder, files);
    }

    /** Each file against what the folder holds now. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (ProjectFile file : files) {
            Path path = folder.resolve(file.path());
            Outcome outcome;
            try {
                outcome = !Files.exists(path) ? Outcome.NEW
                        : Files.readString(path).equals(file.text()) ? Outcome.UNCHANGED : Outcome.DIFFERENT;
            } catch (IOException e) {
                throw new CookbookException("Cannot read " + ShownPath.of(path) + ": " + e.getMessage(),
                        "Check the folder's permissions.", e);
            }
            entries.add(new Entry(file, path, outcome));
        }
        return entries;
    }

    /**
     * Writes the new files, and the different ones when {@code overwrite}; refuses, writing nothing, when a
     * file differs and {@code overwrite} is off. Returns the entries as they stood before; every file
     * written is read back and checked.
     */
    public List<Entry> write(boolean overwrite) {
        List<Entry> entries = entries();
        List<String> different = entries.stream().filter(e -> e.outcome() == Outcome.DIFFERENT)
                .map(e -> ShownPath.of(e.path())).toList();
        if (!different.isEmpty() && !overwrite) {
            throw new CookbookException(String.join(", ", different) + (different.size() == 1 ? " differs" : " differ")
                    + " from what the table gives (edited by hand?): nothing was written.",
                    "Add --overwrite to replace " + (different.size() == 1 ? "it" : "them") + ", or move "
                            + (different.size() == 1 ? "it" : "them") + " away first.");
        }
        List<String> written = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.outcome() == Outcome.UNCHANGED) {
                continue;
            }
            try {
                Files.createDirectories(entry.path().getParent());
                Files.writeString(entry.path(), entry.file().text());
                if (!Files.readString(entry.path()).equals(entry.file().text())) {
                    throw new IOException("it reads back different from what was written");
                }
                written.add(ShownPath.of(entry.path()));
            } catch (IOException e) {
                throw new CookbookException("Cannot write " + ShownPath.of(entry.path()) + ": " + reason(e)
                        + (written.isEmpty() ? "" : " (written before it: " + String.join(", ", written) + ")") + ".",
                        "Check the folder's permissions and free space, then run the command again.", e);
            }
        }
        return entries;
    }

    /** Why a write failed, in words: a file system error's message is often only the path. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e instanceof java.nio.file.NoSuchFileException ? "no such folder, and it cannot be made"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileSystemException ? e.getClass().getSimpleName()
                : e.getMessage();
    }
}
