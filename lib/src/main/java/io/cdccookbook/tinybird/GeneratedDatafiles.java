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
            refuseLinksAndFiles(path);
            Outcome outcome;
            try {
                outcome = !Files.exists(path) ? Outcome.NEW
                        : Files.readString(path).equals(file.text()) ? Outcome.UNCHANGED : Outcome.DIFFERENT;
            } catch (IOException e) {
                throw new CookbookException("Cannot read " + ShownPath.of(path) + ": " + reason(e) + ".",
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
        writeAll(entries.stream().filter(e -> e.outcome() != Outcome.UNCHANGED).toList());
        return entries;
    }

    /** Writes the files that are not there, leaving every file that is as it is; returns those written. */
    public List<Entry> writeNew() {
        List<Entry> missing = entries().stream().filter(e -> e.outcome() == Outcome.NEW).toList();
        writeAll(missing);
        return missing;
    }

    /** Writes each entry's file, read back and checked; a failure names what was written before it. */
    private static void writeAll(List<Entry> entries) {
        List<String> written = new ArrayList<>();
        for (Entry entry : entries) {
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
    }

    /**
     * Checked before anything is written: a symbolic link on the way from the output folder to a file would
     * write outside it (or over what it points at), and a file where a folder goes would stop the writes half-way.
     */
    private void refuseLinksAndFiles(Path path) {
        Path at = folder;
        for (Path part : folder.relativize(path)) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                throw new CookbookException(ShownPath.of(at) + " is a symbolic link: the datafiles are written only inside "
                        + ShownPath.of(folder) + ", nothing was written.", "Remove the link, or write somewhere else with --out.");
            }
            if (!at.equals(path) && Files.exists(at, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(at)) {
                throw new CookbookException(ShownPath.of(at) + " is a file where a folder of the datafiles goes: nothing was written.",
                        "Move it away, or write somewhere else with --out.");
            }
        }
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new CookbookException(ShownPath.of(path) + " is a folder where a datafile goes: nothing was written.",
                    "Move it away, or write somewhere else with --out.");
        }
    }

    /** Why a write failed, in words: a file system error's message is often only the path. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e instanceof java.nio.file.NoSuchFileException ? "no such folder, and it cannot be made"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileAlreadyExistsException ? "a file is where a folder goes"
                : e instanceof java.nio.file.FileSystemException ? "the file system refused it"
                : e.getMessage();
    }
}
