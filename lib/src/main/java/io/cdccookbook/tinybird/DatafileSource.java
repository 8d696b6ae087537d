//FILES tinybird/connections/confluent.connection=../../../../../../../tinybird/connections/confluent.connection
//FILES tinybird/mysql/datasources/mysql_users_latest.datasource=../../../../../../../tinybird/mysql/datasources/mysql_users_latest.datasource
//FILES tinybird/mysql/datasources/mysql_users_raw.datasource=../../../../../../../tinybird/mysql/datasources/mysql_users_raw.datasource
//FILES tinybird/mysql/endpoints/mysql_users_api.pipe=../../../../../../../tinybird/mysql/endpoints/mysql_users_api.pipe
//FILES tinybird/mysql/materializations/mysql_users_mv.pipe=../../../../../../../tinybird/mysql/materializations/mysql_users_mv.pipe
//FILES tinybird/pg/datasources/pg_users_latest.datasource=../../../../../../../tinybird/pg/datasources/pg_users_latest.datasource
//FILES tinybird/pg/datasources/pg_users_raw.datasource=../../../../../../../tinybird/pg/datasources/pg_users_raw.datasource
//FILES tinybird/pg/endpoints/pg_users_api.pipe=../../../../../../../tinybird/pg/endpoints/pg_users_api.pipe
//FILES tinybird/pg/materializations/pg_users_mv.pipe=../../../../../../../tinybird/pg/materializations/pg_users_mv.pipe
package io.cdccookbook.tinybird;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.ShownPath;
import io.cdccookbook.source.SourceDb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the datafiles come from. The tinybird/ folder of a checkout is the canonical copy, and it is
 * read whenever it is there, so edits to it take effect. A script run from a URL has no folder: then the
 * copy on the classpath is used (JBang's //FILES lines above put the folder's files into the script's jar,
 * lib/pom.xml puts the same folder into the library's; .ci/update-cookbook-sources.py writes the lines).
 */
public final class DatafileSource {

    /** The folder's name in the project folder, and the resources' folder on the classpath. */
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
        boolean ours = Stream.of(SourceDb.values()).flatMap(db -> TinybirdProject.paths(db).stream())
                .anyMatch(p -> Files.isRegularFile(dir.resolve(p)));
        return ours ? folder(dir) : embedded();
    }

    public static DatafileSource folder(Path folder) {
        return new DatafileSource(folder.toAbsolutePath().normalize());
    }

    public static DatafileSource embedded() {
        return new DatafileSource(null);
    }

    /** The text of {@code path}, e.g. {@code pg/datasources/pg_users_raw.datasource}, with \n line ends. */
    public String read(String path) {
        if (folder == null) {
            try (InputStream in = DatafileSource.class.getClassLoader().getResourceAsStream(FOLDER + "/" + path)) {
                if (in == null) {
                    throw new CookbookException("The cookbook has no built-in datafile " + path + ".",
                            "This is a bug in the cookbook: please report it.");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            } catch (IOException e) {
                throw new CookbookException("Cannot read the built-in datafile " + path + ": " + e.getMessage(),
                        "This is a bug in the cookbook: please report it.", e);
            }
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
        return folder != null ? "the datafiles in " + shownFolder()
                : "the datafiles built into the cookbook (the project folder has no " + FOLDER + "/ folder of them)";
    }

    /** Relative to the working directory when below it (tinybird/), so logs and notebooks show no home folder. */
    private String shownFolder() {
        String shown = ShownPath.of(folder);
        return shown.equals(folder.toString()) ? shown : shown + "/";
    }
}
