package io.cdccookbook;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's packages follow the data: a package uses only packages that come before it on the data's
 * way, so the graph has no cycles and a reader can go through the library in the README's order. The
 * cloud clients sit beside that way: they may use what the embedded pipeline also uses (up to capture),
 * and only the pipeline and later packages use them. The order is written here once, and the README's
 * Layout section must list the packages the same way.
 */
class PackageGraphTest {

    /** The data's way. Packages in one rank do not use each other. */
    static final List<List<String>> DATA_WAY = List.of(
            List.of("config"), List.of("source"), List.of("table"), List.of("provision"), List.of("events"),
            List.of("capture"), List.of("replica"), List.of("endpoint"), List.of("compare"), List.of("pipeline"),
            List.of("cli", "bench", "notebook"));

    /** Beside the data's way, in their own order. */
    static final List<List<String>> BESIDE = List.of(List.of("cloud"), List.of("confluent", "tinybird"));

    /** The last package of the data's way the cloud clients may use, and the first that may use them. */
    static final String BESIDE_USES_UP_TO = "capture";
    static final String BESIDE_USED_FROM = "pipeline";

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path LIBRARY = ROOT.resolve("lib/src/main/java/io/cdccookbook");

    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.cdccookbook\\.([a-z_][a-z0-9_]*)\\.");
    private static final Pattern PACKAGE_LINE = Pattern.compile("(?<![\\w.])package\\s+(io\\.cdccookbook[\\w.]*)\\s*;");

    private record Use(String from, String to, String file) {
    }

    @Test
    void everyImportFollowsTheDataWay() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Use use : uses()) {
            if (!allowed(use.from(), use.to())) {
                broken.add(use.file() + ": " + (use.from().isEmpty() ? "the root package" : use.from())
                        + " uses " + use.to());
            }
        }
        assertThat(broken).as("uses against the order " + DATA_WAY + " beside " + BESIDE).isEmpty();
    }

    @Test
    void everyPackageHasItsPlace() throws IOException {
        Set<String> placed = new TreeSet<>();
        Stream.concat(DATA_WAY.stream(), BESIDE.stream()).forEach(placed::addAll);
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.walk(LIBRARY)) {
            dirs.filter(Files::isDirectory).filter(d -> !d.equals(LIBRARY))
                    .forEach(d -> packages.add(LIBRARY.relativize(d).toString().replace('\\', '/')));
        }
        assertThat(packages).as("one level of packages, each placed in the order (a sub-package would hide its uses)")
                .isEqualTo(placed);
    }

    /** The Layout block lists lib's packages in the same order: two spaces for the data's way, four beside. */
    @Test
    void theReadmeLayoutListsThePackagesInTheSameOrder() throws IOException {
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
        int start = readme.indexOf("## Layout");
        assertThat(start).as("README has a ## Layout section").isNotNegative();
        List<List<String>> way = new ArrayList<>();
        List<List<String>> beside = new ArrayList<>();
        Pattern entry = Pattern.compile("^( {2}| {4})((?:[a-z]+/ )*[a-z]+/)(?: {2,}.*)?$");
        boolean inLib = false;
        for (String line : readme.subList(start, readme.size())) {
            if (line.startsWith("lib/")) {
                inLib = true;
            } else if (inLib && !line.startsWith(" ")) {
                break;
            } else if (inLib) {
                Matcher m = entry.matcher(line);
                if (m.matches()) {
                    List<String> rank = Stream.of(m.group(2).split(" ")).map(p -> p.substring(0, p.length() - 1)).toList();
                    (m.group(1).length() == 2 ? way : beside).add(rank);
                }
            }
        }
        assertThat(way).as("lib's packages in the README's Layout, indented two spaces").isEqualTo(DATA_WAY);
        assertThat(beside).as("the cloud packages in the README's Layout, indented four spaces").isEqualTo(BESIDE);
    }

    @Test
    void theRuleRefusesACycle() {
        assertThat(allowed("replica", "compare")).isFalse();
        assertThat(allowed("compare", "replica")).isTrue();
        assertThat(allowed("tinybird", "endpoint")).isFalse();
        assertThat(allowed("tinybird", "cloud")).isTrue();
        assertThat(allowed("cloud", "tinybird")).isFalse();
        assertThat(allowed("capture", "confluent")).isFalse();
        assertThat(allowed("pipeline", "confluent")).isTrue();
        assertThat(allowed("cli", "bench")).isFalse();
        assertThat(allowed("", "config")).isFalse();
    }

    static boolean allowed(String from, String to) {
        if (from.isEmpty()) {
            return false;
        }
        int fromWay = rank(DATA_WAY, from);
        int toWay = rank(DATA_WAY, to);
        if (fromWay >= 0) {
            return toWay >= 0 ? toWay < fromWay : fromWay >= rank(DATA_WAY, BESIDE_USED_FROM);
        }
        return toWay >= 0 ? toWay <= rank(DATA_WAY, BESIDE_USES_UP_TO) : rank(BESIDE, to) < rank(BESIDE, from);
    }

    private static int rank(List<List<String>> order, String pkg) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    /** Every reference from one package to another, imports and fully qualified names alike. */
    private static List<Use> uses() throws IOException {
        List<Use> uses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(LIBRARY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path dir = LIBRARY.relativize(file).getParent();
                String from = dir == null ? "" : dir.toString();
                // Java reads "io.cdccookbook. capture.X" as io.cdccookbook.capture.X
                String text = Files.readString(file).replaceAll("\\s*\\.\\s*", ".");
                Matcher declared = PACKAGE_LINE.matcher(text);
                assertThat(declared.find() ? declared.group(1) : null).as(file + "'s package line: its folder")
                        .isEqualTo(from.isEmpty() ? "io.cdccookbook" : "io.cdccookbook." + from);
                Matcher m = REFERENCE.matcher(text.substring(declared.end()));
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        uses.add(new Use(from, m.group(1), LIBRARY.relativize(file).toString()));
                    }
                }
            }
        }
        return uses;
    }
}
