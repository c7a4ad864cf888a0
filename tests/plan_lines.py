"""A plan written as a saved web page gives it (a .txt, one paragraph a line), imported: the tests of the opened parts
(test_plan_opened*.py) write a document's own lines and ask for the task that starts with some words."""
from __future__ import annotations

from zhishui.plan import import_plan


def import_lines(tmp_path, lines: list[str]):
    """(the import, task(start): the task whose text starts with ``start``)."""
    path = tmp_path / "方案.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = import_plan(path)
    return res, (lambda start: next(t for t in res.tasks if t.content.startswith(start)))
