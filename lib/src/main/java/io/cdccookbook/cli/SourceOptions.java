package io.cdccookbook.cli;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.pipeline.PipelineState;
import io.cdccookbook.provision.ContainerServers;
import io.cdccookbook.provision.DatabaseProvisioner;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.DbSettings;
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

    public DbProvider provider(Settings settings) {
        return provider != null ? provider : DbProvider.parse(settings.get(Setting.CDC_DB_PROVIDER));
    }

    /**
     * Finds or starts the database and says which one it is on stderr. Unless --db-provider says
     * otherwise, a running local pipeline's database comes first, so commands in a second terminal work on
     * what the pipeline captures.
     */
    public RunningDatabase provision(Settings settings, Console console) {
        SourceDb kind = sourceDb(settings);
        DbProvider chosen = provider(settings);
        RunningDatabase db = chosen == DbProvider.AUTO
                ? PipelineState.running(settings.stateDir(), kind).map(state -> ofPipeline(state, settings))
                .orElseGet(() -> DatabaseProvisioner.provision(kind, chosen, settings))
                : DatabaseProvisioner.provision(kind, chosen, settings);
        console.info(db.description());
        return db;
    }

    /** The database of a running local pipeline; the pipeline keeps it running. */
    public static RunningDatabase ofPipeline(PipelineState state, Settings settings) {
        String password = switch (state.provider()) {
            case EXTERNAL -> settings.get(state.sourceDb().password);
            case TESTCONTAINERS -> ContainerServers.password();
            default -> "";
        };
        DbSettings db = state.db(password);
        return new RunningDatabase(db, state.provider(), "Using the database of the running local pipeline (pid "
                + state.pid() + "): " + db.kind().displayName() + " at " + db.address() + "/" + db.database() + ".", () -> { });
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
