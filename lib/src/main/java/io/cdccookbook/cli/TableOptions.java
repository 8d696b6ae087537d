package io.cdccookbook.cli;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.table.TableName;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --table NAME}, repeatable: the tables a command works on. On the command line it is CDC_TABLES
 * (given this way it wins over the environment and the settings file); without either, the users demo's
 * USERS_TABLE_NAME.
 */
public class TableOptions {

    @Option(names = "--table", paramLabel = "NAME", converter = TableNameConverter.class,
            description = "A table to work on; repeat for several (default: CDC_TABLES, else USERS_TABLE_NAME, the users demo).")
    List<TableName> tables = new ArrayList<>();

    /** {@code settings} with CDC_TABLES replaced by the tables given here, if any. */
    public Settings applyTo(Settings settings) {
        if (tables.isEmpty()) {
            return settings;
        }
        List<String> names = tables.stream().map(TableName::value).distinct().toList();
        return settings.with(Map.of(Setting.CDC_TABLES, String.join(",", names)));
    }

    /** A name the cookbook can use unquoted, or picocli's one-line error (exit 2). */
    static final class TableNameConverter implements CommandLine.ITypeConverter<TableName> {
        @Override
        public TableName convert(String value) {
            try {
                return new TableName(value);
            } catch (CookbookException e) {
                throw new CommandLine.TypeConversionException(e.oneLine());
            }
        }
    }
}
