"""Evidence files (佐证材料) sent beside the returns: which unit and task each belongs to
(README 「佐证材料归到哪项任务」), and where the archive files it.

A PDF, a photo or a Word file in the inbox (or in a zip, or attached to an e-mail) is kept
as it came; collect attributes it to a unit (its name, its folder, the zip it came in, the
sender) and here to one of that unit's tasks, first row that applies wins.  The history
files a copy under ``佐证材料/<报送期>/<单位>/<序号>/`` beside its content-addressed archive,
so a clerk (or an inspector) finds a task's evidence by opening folders.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from .fileutil import safe_filename
from .unitnames import norm

# task numbers in a file name: 任务7、序号7、第7项、7号 anywhere; 7-、7_、7、 at the start
_SEQ_IN_NAME = re.compile(r"(?:任务|序号|第)\s*(\d+)\s*(?:项|号)?|^(\d+)\s*[-_－—、.．\s]")
FOLDER = "佐证材料"
UNSURE = "待核对"
NO_UNIT = "单位不明"


def base_name(display: str) -> str:
    """The file's own name (a zip member or an e-mail attachment shows as 外层!内层)."""
    return PurePosixPath(display.split("!")[-1].replace("\\", "/")).name


def stem(display: str) -> str:
    return base_name(display).rsplit(".", 1)[0]


def attribute(sub, tasks: dict, listed: dict) -> tuple[str, int, str]:
    """(task key, rule, why) for one evidence file.  ``tasks``: the unit's tasks still asked for
    (key -> Task); ``listed``: task key -> the 佐证材料 text the unit wrote this period."""
    if not sub.unit:
        return "", 5, NO_UNIT
    name = norm(stem(sub.file))
    hits = [k for k, text in listed.items() if name and len(name) >= 2 and name in norm(text)]
    if hits:
        return hits[0], 1, "报送表「佐证材料」栏列了这个文件" + (f"（{len(hits)}项任务都列了，归入第一项）" if len(hits) > 1 else "")
    by_seq = {t.seq: k for k, t in tasks.items() if t.seq}
    for m in _SEQ_IN_NAME.finditer(base_name(sub.file)):
        seq = m.group(1) or m.group(2)
        if seq in by_seq:
            return by_seq[seq], 2, f"文件名中的序号{seq}"
    if len(tasks) == 1:
        return next(iter(tasks)), 3, "该单位只有这一项任务"
    return "", 4, UNSURE


def file_evidence(subs: list, expected: dict, tl) -> None:
    """Attribute every evidence file (status attachment) of the collection to a task."""
    by_key = {t.key: t for t in tl.tasks}
    listed: dict[str, dict[str, str]] = {}
    for s in subs:
        if s.status == "counted" and s.unit:
            for r in s.reports:
                if r.evidence.strip():
                    listed.setdefault(s.unit, {})[r.task] = r.evidence
    for s in subs:
        if s.status != "attachment":
            continue
        tasks = {k: by_key[k] for k in expected.get(s.unit or "", {}) if k in by_key}
        s.task, s.task_rule, s.task_how = attribute(s, tasks, listed.get(s.unit or "", {}))


def filed_path(period: str, unit: str, seq: str, display: str) -> str:
    """Where the history files a copy of an evidence file (relative to the history folder)."""
    return "/".join([FOLDER, period, safe_filename(unit or NO_UNIT), safe_filename(seq or UNSURE),
                     safe_filename(base_name(display)) or "文件"])
