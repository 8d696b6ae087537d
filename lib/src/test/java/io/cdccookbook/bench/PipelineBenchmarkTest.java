package io.cdccookbook.bench;

import io.cdccookbook.config.Settings;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The wide-table scenario's behaviour (not its speed): 20 columns of mixed types replicate identically, and nothing stays. */
class PipelineBenchmarkTest {

    @TempDir
    Path state;

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void theWideTableIsCapturedIdenticallyAndRemoved(TestDatabases.Target t) throws Exception {
        Settings settings = Settings.of(Map.of("CDC_STATE_DIR", state.toString(), "USERS_TABLE_NAME", "users_bench_test",
                t.kind().database.name(), TestDatabases.TEST_DATABASE));
        List<String> said = new ArrayList<>();
        double perSecond = new PipelineBenchmark(settings, () -> TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE), said::add)
                .wideSnapshot(3_000);

        assertThat(perSecond).isPositive();
        assertThat(String.join("\n", said)).contains("filled 3,000 rows of 20 columns", "compare identical: 3,000 rows");
        assertThat(PipelineBenchmark.wideTableSql(t.kind(), "x").split(",(?![^(]*\\))")).as("20 columns and the key")
                .hasSize(PipelineBenchmark.WIDE_COLUMNS + 1);
        RunningDatabase db = TestDatabases.borrowed(t, TestDatabases.TEST_DATABASE);
        assertThat(SourceDatabase.of(db.settings(), "users_bench_test_wide").tableIsThere()).isFalse();
    }
}
