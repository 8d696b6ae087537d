#!/usr/bin/env bash
# Checks the dev container without building one (no Docker needed):
#   1. .devcontainer/devcontainer.json is strict JSON and asks for what the workshop needs;
#   2. .devcontainer/post-create.sh runs on this machine in a scratch HOME, skipping (and saying so) what only
#      the container has;
#   3. notebook 01 runs (PostgreSQL) on the kernel that script installed in that HOME, and passes its checks.
# To keep CI fast, the scratch HOME borrows this machine's Maven repository (MAVEN_REPO, default
# ~/.m2/repository) instead of downloading it all again; pass --fresh to start from nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

maven_repo="${MAVEN_REPO:-$HOME/.m2/repository}"
[ "${1:-}" = "--fresh" ] && maven_repo=""

echo "== devcontainer.json"
python3 - .devcontainer/devcontainer.json <<'PY'
import json, sys
path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    config = json.load(f)  # strict JSON: no comments, no trailing commas
features = config.get("features", {})
java = next((v for k, v in features.items() if k.startswith("ghcr.io/devcontainers/features/java:")), None)
problems = []
if not java or str(java.get("version")) != "21" or not java.get("installMaven"):
    problems.append("the java feature must install Java 21 with Maven")
for wanted in ("jbang-sdkman:", "features/python:", "features/docker-in-docker:"):
    if not any(wanted in k for k in features):
        problems.append(f"no feature matching {wanted!r}")
python = next((v for k, v in features.items() if "features/python:" in k), {})
if not python.get("installJupyterlab"):
    problems.append("the python feature must install Jupyter (installJupyterlab)")
if not {7181, 7182} <= set(config.get("forwardPorts", [])):
    problems.append("ports 7181 and 7182 must be forwarded")
extensions = config.get("customizations", {}).get("vscode", {}).get("extensions", [])
for wanted in ("vscjava.vscode-java-pack", "ms-toolsai.jupyter"):
    if wanted not in extensions:
        problems.append(f"VS Code extension {wanted} missing")
if "post-create.sh" not in config.get("postCreateCommand", ""):
    problems.append("postCreateCommand must run .devcontainer/post-create.sh")
for p in problems:
    print(f"{path}: {p}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"{path}: ok")
PY

echo "== post-create.sh in a scratch HOME"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/.m2"
if [ -n "$maven_repo" ] && [ -d "$maven_repo" ]; then
  ln -s "$maven_repo" "$scratch/.m2/repository"
  echo "   (borrowing the Maven repository $maven_repo)"
fi
# Java takes its user.home from the password database, not from $HOME: point the JVMs (Maven, JBang, the
# kernel) at the scratch HOME too.
export JAVA_TOOL_OPTIONS="-Duser.home=$scratch"
started=$(date +%s)
HOME="$scratch" bash .devcontainer/post-create.sh 2>&1 | grep -v '^Picked up JAVA_TOOL_OPTIONS' | sed 's/^/   | /'
echo "   post-create.sh ran in $(( $(date +%s) - started )) s"
kernel="$scratch/.local/share/jupyter/kernels/java/kernel.json"
[ -f "$kernel" ] || { echo "error: post-create.sh installed no kernel at $kernel" >&2; exit 1; }

echo "== notebook 01 on that kernel (with HOME and JUPYTER_DATA_DIR in the scratch HOME, Jupyter finds no other)"
out="$root/target/notebooks"
mkdir -p "$out"
started=$(date +%s)
if ! (cd notebooks && HOME="$scratch" JUPYTER_DATA_DIR="$scratch/.local/share/jupyter" CDC_SOURCE_DB=PG \
      jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=java \
      --ExecutePreprocessor.timeout=900 --output "$out/01-local-cdc.devcontainer.ipynb" 01-local-cdc.ipynb) \
      >"$out/01-local-cdc.devcontainer.log" 2>&1; then
  tail -30 "$out/01-local-cdc.devcontainer.log" >&2
fi
echo "   ran in $(( $(date +%s) - started )) s"
python3 .ci/check-notebook.py "$out/01-local-cdc.devcontainer.ipynb" --tables 5 --identical --plot
echo "devcontainer checks passed"
