#!/usr/bin/env bash
# ClickHouse for the tests that run the Tinybird datafiles on the real engine (ClickHouseReplicaTest):
# chdb, ClickHouse's engine as a library, from the npm registry, run by Node.js. About 550 MB; once per
# machine. The tests look in CDC_CHDB_DIR (default ~/.cache/cdc-cookbook/chdb) and say what is missing.
set -euo pipefail
dir="${CDC_CHDB_DIR:-$HOME/.cache/cdc-cookbook/chdb}"
version=3.4.0 # chdb's npm package; it pins its engine (@chdb/lib-linux-x64-gnu 26.7.3-stable.1, ClickHouse 26.7)
command -v node >/dev/null || { echo "install-clickhouse: Node.js is needed (apt-get install nodejs)" >&2; exit 1; }
if [ "$(node -p "try { require('$dir/node_modules/chdb/package.json').version } catch (e) { '' }")" != "$version" ]; then
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "chdb@$version" >/dev/null
fi
echo "install-clickhouse: $(NODE_PATH="$dir/node_modules" node -e 'console.log("ClickHouse " + require("chdb").query("SELECT version()", "CSV").trim().replace(/"/g, ""))') in $dir"
