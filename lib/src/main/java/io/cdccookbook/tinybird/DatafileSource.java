package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the datafiles come from. The tinybird/ folder of a checkout is the canonical copy, and it is
 * read whenever it is there, so edits to it take effect. A JBang script run from a URL fetches Java
 * sources only, so there is no folder: then the copy built into {@link EmbeddedDatafiles} is used, which a
 * test keeps identical to the folder.
 */
public final class DatafileSource {

    /** The folder's name, next to cdc.properties (or at the checkout's root). */
    public static final String FOLDER = "tinybird";

    private final Path folder;

    private DatafileSource(Path folder) {
        this.folder = folder;
    }

    /**
     * The tinybird/ folder in {@code projectDir} when it holds any of the cookbook's datafiles, else the
     * built-in copy. (A tinybird/ folder of some other project, without these files, is not ours.)
     */
    public static DatafileSource forProject(Path projectDir) {
        Path dir = projectDir.resolve(FOLDER);
        boolean ours = EmbeddedDatafiles.FILES.keySet().stream().anyMatch(p -> Files.isRegularFile(dir.resolve(p)));
        return ours ? folder(dir) : embedded();
    }

    public static DatafileSource folder(Path folder) {
        return new DatafileSource(folder.toAbsolutePath().normalize());
    }

    public static DatafileSource embedded() {
        return new DatafileSource(null);
    }

    public boolean isFolder() {
        return folder != null;
    }

    /** The text of {@code path}, e.g. {@code pg/datasources/pg_users_raw.datasource}, with \n line ends. */
    public String read(String path) {
        if (folder == null) {
            String text = EmbeddedDatafiles.FILES.get(path);
            if (text == null) {
                throw new CookbookException("The cookbook has no built-in datafile " + path + ".",
                        "This is a bug in the cookbook: please report it.");
            }
            return text;
        }
        Path file = folder.resolve(path);
        try {
            // a Windows checkout may have \r\n; Tinybird and the tests expect \n
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new CookbookException("Cannot read the datafile " + file + ": " + e.getMessage(),
                    "Restore it (git checkout -- " + FOLDER + "/), or remove the whole " + FOLDER
                            + "/ folder to use the copy built into the cookbook.", e);
        }
    }

    /** Says which copy is in use, for the progress report. */
    public String description() {
        return folder != null ? "the datafiles in " + shown(folder)
                : "the datafiles built into the cookbook (there is no " + FOLDER + "/ folder next to cdc.properties)";
    }

    /** Relative to the working directory when below it (tinybird/), so logs and notebooks show no home folder. */
    private static String shown(Path folder) {
        Path here = Path.of("").toAbsolutePath().normalize();
        return folder.startsWith(here) && !folder.equals(here) ? here.relativize(folder) + "/" : folder.toString();
    }
}
