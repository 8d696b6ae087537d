#!/usr/bin/env bash
# Executes the notebooks headless with Jupyter's nbconvert, on the Java kernel, and checks what they show:
#   01-local-cdc          once with PostgreSQL and once with MySQL (MariaDB), embedded: tables with rows, an
#                         "identical" compare verdict, a latency plot, no error, no absolute path of this checkout;
#   02-tinybird-cloud     once with PostgreSQL and once with MySQL, with no credentials at all: it must show
#                         the dry-run plans with the right connector class, and no error;
#   03-your-own-tables    once with PostgreSQL and once with MySQL, embedded: the model, the side-by-side
#                         values and an "identical" verdict for each of its two tables, no error.
#
#   .ci/run-notebooks.sh               # all of the above
#   .ci/run-notebooks.sh 01            # only notebook 01 (both databases); likewise 02, 03
#   .ci/run-notebooks.sh --save        # also write the executed notebooks back into notebooks/ (01 from its
#                                      # 02 and 03 from their PostgreSQL runs), to commit them with fresh outputs
#
# Needs: a JDK 17+, and Jupyter's nbconvert with nbclient (Debian: apt-get install --no-install-recommends
# jupyter-nbconvert python3-nbclient). Installs the Java kernel itself (.ci/install-java-kernel.sh).
# Executed notebooks and logs go to target/notebooks/.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

save=false
wanted=()
for arg in "$@"; do
  case "$arg" in
    --save) save=true ;;
    01|02|03) wanted+=("$arg") ;;
    *) echo "usage: $0 [--save] [01] [02] [03]" >&2; exit 2 ;;
  esac
done
[ ${#wanted[@]} -gt 0 ] || wanted=(01 02 03)

command -v jupyter >/dev/null 2>&1 && jupyter nbconvert --version >/dev/null 2>&1 \
  || { echo "error: jupyter nbconvert is not installed (Debian: apt-get install --no-install-recommends jupyter-nbconvert python3-nbclient)." >&2; exit 1; }
.ci/install-java-kernel.sh

out="$root/target/notebooks"
mkdir -p "$out"
python="$(command -v python3)"
results=()
failed=0

# execute NOTEBOOK LABEL [VAR=VALUE...]: runs it in notebooks/ with the given environment; the executed copy
# is target/notebooks/<name>.<label>.ipynb, nbconvert's and the kernel's log beside it.
execute() {
  local notebook="$1" label="$2"; shift 2
  local name executed log started seconds
  name="$(basename "$notebook" .ipynb)"
  executed="$out/$name.$label.ipynb"
  log="$out/$name.$label.log"
  echo "== $name ($label)"
  started=$(date +%s)
  if ! (cd notebooks && env "$@" jupyter nbconvert --to notebook --execute \
          --ExecutePreprocessor.kernel_name=java --ExecutePreprocessor.timeout=900 \
          --ExecutePreprocessor.startup_timeout=120 --output "$executed" "$(basename "$notebook")") >"$log" 2>&1; then
    echo "nbconvert failed; the end of $log:" >&2
    grep -v -E '^(INFO: |[A-Z][a-z]{2} [0-9]+, [0-9]{4} .* io\.github\.spencerpark)' "$log" | tail -40 >&2
  fi
  seconds=$(( $(date +%s) - started ))
  results+=("$name ($label): ${seconds} s")
  echo "   ran in ${seconds} s"
  LAST="$executed"
}

# check EXECUTED [check-notebook options...]: counts a failure, returns non-zero on one
check() {
  if "$python" .ci/check-notebook.py "$@"; then return 0; fi
  failed=$((failed + 1))
  return 1
}

for which in "${wanted[@]}"; do
  case "$which" in
    01)
      for db in PG MYSQL; do
        execute notebooks/01-local-cdc.ipynb "$db" CDC_SOURCE_DB="$db" CDC_DB_PROVIDER=embedded
        if check "$LAST" --tables 5 --identical --plot --text 'Snapshot copied' --text 'pipeline removed\.$' \
             --no-literal "$root" && $save && [ "$db" = PG ]; then
          cp "$LAST" notebooks/01-local-cdc.ipynb
        fi
      done
      ;;
    02)
      # No credentials, whatever this machine has: no secret in the environment, and an empty settings file
      # when CDC_CONFIG is set or a cdc.properties in the checkout or above it would be found (otherwise none:
      # the saved copy then reads as a fresh checkout's, with no CI path in it).
      noconfig=()
      dir="$root"
      while [ "$dir" != / ]; do
        if [ -n "${CDC_CONFIG:-}" ] || [ -e "$dir/cdc.properties" ]; then
          noconfig=(CDC_CONFIG="$out/no-credentials.properties")
          : > "$out/no-credentials.properties"
          break
        fi
        dir="$(dirname "$dir")"
      done
      for db in PG MYSQL; do
        [ "$db" = PG ] && connector=PostgresCdcSourceV2 || connector=MySqlCdcSourceV2
        execute notebooks/02-tinybird-cloud.ipynb "$db" CDC_SOURCE_DB="$db" "${noconfig[@]}" \
          TINYBIRD_API_KEY= CONFLUENT_CLOUD_KEY= CONFLUENT_CLOUD_SECRET= CONFLUENT_UNAME= CONFLUENT_SECRET=
        if check "$LAST" --tables 1 --text 'No credentials' --text "\"connector.class\": \"$connector\"" \
             --text '^ *[0-9]+\. (GET|POST|PUT|PATCH|DELETE) https://' --no-literal "$root" && $save && [ "$db" = PG ]; then
          cp "$LAST" notebooks/02-tinybird-cloud.ipynb
        fi
      done
      ;;
    03)
      for db in PG MYSQL; do
        execute notebooks/03-your-own-tables.ipynb "$db" CDC_SOURCE_DB="$db" CDC_DB_PROVIDER=embedded
        if check "$LAST" --tables 3 --identical --text 'shop_orders → [a-z_]+_api: identical: 3 rows' \
             --text 'shop_items → [a-z_]+_api: identical: 1 rows' --text 'TYPE endpoint' \
             --text 'pipeline of shop_orders and shop_items removed\.$' --no-literal "$root" && $save && [ "$db" = PG ]; then
          cp "$LAST" notebooks/03-your-own-tables.ipynb
        fi
      done
      ;;
  esac
done

echo "== notebook run times"
printf '   %s\n' "${results[@]}"
if [ "$failed" -gt 0 ]; then
  echo "$failed notebook check(s) failed; executed notebooks and logs are in $out" >&2
  exit 1
fi
echo "all notebook checks passed"
