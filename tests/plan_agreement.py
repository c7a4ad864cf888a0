"""How far two labellers agree on the same plan documents, and the importer against each and against both.

A second labeller, who never saw the first labels, labelled the documents of some held-out parts again
(tests/data/plans/truth_second/).  Two labels name the same task when their texts start at the same place in
the document, give or take a task number or a unit's name and colon before the duty (the forms the scorer
accepts from the importer).  Run directly to print the figures reported in docs/方案导入准确率.md:
    python tests/plan_agreement.py
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plan_scoring as ps  # noqa: E402

SECOND = ps.PLANS / "truth_second"
# a label may start at the task's number or at its unit's name, the other labeller after it
NEAR = 16


def start_of(label: str, text: str) -> int | None:
    """Where the label's words begin in the document (canonical text), at the duty's own words."""
    ct = ps.canon(text)
    for key in _keys(label):
        at = ct.find(key)
        if at >= 0:
            return at + len(ps.canon(label)) - len(key)
    return None


def _keys(label: str) -> list[str]:
    keys = [ps.canon(label)]
    for rx in (ps.UNIT_LABEL_RE, ps.NUMBERED_LABEL_RE, ps.ROW_LABEL_RE):
        m = rx.match(label)
        if m:
            keys.append(ps.canon(m.group("rest")))
    return keys


def pair(a: list[dict], b: list[dict], text: str) -> list[tuple[int, int]]:
    """One-to-one pairs (index in a, index in b) of labels naming the same task, nearest first."""
    pa = [start_of(t["c"], text) for t in a]
    pb = [start_of(t["c"], text) for t in b]
    cands = sorted((abs(x - y), i, j) for i, x in enumerate(pa) for j, y in enumerate(pb)
                   if x is not None and y is not None and abs(x - y) <= NEAR)
    used_a, used_b, out = set(), set(), []
    for _, i, j in cands:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j))
    return sorted(out)


def same_roles(x: dict, y: dict) -> bool:
    return all(ps.units_match(x[k], y[k]) for k in ("L", "R", "C"))


@dataclass
class Agreement:
    docs: int = 0
    first: int = 0          # tasks the first labeller wrote
    second: int = 0         # tasks the second labeller wrote
    both: int = 0           # tasks both wrote
    roles_same: int = 0     # of those, with every unit in the same role


def second_parts() -> dict[str, list[str]]:
    """part -> document ids that have second labels."""
    have = {p.stem for p in SECOND.glob("*.json")} if SECOND.is_dir() else set()
    out: dict[str, list[str]] = {}
    for d in ps.manifest():
        if d["id"] in have:
            out.setdefault(d["split"], []).append(d["id"])
    return out


def labels(doc: str, second: bool = False) -> list[dict]:
    return json.loads(((SECOND if second else ps.TRUTH) / f"{doc}.json").read_text(encoding="utf-8"))["tasks"]


def agreement(docs: list[str]) -> Agreement:
    g = Agreement()
    for doc in docs:
        a, b = labels(doc), labels(doc, second=True)
        text = (ps.CORPUS / f"{doc}.txt").read_text(encoding="utf-8")
        pairs = pair(a, b, text)
        g.docs += 1
        g.first += len(a)
        g.second += len(b)
        g.both += len(pairs)
        g.roles_same += sum(same_roles(a[i], b[j]) for i, j in pairs)
    return g


def importer_against(docs: list[str], which: str) -> dict:
    """The importer scored as plan_scoring does, against the first labels, the second, or the tasks both
    labellers wrote (with the first labeller's roles where both agree on them, dropped where they differ)."""
    from zhishui.plan import import_plan
    scores = []
    for doc in docs:
        a = labels(doc)
        if which == "second":
            truth = labels(doc, second=True)
        elif which == "both":
            b = labels(doc, second=True)
            text = (ps.CORPUS / f"{doc}.txt").read_text(encoding="utf-8")
            truth = [a[i] for i, j in pair(a, b, text) if same_roles(a[i], b[j])]
        else:
            truth = a
        tasks = [t.to_dict() for t in import_plan(ps.CORPUS / f"{doc}.txt").tasks]
        scores.append(ps.score_tasks(doc, truth, tasks))
    return ps.totals(scores)


def main() -> None:
    parts = sorted(second_parts().items())
    for part, docs in parts + [("all", [d for _, ds in parts for d in ds])]:
        g = agreement(docs)
        print(f"{part}: {g.docs} documents; first labeller {g.first} tasks, second {g.second}, both {g.both} "
              f"(first's found by second {g.both / g.first:.1%}, second's found by first {g.both / g.second:.1%}); "
              f"same roles {g.roles_same}/{g.both} = {g.roles_same / g.both:.1%}")
        for which in ("first", "second", "both"):
            t = importer_against(docs, which)
            print(f"  importer against {which}: recall {t['found']}/{t['tasks']} = {t['recall']:.1%}, "
                  f"roles {t['roles_ok']}/{t['found']} = {t['role_accuracy']:.1%}, extra {t['extra']}")


if __name__ == "__main__":
    main()
