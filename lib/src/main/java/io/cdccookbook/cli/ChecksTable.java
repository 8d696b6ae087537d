package io.cdccookbook.cli;

import io.cdccookbook.source.ReadinessCheck;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/** Readiness checks as a tablesaw table: one row per check, with a hint on each failure. */
public final class ChecksTable {

    private ChecksTable() {
    }

    public static Table of(String title, List<ReadinessCheck> checks) {
        return Table.create(title,
                StringColumn.create("check", checks.stream().map(ReadinessCheck::name)),
                StringColumn.create("result", checks.stream().map(c -> c.result().name())),
                StringColumn.create("detail", checks.stream().map(ReadinessCheck::detail)),
                StringColumn.create("hint", checks.stream().map(ReadinessCheck::hint)));
    }

    public static boolean allPassed(List<ReadinessCheck> checks) {
        return checks.stream().allMatch(ReadinessCheck::passed);
    }
}
