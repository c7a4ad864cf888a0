"""`zhishui history`: what a unit reported on a task in a period, and who decided its close-out and
its extensions, answered from the history in one query (README 「查历史记录」).

The task is named by its 序号 in the list as it is now; the history keeps rows by the task's
lineage id, so a task renumbered, split or merged since is found under its earlier numbers too.
"""
from __future__ import annotations

from .archives import locate
from .errors import ZhishuiError

QUERY = """
SELECT s.period, s.task, s.unit, s.state, s.percent, s.progress, s.problems, s.next_steps, s.evidence, s.value,
       s.value_raw, s.extend_to, s.extend_reason, s.file, t.status, t.closeout, t.due, COALESCE(s.tid, s.task),
       d.kind, d.decision, d.decided_by, d.at, d.reason, d.period, d.unit, d.new_due
FROM share_status s
JOIN task_status t ON t.period = s.period AND t.task = s.task
LEFT JOIN decisions d ON COALESCE(d.tid, d.task) = COALESCE(s.tid, s.task)
     AND (d.kind = '销号' OR (d.kind = '延期' AND d.unit = s.unit))
WHERE {where}
ORDER BY s.period, s.task, s.unit, d.id
"""
# what a unit that does not answer for a task (配合, or 责任 beside a 牵头) wrote on it: its cells as read from the
# sheet adopted that period (the task's status is its answering units', so share_status keeps no row for it)
OTHERS_QUERY = """
SELECT s.period, c.task, s.unit, c.field, c.raw, c.normalized, s.file, t.status, t.closeout, t.due,
       COALESCE(t.tid, t.task)
FROM cell_values c
JOIN submissions s ON s.id = c.submission_id
JOIN task_status t ON t.period = s.period AND t.task = c.task
WHERE s.status = 'counted' AND c.used = 1 AND c.field IN ({fields}) AND {where}
ORDER BY s.period, c.task, s.unit, s.id
"""
# a unit whose sheet came back with nothing filled in (空表) did send one
EMPTY_QUERY = """
SELECT s.period, s.unit, s.file FROM submissions s
WHERE s.status = 'empty' AND {where}
  AND NOT EXISTS (SELECT 1 FROM submissions o WHERE o.period = s.period AND o.unit = s.unit AND o.status = 'counted')
ORDER BY s.period, s.unit, s.id
"""
REPORT_FIELDS = ["state", "percent", "progress", "problems", "next_steps", "evidence", "value", "extend_to",
                 "extend_reason"]
ROLE_CN = {"lead": "牵头", "responsible": "责任", "cooperating": "配合"}
FIELDS = ["period", "task", "unit", "state", "percent", "progress", "problems", "next_steps", "evidence", "value",
          "value_raw", "extend_to", "extend_reason", "file", "status", "closeout", "due", "tid"]
DECISION_FIELDS = ["kind", "decision", "by", "at", "reason", "period", "unit", "new_due"]


def ask(tl, history_dir=None, *, unit: str | None = None, task: str | None = None, period: str | None = None,
        db: str | None = None) -> list[dict]:
    """One row per (period, task, unit) report, with the decisions on it."""
    place = locate(tl, history_dir, db)
    if place.stored is None:
        raise ZhishuiError("这份清单还没有历史记录（还没有汇总过）", code="NO_HISTORY",
                           hint="请先汇总报送（zhishui collect）")
    h = place.history(readonly=True)
    try:
        if not h.has_year:
            raise ZhishuiError("历史记录是旧版本建的，还没有逐项报送内容", code="OLD_HISTORY",
                               hint="用本版本汇总一次后即可查询")
        where, args = ["s.reported = 1"], []
        # the same conditions on a sheet's cells (units that do not answer for the task) and on a blank sheet
        others, other_args, empty, empty_args = [], [], [], []
        line = h.lineage_for(tl)
        if unit:
            names = tl.directory.names_of(unit_name(tl, unit))      # (its rows under an earlier name too)
            for w, a in ((where, args), (others, other_args), (empty, empty_args)):
                w.append(f"s.unit IN ({','.join('?' * len(names))})")
                a.extend(names)
        if task:
            from .decisions import find_task
            t = find_task(tl, task)
            tid = line.tids.get(t.key, t.key)
            tids = [tid] + line.sources(tid)
            where.append(f"COALESCE(s.tid, s.task) IN ({','.join('?' * len(tids))})")
            args.extend(tids)
            others.append(f"COALESCE(t.tid, t.task) IN ({','.join('?' * len(tids))})")
            other_args.extend(tids)
        if period:
            for w, a in ((where, args), (others, other_args), (empty, empty_args)):
                w.append("s.period = ?")
                a.append(period)
        rows: dict[tuple, dict] = {}
        now = _current_seqs(tl, line)
        for r in h.db.execute(QUERY.format(where=" AND ".join(where)), args):
            key = tuple(r[:3])
            row = rows.setdefault(key, dict(zip(FIELDS, r[:len(FIELDS)]), decisions=[]))
            # the 序号 in the list as it is now, the one the report was made under kept as 原序号 when it differs
            # (the session-17 trial: 「序号37」 was old 37, now 38, while --task 37 means today's 37)
            row["seq_now"] = now.get(row["tid"], "")
            # a unit renamed since (its old name an alias in the 名录) is printed by today's name, the stored one kept
            row["unit_now"] = tl.directory.current(row["unit"])
            if r[len(FIELDS)]:
                row["decisions"].append(dict(zip(DECISION_FIELDS, r[len(FIELDS):])))
        # every unit that sent a sheet, whatever its role (the session-19 trial: a 配合 unit that reported three
        # months running was 「没有…报送」)
        _others(h, tl, rows, now, " AND ".join(others) or "1=1", other_args)
        if not task:
            for p, u, file in h.db.execute(EMPTY_QUERY.format(where=" AND ".join(empty) or "1=1"), empty_args):
                rows.setdefault((p, None, u), {**dict.fromkeys(FIELDS), "period": p, "unit": u, "file": file,
                                               "unit_now": tl.directory.current(u), "empty": True, "decisions": []})
        return sorted(rows.values(), key=lambda r: (r["period"], _order(r["seq_now"] if r["task"] else ""), r["unit"]))
    finally:
        h.close()


def _others(h, tl, rows: dict, now: dict, where: str, args: list) -> None:
    """Add the reports of units that do not answer for the task (their cells as read), one row per period, task and
    unit that has none yet; the task's close-outs are theirs too."""
    added: dict[tuple, dict] = {}
    fields = ",".join(f"'{f}'" for f in REPORT_FIELDS)
    for p, task, u, fld, raw, normalized, file, status, closeout, due, tid in h.db.execute(
            OTHERS_QUERY.format(fields=fields, where=where), args):
        key = (p, task, u)
        if key in rows:
            continue
        row = added.get(key)
        if row is None:
            row = added[key] = {**dict.fromkeys(FIELDS), "period": p, "task": task, "unit": u, "file": file,
                                "status": status, "closeout": closeout, "due": due, "tid": tid, "decisions": [],
                                "seq_now": now.get(tid, ""), "unit_now": tl.directory.current(u)}
            row["role"] = _role(tl, row["seq_now"], row["unit_now"])
        if fld in ("percent", "value"):
            try:
                row[fld] = float(normalized) if normalized not in (None, "") else None
            except (TypeError, ValueError):
                row[fld] = None
            if fld == "value":
                row["value_raw"] = raw
        else:
            row[fld] = raw if raw not in ("", None) else None
    if added:
        closeouts: dict[str, list] = {}
        for kind, decision, by, at, reason, p, u, new_due, tid in h.db.execute(
                "SELECT kind, decision, decided_by, at, reason, period, unit, new_due, COALESCE(tid, task) "
                "FROM decisions WHERE kind = '销号' ORDER BY id"):
            closeouts.setdefault(tid, []).append(dict(zip(DECISION_FIELDS, (kind, decision, by, at, reason, p, u,
                                                                             new_due))))
        for row in added.values():
            row["decisions"] = closeouts.get(row["tid"], [])
    rows.update(added)


def _role(tl, seq: str, unit: str) -> str:
    """配合 (or 责任) as the list names the unit on the task now; "" when the list no longer has it so."""
    t = next((t for t in tl.tasks if (t.seq or t.label) == seq), None)
    return ROLE_CN.get(t.unit_roles().get(unit, ""), "") if t is not None and seq else ""


def _order(seq: str):
    return (0, int(seq), "") if str(seq).isdigit() else (1, 0, str(seq))


def unit_name(tl, unit: str) -> str:
    """The unit the clerk means: as the 单位名录 resolves it, else the one unit of the list whose
    name holds what was typed (卫辉市 → 卫辉市人民政府); several or none: said, never guessed."""
    toks = tl.directory.split(unit)
    ref = tl.directory.resolve(toks[0]) if len(tl.directory) and len(toks) == 1 else None
    if ref is not None and ref.how != "unknown" and ref.name:
        return ref.name
    names = list(tl.units())
    if unit in names:
        return unit
    hits = [n for n in names if unit.strip() and unit.strip() in n]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise ZhishuiError(f"「{unit}」可能是几个单位：{'、'.join(hits)}", code="WHICH_UNIT",
                           hint="请写单位全称，如 --unit " + hits[0])
    raise ZhishuiError(f"清单里没有单位「{unit}」", code="NO_SUCH_UNIT",
                       hint="清单里的单位：" + "、".join(names[:12]) + ("等" if len(names) > 12 else ""))


def _current_seqs(tl, line) -> dict:
    """lineage id -> the 序号 of the task it is in the list as it is now (its own, else the task it went into)."""
    out: dict[str, str] = {}
    for t in tl.tasks:
        tid = line.tids.get(t.key, t.key)
        out[tid] = t.seq or t.label
    for t in tl.tasks:
        for src in line.sources(line.tids.get(t.key, t.key)):
            out.setdefault(src, t.seq or t.label)
    return out


def _seq_text(r: dict) -> str:
    now = r.get("seq_now") or ""
    if not now:
        return f"原序号{r['task']}（现清单已删除）"
    return f"序号{now}" + (f"（原序号{r['task']}）" if now != str(r["task"]) else "")


def lines(rows: list[dict], asked: str = "") -> list[str]:
    if not rows:
        # (a unit that did not report that month is the usual reason: said, not 「没有符合条件」 alone)
        return [f"历史记录里没有{asked}的报送：这个单位那期没有报送（或报来的表无法采用），或没有这项任务"] if asked \
            else ["历史记录里没有符合条件的报送"]
    out = []
    for r in rows:
        y, m = r["period"].split("-")
        now = r.get("unit_now") or r["unit"]
        who = now if now == r["unit"] else f"{now}（报送时名为{r['unit']}）"
        if r.get("empty"):
            out.append(f"{who}　{int(y)}年{int(m)}月　报来的是空表（一项都没有填写）")
            out.append(f"  出处：{r['file']}")
            continue
        role = f"{r['role']}；" if r.get("role") else ""
        out.append(f"{who}　{int(y)}年{int(m)}月　{_seq_text(r)}（{role}本期状态：{r['status']}"
                   + (f"，时限{r['due']}" if r["due"] else "") + (f"，{r['closeout']}" if r["closeout"] else "") + "）")
        said = [f"完成状态：{r['state'] or '未填'}"]
        if r["percent"] is not None:
            said.append(f"完成比例：{r['percent']:.0%}")
        if r["value_raw"]:
            said.append(f"本期数值：{r['value_raw']}")
        out.append("  " + "；".join(said))
        for label, k in (("进展情况", "progress"), ("存在问题", "problems"), ("下步打算", "next_steps"),
                         ("佐证材料", "evidence")):
            if r[k]:
                out.append(f"  {label}：{r[k]}")
        if r["extend_to"] or r["extend_reason"]:
            out.append(f"  申请延期至：{r['extend_to'] or '（未写日期）'}；理由：{r['extend_reason'] or ''}")
        if r["file"]:
            out.append(f"  出处：{r['file']}")
        for d in r["decisions"]:
            if d["kind"] == "销号":
                what = "批准销号" if d["decision"] == "批准" else "退回销号"
                out.append(f"  销号：{d['period']}报送的完成情况由{d['by'] or '（未记办理人）'}于{d['at'][:10]}{what}"
                           + (f"，理由：{d['reason']}" if d["reason"] else ""))
            else:
                out.append(f"  延期：{d['unit']}{d['period']}的申请由{d['by'] or '（未记办理人）'}于{d['at'][:10]}"
                           + (f"同意，调整为{d['new_due']}" if d["decision"] == "同意" else "不同意")
                           + (f"，理由：{d['reason']}" if d["reason"] else ""))
    return out
