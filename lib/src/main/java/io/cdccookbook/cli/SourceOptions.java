package io.cdccookbook.cli;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.pipeline.ServerChoice;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDb;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Which source database a script works on, and where it comes from. */
public class SourceOptions {

    @Option(names = "--source-db", paramLabel = "PG|MYSQL", converter = SourceDbConverter.class,
            description = "Source database: PG or MYSQL (any case; MariaDB counts as MySQL). Default: CDC_SOURCE_DB, else PG.")
    SourceDb sourceDb;

    @Option(names = "--db-provider", paramLabel = "auto|external|embedded|testcontainers", converter = ProviderConverter.class,
            description = "Where the database comes from. auto (default): the configured server if PG_HOST_URL/MYSQL_HOST_URL "
                    + "is set, else a Testcontainers container if Docker runs, else an embedded server.")
    DbProvider provider;

    public SourceDb sourceDb(Settings settings) {
        return sourceDb != null ? sourceDb : SourceDb.parse(settings.get(Setting.CDC_SOURCE_DB));
    }

    /** What the options and settings name, and so which server this command works on. */
    public ServerChoice choice(Settings settings) {
        return new ServerChoice(sourceDb(settings), provider, settings);
    }

    /**
     * Finds or starts the database and says which one it is, and why, on stderr: the server the options and
     * settings name, else the database of the local pipeline that runs now, else the default one.
     */
    public RunningDatabase provision(Settings settings, Console console) {
        RunningDatabase db = choice(settings).database();
        console.info(db.description());
        return db;
    }

    static final class SourceDbConverter implements CommandLine.ITypeConverter<SourceDb> {
        @Override
        public SourceDb convert(String value) {
            try {
                return SourceDb.parse(value);
            } catch (CookbookException e) {
                throw new CommandLine.TypeConversionException(e.oneLine());
            }
        }
    }

    static final class ProviderConverter implements CommandLine.ITypeConverter<DbProvider> {
        @Override
        public DbProvider convert(String value) {
            try {
                return DbProvider.parse(value);
            } catch (CookbookException e) {
                throw new CommandLine.TypeConversionException(e.oneLine());
            }
        }
    }
}
