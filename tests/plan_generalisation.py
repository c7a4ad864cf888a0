"""How well the importer's generic readers do on layouts they were not written for, measured on the
hand-labelled corpus (tests/data/plans) without new documents:

    python tests/plan_generalisation.py            tables re-flattened, and the last resort alone
    python tests/plan_generalisation.py -v         the same, per document

1. Every table a reader reads in the corpus is printed again in each other way pages and copies
   flatten tables (tab, " | " rows, spaces with empty cells gone, one cell a line with blank lines,
   cells closed or opened by a bar, cells run together with nothing between them) and read again.
2. Every document without a table is read by the last-resort reader alone (plan/fallback.py), as
   if no other reader had claimed it.
Both are scored against the hand labels like tests/plan_scoring.py.
"""
from __future__ import annotations

import json
import sys

import plan_scoring as ps

HOWS = ("tab", "pipe-row", "spaces", "cell-blank", "cell-bar", "bar-cell", "together")


def flatten(rows: list[list[str]], how: str) -> list[str]:
    out: list[str] = []
    for r in rows:
        r = [c.replace("\n", "") for c in r]
        if how == "tab":
            out.append("\t".join(r))
        elif how == "pipe-row":
            out.append("| " + " | ".join(r) + " |")
        elif how == "spaces":
            out.append("   ".join(c.replace(" ", "") for c in r if c))
        elif how == "cell-blank":
            for c in r:
                out += [c, ""] if c else [""]
        elif how == "cell-bar":
            out += [c + " |" for c in r]
        elif how == "bar-cell":
            out += ["| " + c for c in r]
        elif how == "together":
            out.append("".join(r))
    return ["".join(out)] if how == "together" else out


def _truth(doc: str) -> list[dict]:
    return json.loads((ps.TRUTH / f"{doc}.json").read_text(encoding="utf-8"))["tasks"]


def reflattened(verbose: bool) -> None:
    from zhishui.plan import import_plan
    from zhishui.plan.assemble import assemble
    from zhishui.plan.document import Document, Table
    from zhishui.plan.texttables import blocks_from_lines
    tot = {h: [0, 0, 0] for h in HOWS}
    for d in ps.manifest():
        path = ps.CORPUS / f"{d['id']}.txt"
        res = import_plan(path)
        if not any(isinstance(b, Table) for b in res.document.blocks):
            continue
        truth = _truth(d["id"])
        line = f"  {d['id']:30s}"
        for how in HOWS:
            lines: list[str] = []
            for b in res.document.blocks:
                if isinstance(b, Table):
                    lines += [""] + flatten([[str(v or "") for v in r] for r in b.grid.rows], how) + [""]
                else:
                    lines += [b.text, ""]
            got = assemble(Document(path, "txt", blocks_from_lines(lines, lambda i: f"第{i + 1}行"), [], lines))
            sc = ps.score_tasks(d["id"], truth, [t.to_dict() for t in got.tasks])
            tot[how][0] += len(truth)
            tot[how][1] += sc.found
            tot[how][2] += sc.roles_ok
            line += f" {how} {sc.found}/{sc.roles_ok}"
        if verbose:
            print(line)
    print("tables of the corpus printed again (tasks found / roles all right, of all tasks):")
    for how, (n, f, r) in tot.items():
        print(f"  {how:10s} {f}/{n} = {100 * f / n:.0f}%   {r}/{n} = {100 * r / n:.0f}%")


def last_resort_alone(verbose: bool) -> None:
    from zhishui.plan.document import Table
    from zhishui.plan.fallback import fallback_tasks
    from zhishui.plan.readers import read_plan
    from zhishui.plan.records import split_records
    from zhishui.plan.traditional import read_as_simplified, restore_tasks
    parts: dict[str, list[int]] = {}
    for d in ps.manifest():
        doc, restore = read_as_simplified(read_plan(ps.CORPUS / f"{d['id']}.txt"))
        if any(isinstance(b, Table) for b in doc.blocks):
            continue
        tasks = fallback_tasks(split_records(doc.paragraphs))
        if restore is not None:
            restore_tasks(tasks, restore)
        truth = _truth(d["id"])
        sc = ps.score_tasks(d["id"], truth, [t.to_dict() for t in tasks])
        p = parts.setdefault(d["split"], [0, 0, 0, 0])
        p[0] += len(truth)
        p[1] += sc.found
        p[2] += sc.roles_ok
        p[3] += sc.extra
        if verbose:
            print(f"  {d['id']:30s} {sc.found}/{len(truth)} roles {sc.roles_ok} extra {sc.extra}")
    print("documents without a table, read by the last resort alone:")
    for split, (n, f, r, x) in sorted(parts.items()):
        print(f"  {split:9s} tasks {f}/{n} = {100 * f / n:.0f}%   roles all right {r}/{n} = {100 * r / n:.0f}%   extra {x}")


if __name__ == "__main__":
    sys.path.insert(0, str(ps.HERE.parent))
    reflattened("-v" in sys.argv)
    last_resort_alone("-v" in sys.argv)
