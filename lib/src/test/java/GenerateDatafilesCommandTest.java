import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.CommandRun;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * generate-datafiles as a user runs it, on the embedded servers: the users demo's files come out as committed,
 * a second run changes nothing, a file edited by hand is kept unless --overwrite, a dry run writes nothing,
 * and a table the cookbook cannot replicate stops with one line before anything is written.
 */
class GenerateDatafilesCommandTest {

    static final Path COMMITTED = Path.of("..", "tinybird");

    @TempDir
    Path dir;

    /** The default database names, so the topics are the committed files' topics. */
    private CommandRun run(SourceDb kind, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--source-db", kind.name(), "--db-provider", "embedded",
                "--config", Files.writeString(dir.resolve("cdc.properties"), "").toString(),
                "--set", "CDC_STATE_DIR=" + TestDatabases.stateDir()));
        return CommandRun.of(new GenerateDatafiles(), all.toArray(String[]::new));
    }

    private static SourceDatabase table(SourceDb kind, String table) {
        return SourceDatabase.of(TestDatabases.withDatabase(TestDatabases.embedded(kind).settings(), kind.database.defaultValue()), table);
    }

    private static List<Path> files(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void theUsersDemoComesOutAsCommittedAndASecondRunChangesNothing(SourceDb kind) throws Exception {
        table(kind, "users").createUsersTable();
        Path out = dir.resolve("out");

        CommandRun first = run(kind, "--out", out.toString());

        assertThat(first.exit()).as(first.all()).isZero();
        assertThat(first.out()).contains("4 datafiles written to", "read back and checked");
        String source = kind.name().toLowerCase(Locale.ROOT);
        assertThat(files(out)).hasSize(4).allSatisfy(f -> assertThat(f.toString()).startsWith(source));
        for (Path file : files(out)) {
            assertThat(Files.readString(out.resolve(file))).as(file.toString()).isEqualTo(Files.readString(COMMITTED.resolve(file)));
        }
        CommandRun second = run(kind, "--out", out.toString());
        assertThat(second.exit()).as(second.all()).isZero();
        assertThat(second.out()).contains("are up to date").doesNotContain("wrote");
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void anEditedFileIsKeptUnlessOverwriteAndNothingElseIsWrittenMeanwhile(SourceDb kind) throws Exception {
        table(kind, "users").createUsersTable();
        Path out = dir.resolve("out");
        assertThat(run(kind, "--out", out.toString()).exit()).isZero();
        Path edited = files(out).stream().filter(f -> f.toString().endsWith(".pipe")).map(out::resolve).findFirst().orElseThrow();
        Files.writeString(edited, Files.readString(edited) + "\n# my note\n");
        Path removed = files(out).stream().filter(f -> f.toString().endsWith("_raw.datasource")).map(out::resolve).findFirst().orElseThrow();
        Files.delete(removed);

        CommandRun refused = run(kind, "--out", out.toString());

        assertThat(refused.exit()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement().asString()
                .contains(edited.getFileName().toString(), "differs", "nothing was written", "--overwrite");
        assertThat(removed).as("check first: not written either").doesNotExist();
        assertThat(Files.readString(edited)).contains("# my note");

        CommandRun dry = run(kind, "--out", out.toString(), "--overwrite", "--dry-run");
        assertThat(dry.exit()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("would replace", "would write", "Dry run: nothing was written.");
        assertThat(removed).doesNotExist();

        CommandRun forced = run(kind, "--out", out.toString(), "--overwrite");
        assertThat(forced.exit()).as(forced.all()).isZero();
        assertThat(forced.out()).contains("replaced", "2 datafiles written");
        assertThat(Files.readString(edited)).doesNotContain("# my note");
        assertThat(removed).exists();
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void twoTablesOneWithACompositeKeyGetFourFilesEach(SourceDb kind) throws Exception {
        SourceDatabase lines = table(kind, "gen_lines");
        TestDatabases.execute(lines, "DROP TABLE IF EXISTS gen_lines", "CREATE TABLE gen_lines (line INT NOT NULL, code VARCHAR(12) NOT NULL,"
                + " amount NUMERIC(12,3), PRIMARY KEY (code, line))");
        table(kind, "users").createUsersTable();
        Path out = dir.resolve("out");

        CommandRun run = run(kind, "--out", out.toString(), "--table", "gen_lines", "--table", "users");

        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(files(out)).hasSize(8);
        String source = kind.name().toLowerCase(Locale.ROOT);
        assertThat(Files.readString(out.resolve(source + "/datasources/" + source + "_gen_lines_latest.datasource")))
                .contains("ENGINE_SORTING_KEY \"code, line\"", "`amount` Nullable(Decimal(12, 3))");
        TestDatabases.execute(lines, "DROP TABLE gen_lines");
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void aFolderThatCannotBeWrittenStopsWithOneLineSayingWhy(SourceDb kind) throws Exception {
        table(kind, "users").createUsersTable();
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve(kind.name().toLowerCase(Locale.ROOT)), "a file where the folder goes");

        CommandRun run = run(kind, "--out", out.toString());

        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("error: ")).toList()).as(run.all()).singleElement().asString()
                .contains(out.resolve(kind.name().toLowerCase(Locale.ROOT)).toString(), "is a file where a folder of the datafiles goes",
                        "nothing was written")
                .doesNotContain("Exception");
    }

    /** The review's cases: a link on the way would write outside --out, or over what it points at. */
    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void aSymbolicLinkInTheOutputFolderIsRefusedAndNothingIsWritten(SourceDb kind) throws Exception {
        table(kind, "users").createUsersTable();
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path victim = Files.writeString(outside.resolve("victim.txt"), "mine");
        for (boolean dangling : new boolean[]{true, false}) {
            Path out = Files.createDirectories(dir.resolve("out-links-" + dangling));
            Path datasources = Files.createDirectories(out.resolve(kind.name().toLowerCase(Locale.ROOT)).resolve("datasources"));
            Files.createSymbolicLink(datasources.resolve(kind.name().toLowerCase(Locale.ROOT) + "_users_raw.datasource"),
                    dangling ? outside.resolve("escaped.txt") : victim);

            CommandRun run = run(kind, "--out", out.toString(), "--overwrite");

            assertThat(run.exit()).as(run.all()).isEqualTo(1);
            assertThat(run.err()).as(run.all()).contains("is a symbolic link", "nothing was written");
            assertThat(outside.resolve("escaped.txt")).doesNotExist();
            assertThat(victim).hasContent("mine");
            try (var files = Files.walk(out)) {
                assertThat(files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList())
                        .as("nothing written").isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SourceDb.class)
    void aTableTheCookbookCannotReplicateStopsWithOneLineAndWritesNothing(SourceDb kind) throws Exception {
        SourceDatabase nokey = table(kind, "gen_nokey");
        SourceDatabase odd = table(kind, "gen_odd");
        TestDatabases.execute(nokey, "DROP TABLE IF EXISTS gen_nokey", "CREATE TABLE gen_nokey (a INT)", "DROP TABLE IF EXISTS gen_odd",
                kind == SourceDb.PG ? "CREATE TABLE gen_odd (id INT PRIMARY KEY, spot POINT)"
                        : "CREATE TABLE gen_odd (id INT PRIMARY KEY, spot POINT)");
        Path out = dir.resolve("out");

        for (String[] c : List.of(new String[]{"gen_nokey", "no primary key"}, new String[]{"gen_odd", "gen_odd.spot"},
                new String[]{"gen_absent", "There is no table gen_absent"})) {
            CommandRun run = run(kind, "--out", out.toString(), "--table", "users", "--table", c[0]);
            assertThat(run.exit()).as(run.all()).isEqualTo(1);
            assertThat(run.err().lines().filter(l -> l.startsWith("error: ")).toList()).as(run.all()).singleElement()
                    .asString().contains(c[1]).doesNotContain("Exception");
            assertThat(out).as("nothing written, users' files neither").doesNotExist();
        }
        TestDatabases.execute(nokey, "DROP TABLE gen_nokey", "DROP TABLE gen_odd");
    }

}
