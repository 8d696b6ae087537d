package io.cdccookbook;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
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
 * The JBang side of the build: the scripts compile the library through Cookbook.java, so its //SOURCES
 * must name every library file and its //DEPS must be the pom's dependencies at the pom's versions.
 */
class CookbookSourcesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path LIBRARY = ROOT.resolve("lib/src/main/java/io/cdccookbook");
    static final Path AGGREGATOR = LIBRARY.resolve("Cookbook.java");

    private static List<String> directive(Path file, String name) throws IOException {
        Pattern p = Pattern.compile("^//" + name + " (.+)$");
        return Files.readAllLines(file).stream().map(p::matcher).filter(Matcher::matches)
                .map(m -> m.group(1).trim()).toList();
    }

    @Test
    void sourcesListEveryLibraryFileExplicitly() throws IOException {
        List<String> lines = directive(AGGREGATOR, "SOURCES");
        Set<String> listed = new TreeSet<>(lines);
        assertThat(lines).as("each file listed once (.ci/update-cookbook-sources.py rewrites the list)").hasSameSizeAs(listed);
        Set<String> files;
        try (Stream<Path> walk = Files.walk(LIBRARY)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).filter(f -> !f.equals(AGGREGATOR))
                    .map(f -> LIBRARY.relativize(f).toString().replace('\\', '/')).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(listed).as("//SOURCES lines in Cookbook.java (no globs: they break remote runs)")
                .allSatisfy(s -> assertThat(s).doesNotContain("*", "?"))
                .isEqualTo(files);
    }

    @Test
    void depsAreThePomsDependenciesAtThePomsVersions() throws Exception {
        Set<String> deps = new TreeSet<>(directive(AGGREGATOR, "DEPS"));
        Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("lib/pom.xml").toFile()).getDocumentElement();
        Element dependencies = (Element) pom.getElementsByTagName("dependencies").item(0);
        NodeList list = dependencies.getElementsByTagName("dependency");
        Set<String> fromPom = new TreeSet<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element d = (Element) list.item(i);
            String scope = text(d, "scope");
            if (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime")) {
                fromPom.add(text(d, "groupId") + ":" + text(d, "artifactId") + ":" + text(d, "version"));
            }
        }
        assertThat(fromPom).isNotEmpty();
        assertThat(deps).as("//DEPS in Cookbook.java vs lib/pom.xml").isEqualTo(fromPom);
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
    void everyScriptIncludesTheLibraryAndHasACatalogAlias() throws IOException {
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
                        .containsExactly("../lib/src/main/java/io/cdccookbook/Cookbook.java");
                assertThat(directive(script, "DEPS")).as(script + " takes its dependencies from Cookbook.java").isEmpty();
                assertThat(referenced).as("jbang-catalog.json has an alias for " + script.getFileName())
                        .contains("scripts/" + script.getFileName());
            }
        }
    }
}
