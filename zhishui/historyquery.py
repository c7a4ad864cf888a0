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
        line = h.lineage_for(tl)
        if unit:
            names = tl.directory.names_of(unit_name(tl, unit))      # (its rows under an earlier name too)
            where.append(f"s.unit IN ({','.join('?' * len(names))})")
            args.extend(names)
        if task:
            from .decisions import find_task
            t = find_task(tl, task)
            tid = line.tids.get(t.key, t.key)
            tids = [tid] + line.sources(tid)
            where.append(f"COALESCE(s.tid, s.task) IN ({','.join('?' * len(tids))})")
            args.extend(tids)
        if period:
            where.append("s.period = ?")
            args.append(period)
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
        return list(rows.values())
    finally:
        h.close()


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
        out.append(f"{who}　{int(y)}年{int(m)}月　{_seq_text(r)}（本期状态：{r['status']}"
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
