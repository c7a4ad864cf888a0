"""Shared by the plan-layout tests: a plan written by the test as a .txt file, imported, and a task
found by its words."""
from __future__ import annotations

from pathlib import Path

from zhishui.plan import import_plan


def plan_from_text(tmp_path: Path, text: str):
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    return import_plan(p)


def task_with(res, words: str):
    return next(t for t in res.tasks if words in t.content)
