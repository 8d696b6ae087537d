#!/usr/bin/env python3
"""Checks an executed notebook: it ran every code cell without an error, and it shows what it promises.

    .ci/check-notebook.py executed.ipynb [--tables N] [--identical] [--plot] [--text REGEX]... [--no-text REGEX]...

--tables N      at least N HTML tables (text/html outputs) with one or more data rows in their <tbody>
--identical     a compare verdict that says "identical: <n> rows" and none that says "differences"
--plot          at least one image/png output that is a real PNG
--text REGEX    some output text (stream, or text/plain / text/html of a result) matches REGEX (multiline)
--no-text REGEX no output text matches REGEX
--no-literal S  no output text contains S (say, the checkout's absolute path)

Exit code 0 when every check passes; otherwise each failure is listed. Uses only the standard library, so
it runs on any python3 (the notebook JSON is read as plain JSON: nbformat 4).
"""
import argparse
import base64
import json
import re
import sys


def text_of(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def outputs(nb):
    """(cell index, output) for every output of every code cell."""
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") == "code":
            for out in cell.get("outputs", []):
                yield i, out


def data_rows(html):
    """Rows of data in each <table> of an HTML fragment: <tr>s inside <tbody>, else <tr>s with a <td>."""
    counts = []
    for table in re.findall(r"<table\b.*?</table>", html, flags=re.S | re.I):
        body = re.search(r"<tbody\b.*?</tbody>", table, flags=re.S | re.I)
        rows = re.findall(r"<tr\b.*?</tr>", body.group(0) if body else table, flags=re.S | re.I)
        counts.append(sum(1 for r in rows if re.search(r"<td\b", r, flags=re.I)))
    return counts


def check(nb, args):
    failures = []
    cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    not_run = [i for i, c in enumerate(nb["cells"]) if c.get("cell_type") == "code"
               and "".join(c.get("source", [])).strip() and c.get("execution_count") is None]
    if not_run:
        failures.append(f"code cells not executed: {not_run}")
    if not cells:
        failures.append("no code cells")

    texts, tables, pngs = [], [], 0
    for i, out in outputs(nb):
        kind = out.get("output_type")
        if kind == "error":
            failures.append(f"cell {i}: {out.get('ename')}: {out.get('evalue', '').strip()[:500]}")
        elif kind == "stream":
            texts.append(text_of(out.get("text")))
        elif kind in ("execute_result", "display_data"):
            data = out.get("data", {})
            for mime in ("text/plain", "text/html"):
                if mime in data:
                    texts.append(text_of(data[mime]))
            if "text/html" in data:
                tables.extend(data_rows(text_of(data["text/html"])))
            if "image/png" in data:
                raw = base64.b64decode(text_of(data["image/png"]))
                if raw.startswith(b"\x89PNG\r\n\x1a\n") and len(raw) > 1000:
                    pngs += 1
                else:
                    failures.append(f"cell {i}: image/png output is not a PNG image")
    everything = "\n".join(texts)

    if args.tables:
        filled = [n for n in tables if n > 0]
        if len(filled) < args.tables:
            failures.append(f"expected at least {args.tables} HTML tables with rows, found {len(filled)} (rows: {tables})")
    if args.identical:
        if not re.search(r"identical: [\d,]+ rows", everything):
            failures.append("no compare verdict saying 'identical: <n> rows'")
        if re.search(r"[\d,]+ differences \(source", everything):
            failures.append("a compare verdict reports differences")
    if args.plot and pngs == 0:
        failures.append("no image/png plot")
    for pattern in args.text:
        if not re.search(pattern, everything, flags=re.M):
            failures.append(f"no output matches {pattern!r}")
    for pattern in args.no_text:
        m = re.search(pattern, everything, flags=re.M)
        if m:
            failures.append(f"an output matches {pattern!r}: {m.group(0)[:200]!r}")
    for literal in args.no_literal:
        if literal and literal in everything:
            failures.append(f"an output contains {literal!r}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("--tables", type=int, default=0)
    parser.add_argument("--identical", action="store_true")
    parser.add_argument("--plot", action="store_true")
    parser.add_argument("--text", action="append", default=[])
    parser.add_argument("--no-text", action="append", default=[])
    parser.add_argument("--no-literal", action="append", default=[])
    args = parser.parse_args()
    with open(args.notebook, encoding="utf-8") as f:
        nb = json.load(f)
    if nb.get("nbformat") != 4:
        print(f"{args.notebook}: not an nbformat 4 notebook", file=sys.stderr)
        return 1
    failures = check(nb, args)
    for failure in failures:
        print(f"{args.notebook}: {failure}", file=sys.stderr)
    if not failures:
        print(f"{args.notebook}: ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
