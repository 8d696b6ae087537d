#!/usr/bin/env bash
# Prepares a fresh dev container (postCreateCommand): the Java kernel for the notebooks, then warm caches so
# the first notebook, command and test start fast. Each step checks for what it needs and says plainly when
# it skips; only a missing JDK is an error. So it runs outside a dev container too: CI runs it on a plain
# machine in a scratch HOME (.ci/check-devcontainer.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

step() { printf '\n== %s\n' "$*"; }
skip() { echo "   skipped: $*"; }

step "Java"
if ! command -v java >/dev/null 2>&1; then
  echo "error: no java on PATH. The devcontainer's java feature installs JDK 21; elsewhere install a JDK 17+." >&2
  exit 1
fi
java -version 2>&1 | head -1 | sed 's/^/   /'

step "Jupyter kernel for Java (IJava), used by the notebooks"
.ci/install-java-kernel.sh
if command -v jupyter >/dev/null 2>&1; then
  echo "   jupyter: $(command -v jupyter)"
else
  skip "no jupyter on PATH (the python feature's installJupyterlab brings it; VS Code's Jupyter extension can run the notebooks with the kernel alone)"
fi

step "Maven: build the library, download its dependencies, write lib/target/classpath.txt for the notebooks"
./mvnw -B -q -DskipTests package
echo "   lib/target/classes and $(tr ':' '\n' < lib/target/classpath.txt | wc -l) jars ready"

step "JBang: compile the commands once (their dependencies come from the same Maven cache)"
for command in test-connection create-pipeline generate-events compare-tables remove-pipeline; do
  ./jbang "$command" --help >/dev/null
  echo "   $command ready"
done

step "Docker, for the Testcontainers databases (--db-provider testcontainers)"
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  # the images ContainerServers starts
  for image in $(sed -n 's/.*_IMAGE = "\([^"]*\)".*/\1/p' lib/src/main/java/io/cdccookbook/provision/ContainerServers.java); do
    docker pull -q "$image" >/dev/null && echo "   pulled $image"
  done
else
  skip "no Docker engine answers here (the docker-in-docker feature provides one); the embedded databases need none"
fi

step "Ready in $(( $(date +%s) - started )) s"
cat <<'TEXT'
   Notebooks: open notebooks/01-local-cdc.ipynb and pick the kernel "Java (IJava)".
   Commands:  ./jbang create-pipeline --source-db PG    (then ./jbang compare-tables in a second terminal)
   Tests:     ./mvnw verify
TEXT
