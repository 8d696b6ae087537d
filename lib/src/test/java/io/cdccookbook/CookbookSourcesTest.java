package io.cdccookbook;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JBang side of the build: each script includes scripts/contents/<Script>.java, which lists the library
 * files the script uses and the dependencies they need. .ci/update-cookbook-sources.py writes those lists
 * from the code; this test runs it in --check mode and checks what it wrote against the folder and the pom.
 */
class CookbookSourcesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path LIBRARY = ROOT.resolve("lib/src/main/java/io/cdccookbook");
    static final Path CONTENTS = ROOT.resolve("scripts/contents");

    private static List<String> directive(Path file, String name) throws IOException {
        Pattern p = Pattern.compile("^//" + name + " (.+)$");
        return Files.readAllLines(file).stream().map(p::matcher).filter(Matcher::matches)
                .map(m -> m.group(1).trim()).toList();
    }

    private static List<Path> contentsFiles() throws IOException {
        try (Stream<Path> files = Files.list(CONTENTS)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void theContentsAreWhatTheCodeNeeds() throws Exception {
        Process p = new ProcessBuilder("python3", ROOT.resolve(".ci/update-cookbook-sources.py").toString(), "--check")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("python3 .ci/update-cookbook-sources.py --check said:\n" + output).isZero();
    }

    @Test
    void contentsListExistingLibraryFilesOneByOne() throws IOException {
        assertThat(contentsFiles()).isNotEmpty();
        for (Path contents : contentsFiles()) {
            List<String> sources = directive(contents, "SOURCES");
            assertThat(sources).as(contents + ": each file once").doesNotHaveDuplicates()
                    .contains("../../lib/src/main/java/io/cdccookbook/Cookbook.java");
            assertThat(sources).as(contents + ": no globs (they break remote runs)")
                    .allSatisfy(s -> assertThat(s).doesNotContain("*", "?"))
                    .allSatisfy(s -> assertThat(contents.getParent().resolve(s).normalize()).isRegularFile()
                            .startsWith(LIBRARY));
        }
    }

    @Test
    void contentsDependenciesAreThePomsAtThePomsVersions() throws Exception {
        Set<String> fromPom = new TreeSet<>();
        Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("lib/pom.xml").toFile()).getDocumentElement();
        Element dependencies = (Element) pom.getElementsByTagName("dependencies").item(0);
        NodeList list = dependencies.getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            Element d = (Element) list.item(i);
            String scope = text(d, "scope");
            if (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime")) {
                fromPom.add(text(d, "groupId") + ":" + text(d, "artifactId") + ":" + text(d, "version"));
            }
        }
        assertThat(fromPom).isNotEmpty();
        for (Path contents : contentsFiles()) {
            // the pins after them are transitive jars at Maven's versions: JBangScriptsTest checks those
            List<String> lines = Files.readAllLines(contents);
            int pins = lines.stream().filter(l -> l.startsWith("// Pinned")).findFirst().map(lines::indexOf).orElse(lines.size());
            List<String> deps = lines.subList(0, pins).stream().filter(l -> l.startsWith("//DEPS "))
                    .map(l -> l.substring("//DEPS ".length()).trim()).toList();
            assertThat(deps).as(contents + " vs lib/pom.xml").isNotEmpty().isSubsetOf(fromPom);
        }
    }

    /** The point of per-script contents: generating events resolves neither Debezium nor DuckDB. */
    @Test
    void generateEventsLeavesOutTheCaptureAndTheReplica() throws IOException {
        Path contents = CONTENTS.resolve("GenerateEvents.java");
        assertThat(directive(contents, "DEPS")).noneMatch(d -> d.startsWith("io.debezium:") || d.startsWith("org.duckdb:"));
        assertThat(directive(contents, "SOURCES")).noneMatch(s -> s.contains("/capture/") || s.contains("/replica/"));
        assertThat(directive(CONTENTS.resolve("CreatePipeline.java"), "DEPS"))
                .anyMatch(d -> d.startsWith("io.debezium:debezium-connector-postgres:"))
                .anyMatch(d -> d.startsWith("org.duckdb:"));
    }

    @Test
    void filesBundleEveryDatafileFromItsOneCopy() throws IOException {
        Path source = LIBRARY.resolve("tinybird/DatafileSource.java");
        Set<String> bundled = new TreeSet<>();
        for (String line : directive(source, "FILES")) {
            String[] targetAndFile = line.split("=", 2);
            assertThat(targetAndFile).as("//FILES target=file: " + line).hasSize(2);
            Path file = source.getParent().resolve(targetAndFile[1]).normalize();
            assertThat(file).as("JBang resolves " + line + " from DatafileSource.java's folder").isRegularFile();
            assertThat(ROOT.relativize(file).toString().replace('\\', '/')).as("the jar path is the checkout path")
                    .isEqualTo(targetAndFile[0]);
            bundled.add(targetAndFile[0]);
        }
        Set<String> datafiles;
        try (Stream<Path> walk = Files.walk(ROOT.resolve("tinybird"))) {
            datafiles = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("README.md"))
                    .map(f -> ROOT.relativize(f).toString().replace('\\', '/')).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(datafiles).isNotEmpty();
        assertThat(bundled).as("//FILES in DatafileSource.java vs tinybird/ (.ci/update-cookbook-sources.py rewrites them)")
                .isEqualTo(datafiles);
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    @Test
    void everyScriptIncludesItsContentsAndHasACatalogAlias() throws IOException {
        JsonObject aliases = JsonParser.parseString(Files.readString(ROOT.resolve("jbang-catalog.json")))
                .getAsJsonObject().getAsJsonObject("aliases");
        Set<String> referenced = new TreeSet<>();
        for (String alias : aliases.keySet()) {
            JsonObject a = aliases.getAsJsonObject(alias);
            String ref = a.get("script-ref").getAsString();
            assertThat(ref).as(alias).startsWith("scripts/").doesNotContain("\\");
            assertThat(ROOT.resolve(ref)).as(alias + " points at an existing script").isRegularFile();
            assertThat(a.get("description").getAsString()).as(alias).isNotBlank();
            referenced.add(ref);
        }
        try (Stream<Path> scripts = Files.list(ROOT.resolve("scripts"))) {
            for (Path script : scripts.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertThat(directive(script, "SOURCES")).as(script.toString())
                        .containsExactly("contents/" + script.getFileName());
                assertThat(directive(script, "DEPS")).as(script + " takes its dependencies from its contents").isEmpty();
                assertThat(referenced).as("jbang-catalog.json has an alias for " + script.getFileName())
                        .contains("scripts/" + script.getFileName());
            }
        }
    }
}
