///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//CDS
//SOURCES contents/GenerateDatafiles.java
//DESCRIPTION Write the Tinybird datafiles of source tables, generated from their schema, for you to read, edit and commit.

import io.cdccookbook.Cookbook;
import io.cdccookbook.CookbookException;
import io.cdccookbook.capture.ConnectorDefinition;
import io.cdccookbook.cli.Cli;
import io.cdccookbook.cli.CommonOptions;
import io.cdccookbook.cli.SourceOptions;
import io.cdccookbook.cli.TableOptions;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.ShownPath;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.table.SchemaReader;
import io.cdccookbook.table.TableName;
import io.cdccookbook.table.TableSchema;
import io.cdccookbook.tinybird.GeneratedDatafiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "generate-datafiles", mixinStandardHelpOptions = true, version = "cdc-cookbook " + Cookbook.VERSION, sortOptions = false,
        description = {"Writes the four Tinybird datafiles of each table (Kafka data source, replica, materialized pipe, endpoint),",
                "generated from the table's columns and primary key as the source database describes them.",
                "A file that differs from what is there (edited by hand?) is replaced only with --overwrite."})
public class GenerateDatafiles implements Callable<Integer> {

    @Mixin
    SourceOptions source;

    @Mixin
    TableOptions tables;

    @Option(names = "--out", paramLabel = "DIR", converter = FolderConverter.class,
            description = "Where to write them, in tinybird/'s layout (pg/..., mysql/...). Default: the project's tinybird/ folder.")
    Path out;

    @Option(names = "--overwrite", description = "Replace files that differ from what the tables give.")
    boolean overwrite;

    @Option(names = "--dry-run", description = "Say what would be written, write nothing.")
    boolean dryRun;

    @Mixin
    CommonOptions common;

    public static void main(String... args) {
        System.exit(Cli.run(new GenerateDatafiles(), args));
    }

    @Override
    public Integer call() {
        Path folder = out != null ? out : common.settings().projectDir().resolve("tinybird");
        var settings = tables.applyTo(common.settings());
        List<String> names = settings.tables();
        GeneratedDatafiles files;
        try (RunningDatabase db = source.provision(common.settings(), common.console())) {
            List<TableSchema> schemas = new ArrayList<>();
            List<String> topics = new ArrayList<>();
            for (String name : names) {
                schemas.add(SchemaReader.read(db.database(name), settings.excludedColumns()));
                topics.add(new ConnectorDefinition(db.settings(), name, "", null).topic());
            }
            files = GeneratedDatafiles.of(folder, schemas, topics);
        }
        List<GeneratedDatafiles.Entry> entries = dryRun ? files.entries() : files.write(overwrite);
        for (GeneratedDatafiles.Entry e : entries) {
            String what = switch (e.outcome()) {
                case NEW -> dryRun ? "would write " : "wrote      ";
                case UNCHANGED -> "unchanged  ";
                case DIFFERENT -> dryRun ? (overwrite ? "would replace " : "differs (kept; --overwrite replaces it) ") : "replaced   ";
            };
            common.console().println(what + ShownPath.of(e.path()));
        }
        long changed = entries.stream().filter(e -> e.outcome() != GeneratedDatafiles.Outcome.UNCHANGED).count();
        common.console().println(dryRun ? "Dry run: nothing was written." : changed == 0
                ? "The datafiles of " + String.join(", ", names) + " are up to date in " + ShownPath.of(folder) + "."
                : changed + (changed == 1 ? " datafile" : " datafiles") + " written to " + ShownPath.of(folder) + ", read back and checked.");
        return 0;
    }

    /** A folder to write into: it may not exist yet, but it may not be a file. */
    static final class FolderConverter implements CommandLine.ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            try {
                if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
                    throw new CommandLine.TypeConversionException("--out needs a folder name, not '" + value.strip() + "'.");
                }
                Path path = Path.of(value);
                if (Files.exists(path) && !Files.isDirectory(path)) {
                    throw new CommandLine.TypeConversionException(value + " is a file, not a folder.");
                }
                for (Path part : path) {
                    if (part.toString().length() > 255) {
                        throw new CommandLine.TypeConversionException("--out has a name longer than 255 characters.");
                    }
                }
                return path;
            } catch (InvalidPathException e) {
                throw new CommandLine.TypeConversionException("--out is not a folder name: " + e.getReason() + ".");
            }
        }
    }
}
