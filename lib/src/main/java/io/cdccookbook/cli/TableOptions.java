package io.cdccookbook.cli;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Setting;
import io.cdccookbook.config.Settings;
import io.cdccookbook.table.ColumnName;
import io.cdccookbook.table.TableName;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --table NAME}, repeatable: the tables a command works on. On the command line it is CDC_TABLES
 * (given this way it wins over the environment and the settings file); without either, the users demo's
 * USERS_TABLE_NAME. {@code --exclude-column TABLE.COLUMN}, repeatable, is CDC_EXCLUDE_COLUMNS: columns left
 * out of the capture (Debezium's column.exclude.list), of the replica and of the comparison.
 */
public class TableOptions {

    @Option(names = "--table", paramLabel = "NAME", converter = TableNameConverter.class,
            description = "A table to work on; repeat for several (default: CDC_TABLES, else USERS_TABLE_NAME, the users demo).")
    List<TableName> tables = new ArrayList<>();

    @Option(names = "--exclude-column", paramLabel = "TABLE.COLUMN", converter = ColumnNameConverter.class,
            description = "A column to leave out of the capture, e.g. orders.picture; repeat for several (default: CDC_EXCLUDE_COLUMNS).")
    List<ColumnName> excludedColumns = new ArrayList<>();

    /** {@code settings} with CDC_TABLES and CDC_EXCLUDE_COLUMNS replaced by what is given here, if anything. */
    public Settings applyTo(Settings settings) {
        Map<Setting, String> given = new java.util.EnumMap<>(Setting.class);
        if (!tables.isEmpty()) {
            given.put(Setting.CDC_TABLES, String.join(",", tables.stream().map(TableName::value).distinct().toList()));
        }
        if (!excludedColumns.isEmpty()) {
            given.put(Setting.CDC_EXCLUDE_COLUMNS, String.join(",", excludedColumns.stream().map(ColumnName::toString).toList()));
        }
        return given.isEmpty() ? settings : settings.with(given);
    }

    /** {@code table.column}, both names the cookbook can use unquoted, or picocli's one-line error (exit 2). */
    static final class ColumnNameConverter implements CommandLine.ITypeConverter<ColumnName> {
        @Override
        public ColumnName convert(String value) {
            try {
                return ColumnName.parse(value);
            } catch (CookbookException e) {
                throw new CommandLine.TypeConversionException(e.oneLine());
            }
        }
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
