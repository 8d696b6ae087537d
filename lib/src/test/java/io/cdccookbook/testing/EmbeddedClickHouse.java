package io.cdccookbook.testing;

import com.google.gson.Gson;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ClickHouse itself, embedded: chdb (ClickHouse's engine as a library, from the npm registry) run by Node.js.
 * Tinybird's data sources and pipes are ClickHouse tables and views, so the datafiles' types, conversions,
 * ReplacingMergeTree and FINAL can be tried here on the real engine. {@code bash .ci/install-clickhouse.sh}
 * installs it where {@link #require()} looks ({@code CDC_CHDB_DIR}, default ~/.cache/cdc-cookbook/chdb).
 * Without it a test is skipped and says so, unless {@code CDC_REQUIRE_CLICKHOUSE} is set (CI sets it): then
 * it fails, so that a missing install never passes for a green run.
 */
public final class EmbeddedClickHouse {

    private final Path modules;

    private EmbeddedClickHouse(Path modules) {
        this.modules = modules;
    }

    public static EmbeddedClickHouse require() {
        String configured = System.getenv("CDC_CHDB_DIR");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "cdc-cookbook", "chdb");
        Path modules = dir.resolve("node_modules");
        if (!Files.isRegularFile(modules.resolve("chdb/package.json"))) {
            String missing = "ClickHouse (chdb) is not installed in " + dir + ": run bash .ci/install-clickhouse.sh";
            if (System.getenv("CDC_REQUIRE_CLICKHOUSE") != null) {
                throw new AssertionError(missing);
            }
            Assumptions.abort(missing);
        }
        return new EmbeddedClickHouse(modules);
    }

    /** Runs {@code statements} in order in one fresh session and returns what the last one gave, in ClickHouse's JSON format. */
    public String run(List<String> statements) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("clickhouse-statements");
        try {
            Path script = work.resolve("run-statements.js");
            try (var in = EmbeddedClickHouse.class.getResourceAsStream("/clickhouse/run-statements.js")) {
                Files.copy(in, script);
            }
            Path input = Files.writeString(work.resolve("statements.json"), new Gson().toJson(statements), StandardCharsets.UTF_8);
            Path out = work.resolve("out.json");
            Path err = work.resolve("err.txt");
            ProcessBuilder builder = new ProcessBuilder("node", script.toString(), input.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("NODE_PATH", modules.toString());
            Process node = builder.start();
            if (!node.waitFor(5, TimeUnit.MINUTES)) {
                node.destroyForcibly();
                throw new AssertionError("ClickHouse did not finish within 5 minutes");
            }
            if (node.exitValue() != 0) {
                throw new AssertionError("ClickHouse: " + Files.readString(err).strip());
            }
            return Files.readString(out);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
