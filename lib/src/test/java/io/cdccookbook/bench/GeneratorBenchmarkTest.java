package io.cdccookbook.bench;

import io.cdccookbook.source.SourceDatabase;
import io.cdccookbook.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's behaviour (not its speed): both loops run, report, and clean up after themselves. */
class GeneratorBenchmarkTest {

    @ParameterizedTest
    @MethodSource("io.cdccookbook.testing.TestDatabases#embeddedOnly")
    void measuresBothLoopsAndLeavesNoScratchTables(TestDatabases.Target target) throws Exception {
        GeneratorBenchmark.Result r = new GeneratorBenchmark(target.get().settings()).run(200, 3, 1);

        assertThat(r.bareLoopRounds()).hasSize(3).allSatisfy(v -> assertThat(v).isPositive());
        assertThat(r.generatorRounds()).hasSize(3).allSatisfy(g -> assertThat(g.events()).isEqualTo(200));
        assertThat(r.ratio()).isPositive();
        assertThat(r.bareLoopPerSecond()).isBetween(
                r.bareLoopRounds().stream().mapToDouble(d -> d).min().orElseThrow(),
                r.bareLoopRounds().stream().mapToDouble(d -> d).max().orElseThrow());
        assertThat(r.toString()).contains("bare INSERT+COMMIT loop", "event generator", "generator / bare loop");

        try (Connection c = SourceDatabase.of(target.get().settings(), "users_bench").connect()) {
            assertThat(SourceDatabase.of(target.get().settings(), "users_bench").tableExists(c)).isFalse();
            assertThat(SourceDatabase.of(target.get().settings(), "users_bench_bare").tableExists(c)).isFalse();
        }
    }
}
