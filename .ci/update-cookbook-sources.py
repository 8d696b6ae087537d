#!/usr/bin/env python3
"""Rewrites the //SOURCES lines of lib/src/main/java/io/cdccookbook/Cookbook.java from the files that are
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
