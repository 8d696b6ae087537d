#!/usr/bin/env python3
"""Rewrites the //SOURCES lines of lib/src/main/java/io/cdccookbook/Cookbook.java, and the //FILES lines of
tinybird/DatafileSource.java, from the files that are
there. JBang needs every library file listed one by one (globs break remote runs); CookbookSourcesTest
fails when the list and the folder disagree, and this script is the quick way to fix that."""
import os
import pathlib

library = pathlib.Path(__file__).resolve().parent.parent / "lib/src/main/java/io/cdccookbook"
aggregator = library / "Cookbook.java"
files = sorted(p.relative_to(library).as_posix() for p in library.rglob("*.java") if p != aggregator)
lines = aggregator.read_text().splitlines()
start = next(i for i, l in enumerate(lines) if l.startswith("//SOURCES "))
end = start
while end < len(lines) and lines[end].startswith("//SOURCES "):
    end += 1
lines[start:end] = ["//SOURCES " + f for f in files]
aggregator.write_text("\n".join(lines) + "\n")
print(f"{aggregator}: {len(files)} sources")

# The datafiles: one //FILES line each at the top of DatafileSource.java, so a script run from a URL carries
# them in its jar (the right-hand side is relative to that file, as JBang resolves it).
checkout = library.parents[5]
datafiles = sorted(p.relative_to(checkout).as_posix() for p in (checkout / "tinybird").rglob("*")
                   if p.is_file() and p.name != "README.md")
source = library / "tinybird/DatafileSource.java"
up = "../" * (len(source.relative_to(checkout).parts) - 1)
body = [l for l in source.read_text().splitlines() if not l.startswith("//FILES ")]
source.write_text("\n".join([f"//FILES {f}={up}{f}" for f in datafiles] + body) + "\n")
print(f"{source}: {len(datafiles)} datafiles")
