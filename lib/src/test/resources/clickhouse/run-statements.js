// Runs the statements of a JSON array file, in order, in one embedded ClickHouse session (chdb), and prints
// what the last one returned. Used by the tests in io.cdccookbook.clickhouse: ClickHouse itself, not a model of it.
// node run-statements.js <statements.json>; exit 1 with ClickHouse's message on the first statement that fails.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { Session } = require("chdb");

const statements = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chdb-"));
const session = new Session(dir);
let last = "";
try {
  statements.forEach((sql, i) => {
    try {
      last = session.query(sql, "JSON");
    } catch (e) {
      process.stderr.write("statement " + (i + 1) + " failed: " + e.message + "\n");
      process.exit(1);
    }
  });
} finally {
  session.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(last);
