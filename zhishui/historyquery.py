"""`zhishui history`: what a unit reported on a task in a period, and who decided its close-out and
its extensions, answered from the history in one query (README 「查历史记录」).

The task is named by its 序号 in the list as it is now; the history keeps rows by the task's
lineage id, so a task renumbered, split or merged since is found under its earlier numbers too.
"""
from __future__ import annotations

import difflib
import json

from .archives import locate
from .decisions import CLI, front_words
from .errors import ZhishuiError
from .history import TID
from .returnsheet import key_after
from .values import state_as_written

QUERY = """
SELECT s.period, s.task, s.unit, s.state, s.percent, s.progress, s.problems, s.next_steps, s.evidence, s.value,
       s.value_raw, s.extend_to, s.extend_reason, s.file, t.status, t.closeout, t.due, COALESCE(s.tid, s.task),
       (SELECT c.raw FROM cell_values c JOIN submissions sb ON sb.id = c.submission_id
        WHERE sb.period = s.period AND sb.unit = s.unit AND sb.status = 'counted' AND c.task = s.task
              AND c.field = 'state' ORDER BY sb.id DESC LIMIT 1),
       d.kind, d.decision, d.decided_by, d.at, d.reason, d.period, d.unit, d.new_due
FROM share_status s
JOIN task_status t ON t.period = s.period AND t.task = s.task
LEFT JOIN decisions d ON COALESCE(d.tid, d.task) = COALESCE(s.tid, s.task) {own_period}
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
          "value_raw", "extend_to", "extend_reason", "file", "status", "closeout", "due", "tid", "state_raw"]
DECISION_FIELDS = ["kind", "decision", "by", "at", "reason", "period", "unit", "new_due"]


def ask(tl, history_dir=None, *, unit: str | None = None, task: str | None = None, period: str | None = None,
        db: str | None = None, source: str = CLI) -> list[dict]:
    """One row per (period, task, unit) report, with the decisions on it; asked of a unit, one row more for each
    period (the one asked, else every period collected) where it has none, saying what the record knows (未报送,
    空表, not asked).  ``source``: the front asking (decisions.CLI, WEB), whose words the advice of a refusal uses."""
    place = locate(tl, history_dir, db)
    if place.stored is None:
        raise ZhishuiError("这份清单还没有历史记录（还没有汇总过）", code="NO_HISTORY",
                           hint=front_words(source, "请先汇总报送（zhishui collect）", "请先汇总报送（zhishui collect）",
                                     "请先开始报送期，打开它的「报送情况」页（本期就汇总了）再查"))
    h = place.history(readonly=True)
    try:
        if not h.has_year:
            raise ZhishuiError("历史记录是旧版本建的，还没有逐项报送内容", code="OLD_HISTORY",
                               hint="用本版本汇总一次后即可查询")
        where, args = ["s.reported = 1"], []
        # the same conditions on a sheet's cells (units that do not answer for the task) and on a blank sheet
        others, other_args, empty, empty_args = [], [], [], []
        line = h.lineage_for(tl)
        meant = unit_name(tl, unit, source) if unit else None
        if unit:
            names = tl.directory.names_of(meant)      # (its rows under an earlier name too)
            for w, a in ((where, args), (others, other_args), (empty, empty_args)):
                w.append(f"s.unit IN ({','.join('?' * len(names))})")
                a.extend(names)
        note = ""
        asked = None        # the asked task's lineage id: rows of the tasks it was split or merged from say so
        if task:
            from .decisions import find_task
            try:
                t = find_task(tl, task)
            except ZhishuiError as e:
                # a task an earlier version of the list had under this 序号: what became of it, from the record
                # (the trial-15 year: task 60, deleted in October, was 「清单里没有序号为「60」的任务」)
                tid, note = _former_task(h, tl, line, str(task).strip(), e, source)
                tids = [tid]
            else:
                tid = line.tids.get(t.key, t.key)
                tids = [tid] + line.sources(tid)
                asked = tid
            where.append(f"COALESCE(s.tid, s.task) IN ({','.join('?' * len(tids))})")
            args.extend(tids)
            others.append(f"COALESCE(t.tid, t.task) IN ({','.join('?' * len(tids))})")
            other_args.extend(tids)
        if period and not _collected(h, period):
            # nothing of that month is in the record: said once, not as each unit's 「没有报送」
            out = Rows()
            out.note, out.absent, out.meant = note, _not_collected(h, period, source), meant or ""
            return out
        if period:
            for w, a in ((where, args), (others, other_args), (empty, empty_args)):
                w.append("s.period = ?")
                a.append(period)
        rows: dict[tuple, dict] = {}
        now = _current_seqs(tl, line)
        # one month asked: its row tells the task's whole story of decisions (a close-out returned before, an
        # extension refused); several months: each decision under the month it decided (trial 20 read September's
        # return under August)
        own = "" if period else "AND d.period = s.period"
        for r in h.db.execute(QUERY.format(where=" AND ".join(where), own_period=own), args):
            key = tuple(r[:3])
            row = rows.setdefault(key, dict(zip(FIELDS, r[:len(FIELDS)]), decisions=[]))
            # the 序号 in the list as it is now, the one the report was made under kept as 原序号 when it differs
            # (the session-17 trial: 「序号37」 was old 37, now 38, while --task 37 means today's 37)
            row["seq_now"] = now.get(row["tid"], "")
            # (trial 33: 「序号5」 for the rows of task 5 before it was split into 5 and 6, asked of 6)
            row["before_split"] = asked is not None and row["tid"] != asked
            # a unit renamed since (its old name an alias in the 名录) is printed by today's name, the stored one kept
            row["unit_now"] = tl.directory.current(row["unit"])
            if r[len(FIELDS)]:
                row["decisions"].append(dict(zip(DECISION_FIELDS, r[len(FIELDS):])))
        # every unit that sent a sheet, whatever its role (the session-19 trial: a 配合 unit that reported three
        # months running was 「没有…报送」)
        _others(h, tl, rows, now, " AND ".join(others) or "1=1", other_args, one_period=bool(period), asked=asked)
        if not task:
            for p, u, file in h.db.execute(EMPTY_QUERY.format(where=" AND ".join(empty) or "1=1"), empty_args):
                rows.setdefault((p, None, u), {**dict.fromkeys(FIELDS), "period": p, "unit": u, "file": file,
                                               "unit_now": tl.directory.current(u), "empty": True, "decisions": []})
        if unit:
            # a month the unit has nothing in: what the record knows of it there (未报送 with the months running,
            # 空表, not asked) — 「has 区水利局 reported these three months」 is answered by every month, not by the
            # months it did report alone
            have = {r["period"] for r in rows.values()}
            for p in [period] if period else h.periods():
                if p not in have:
                    rows[(p, None, meant)] = {**dict.fromkeys(FIELDS), "period": p, "unit": meant,
                                              "unit_now": tl.directory.current(meant), "decisions": [],
                                              "absent": _absent(h, tl, meant, p, tids if task else None)}
        out = Rows(sorted(rows.values(), key=lambda r: (r["period"], _order(r["seq_now"] if r["task"] else ""),
                                                        r["unit"])))
        out.note, out.meant = note, meant or ""
        return out
    finally:
        h.close()


class Rows(list):
    """The rows asked for, and what the record says around them: ``note`` on a task the list no longer has (deleted
    in a revision), ``absent`` on a period asked that was never collected (no rows then)."""
    note: str = ""
    absent: str = ""
    meant: str = ""     # the unit the name asked for was taken as (区城管局 → 区城市管理局)


def _former_task(h, tl, line, label: str, missing: ZhishuiError, source: str = CLI) -> tuple[str, str]:
    """(lineage id, what the record says of it) of the task an earlier version of the list had as 序号 ``label``,
    when the list no longer has it: deleted in a revision (its rows are shown, said so); under another 序号 now
    (refused, naming it); never in any version (``missing`` raised as it was)."""
    from .collect import period_label
    found = h.db.execute(
        "SELECT t.fingerprint, t.task, t.tid, t.content, t.deadline, t.units FROM version_tasks t "
        "JOIN list_versions v ON v.fingerprint = t.fingerprint WHERE t.seq = ? OR t.task = ? "
        "ORDER BY v.first_seen DESC LIMIT 1", (label, label)).fetchone()
    if found is None:
        seqs = [t.seq or t.label for t in tl.tasks]
        raise ZhishuiError(missing.what, code=missing.code, hint=front_words(
            source, missing.hint, missing.hint,
            f"现在的清单有{len(seqs)}项任务（序号{seqs[0]}至{seqs[-1]}），请在「任务序号」里选" if seqs else missing.hint))
    fp, key, tid, content, deadline, units = found
    tid = tid or key
    now = _current_seqs(tl, line)
    if tid in now:
        raise ZhishuiError(f"清单里没有序号为「{label}」的任务：原序号{label}的任务现在是序号{now[tid]}",
                           code="NO_SUCH_TASK", hint=front_words(source, f"--task 按现在的清单写序号：请写 --task {now[tid]}",
                                                          f"--task 按现在的清单写序号：请写 --task {now[tid]}",
                                                          f"「任务序号」按现在的清单选：请选{now[tid]}"))
    lead, _, resp = (units or "").partition("；")
    who = f"牵头单位{lead}" if lead else (f"责任单位{resp}" if resp else "")
    what = "，".join(x for x in (f"「{_short(content)}」", f"完成时限{deadline}" if deadline else "", who) if x)
    when = ""
    for old, to_fp in h.db.execute("SELECT old_tasks, to_fp FROM list_changes WHERE kind = '删除' AND from_fp = ?",
                                   (fp,)):
        if key in json.loads(old or "[]"):
            first = h.db.execute("SELECT MIN(period) FROM task_status WHERE fingerprint = ?", (to_fp,)).fetchone()[0]
            when = f"在{period_label(first)}的清单修订中删除" if first else "在清单修订中删除（修订后的清单还没有汇总过）"
            break
    last = h.db.execute(f"SELECT MAX(period) FROM task_status WHERE {TID} = ?", (tid,)).fetchone()[0]
    before = f"，删除前最后一期是{period_label(last)}；以下是它删除前的报送" if last else "；它删除前没有汇总过"
    return tid, f"序号{label}已{when or '从清单中删除'}（原任务：{what}）{before}"


def _short(text: str, n: int = 40) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[:n] + "…"


def _collected(h, period: str) -> bool:
    return h.db.execute("SELECT 1 FROM task_status WHERE period = ? LIMIT 1", (period,)).fetchone() is not None


def _not_collected(h, period: str, source: str = CLI) -> str:
    from .collect import period_label
    known = "、".join(h.periods()[-6:]) or "（还没有）"
    return (f"历史记录里没有{period_label(period)}的汇总结果（已汇总的报送期：{known}）"
            + front_words(source, "", "", "。督办台上开始了的报送期，打开它的「报送情况」页就汇总了。"))


def _absent(h, tl, unit: str, period: str, tids) -> str:
    """What the record knows of ``unit`` in ``period`` when it holds no report to show: the period not collected,
    the unit not asked that period, or how it reported (未报送 with the months running, 空表, 无法读取), and on a task
    the task's status that period (the trial-15 year: 区财政局, 未报送 two months running, was 「那期没有报送…或没有
    这项任务」)."""
    from .collect import period_label
    from .recall import _silent_runs
    label = period_label(period)
    if not _collected(h, period):
        return _not_collected(h, period)
    names = tl.directory.names_of(unit)
    marks = ",".join("?" * len(names))
    state = stored = None
    if h.columns.get("unit_states"):
        row = h.db.execute(f"SELECT state, unit FROM unit_states WHERE period = ? AND unit IN ({marks})",
                           (period, *names)).fetchone()
        if row is None and h.db.execute("SELECT 1 FROM unit_states WHERE period = ? LIMIT 1", (period,)).fetchone():
            return f"{unit}在{label}不是应报单位（那期的清单没有它的任务），历史记录里没有它那期的报送"
        state, stored = row if row else (None, None)
    if state is None:
        row = h.db.execute(f"SELECT state, unit FROM unit_scores WHERE period = ? AND unit IN ({marks})",
                           (period, *names)).fetchone()
        state, stored = row if row else (None, None)
    if state is None:
        return f"历史记录里没有{unit}{label}的报送情况"
    sent = state in ("已报送", "逾期报送")
    # (a unit renamed since says the name it reported under, as its report rows do: trial 22's 空表 month did not)
    who = f"{unit}（报送时名为{stored}）" if stored and stored != unit else unit
    said = f"{who}{label}{'按时报送' if state == '已报送' else _STATE_SAID.get(state, state)}"
    if state == "未报送":
        # (a sheet of another month is what came, as the 催报 and the 通报 say: trial 20)
        other = h.db.execute(f"SELECT sub_period FROM submissions WHERE period = ? AND unit IN ({marks}) "
                             "AND status = 'other_period' ORDER BY id DESC LIMIT 1", (period, *names)).fetchone()
        if other and other[0]:
            said += f"（报来的是{period_label(other[0])}的报送表）"
        # its sheet of this period that came with a later period's files (trial 33: 经商科技局's October sheet came on
        # 12 November; October's record, made before, and `history` knew nothing of it)
        later = h.db.execute(f"SELECT period, received FROM submissions WHERE sub_period = ? AND period > ? "
                             f"AND unit IN ({marks}) AND status = 'other_period' ORDER BY id LIMIT 1",
                             (period, period, *names)).fetchone()
        if later:
            when = f"{later[1][5:7].lstrip('0')}月{later[1][8:10].lstrip('0')}日收到，" if later[1] else ""
            said += (f"（它的{label}报送表后来在{period_label(later[0])}的文件里，{when}存档，没有计入{label}；"
                     f"要计入，请把它放进{label}的报送表文件夹重新汇总{label}）")
    run = [] if sent else _silent_runs(h, key_after(period), tl).get(tl.directory.current(unit), [])
    if len(run) > 1:
        said += f"（已连续{len(run)}个月未报送，自{period_label(run[0])}起）"
    if tids is None:
        return said + ("，但报送表里没有一项填写了内容" if sent else "，历史记录里没有它那期的报送内容")
    row = h.db.execute(f"SELECT t.task, t.status, s.unit, t.closeout FROM task_status t LEFT JOIN share_status s ON s.period = "
                       f"t.period AND s.task = t.task AND s.unit IN ({marks}) WHERE t.period = ? AND "
                       f"COALESCE(t.tid, t.task) IN ({','.join('?' * len(tids))})",
                       (*names, period, *tids)).fetchone()
    if row is None:
        return said + "；这项任务那期不在清单里"
    if row[3] == "已销号":
        # (a task closed out earlier is on no sheet: nobody is said not to have filled it in, trial 21)
        return said + f"；这项任务那期已销号，报送表上不再有它（任务状态：{row[1]}）"
    if not sent:
        return said + f"；这项任务那期的状态：{row[1]}"
    if row[2] is None:
        return said + f"；那期它不答复这项任务（不是牵头或共同负责单位），也没有在这一项填写内容（任务状态：{row[1]}）"
    return said + f"；这项任务它那期没有填写（任务状态：{row[1]}）"


_STATE_SAID = {"逾期报送": "逾期报送", "未报送": "未报送", "空表": "报来的是空表（一项都没有填写）", "无法读取": "报来的文件无法读取"}


def _others(h, tl, rows: dict, now: dict, where: str, args: list, one_period: bool = False, asked=None) -> None:
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
                                "seq_now": now.get(tid, ""), "unit_now": tl.directory.current(u),
                                "before_split": asked is not None and tid != asked}
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
            # (listing several months, the close-out of one period's report is said in that period's row only)
            row["decisions"] = [d for d in closeouts.get(row["tid"], []) if one_period or d["period"] == row["period"]]
    rows.update(added)


def _role(tl, seq: str, unit: str) -> str:
    """配合 (or 责任) as the list names the unit on the task now; "" when the list no longer has it so."""
    t = next((t for t in tl.tasks if (t.seq or t.label) == seq), None)
    return ROLE_CN.get(t.unit_roles().get(unit, ""), "") if t is not None and seq else ""


def _order(seq: str):
    return (0, int(seq), "") if str(seq).isdigit() else (1, 0, str(seq))


def unit_name(tl, unit: str, source: str = CLI) -> str:
    """The unit the clerk means: as the 单位名录 resolves it, else the one unit of the list whose
    name holds what was typed (卫辉市 → 卫辉市人民政府); several or none: said, never guessed (none: the list's units
    nearest to what was typed are named, so a slip such as 市水务局 for 市水利局 says which one was probably meant)."""
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
                           hint=front_words(source, "请写单位全称，如 --unit " + hits[0], "请写单位全称，如 --unit " + hits[0],
                                     "请在「单位」里选一个，或写全称，如「" + hits[0] + "」"))
    near = nearest_units(tl, unit)
    if near:
        raise ZhishuiError(f"清单里没有单位「{unit}」，名称相近的有：{'、'.join(near)}", code="NO_SUCH_UNIT",
                           hint=front_words(source, f"是其中一个的，请写 --unit {near[0]}", f"是其中一个的，请写 --unit {near[0]}",
                                     "是其中一个的，请在「单位」里选它"))
    raise ZhishuiError(f"清单里没有单位「{unit}」", code="NO_SUCH_UNIT",
                       hint="清单里的单位：" + "、".join(names[:12]) + ("等" if len(names) > 12 else ""))


def meant_note(unit: str | None, meant: str | None) -> str:
    """区城管局 found 区城市管理局: said, so a clerk who meant another unit sees it (the session-17 trial)."""
    return f"单位「{unit}」按「{meant}」查" if meant and meant != (unit or "").strip() else ""


def nearest_units(tl, unit: str, n: int = 3) -> list[str]:
    """The list's units whose names (or 名录 aliases) are nearest to ``unit`` as typed: the 名录's own suggestion
    (it knows that 区应急管理局 is not 区城市管理局), else by the characters the names share."""
    names = list(tl.units())
    near = [u for u in tl.directory.suggest(unit, n) if u in names] if len(tl.directory) else []
    return near or difflib.get_close_matches(unit.strip(), names, n=n, cutoff=0.5)


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
    if r.get("before_split"):
        return f"原序号{r['task']}（这项任务拆分或合并前的任务）"
    now = r.get("seq_now") or ""
    if not now:
        return f"原序号{r['task']}（现清单已删除）"
    return f"序号{now}" + (f"（原序号{r['task']}）" if now != str(r["task"]) else "")


EMPTY_WORDS = "报来的是空表（一项都没有填写）"


def describe(r: dict) -> dict:
    """One row as the clerk reads it, in the words the command line's lines and the browser desk's 查询 page both
    print: ``who`` (today's name, the one it reported under said), ``month``; then ``absent`` (what the record knows
    of a month it has nothing in), or ``empty`` (a blank sheet) with ``file``, or the report: ``task`` (its 序号 now,
    the one it was made under), ``role``, ``status`` (the task's that period), ``said`` (完成状态, 比例, 数值),
    ``texts`` ((label, text) of 进展情况…佐证材料), ``extension`` (the request), ``file`` (as the history keeps it)
    and ``decisions`` ((销号 or 延期, who decided what and when))."""
    y, m = r["period"].split("-")
    now = r.get("unit_now") or r["unit"]
    d = {"who": now if now == r["unit"] else f"{now}（报送时名为{r['unit']}）", "month": f"{int(y)}年{int(m)}月"}
    if r.get("absent"):
        return {**d, "absent": r["absent"]}
    if r.get("empty"):
        return {**d, "empty": EMPTY_WORDS, "file": r["file"] or ""}
    # (a state the unit typed that no option reads is its own words, not 未填: trial 20's 「基本完成」)
    typed = (r.get("state_raw") or "").strip()
    said = [f"完成状态：{state_as_written(r['state'], typed) if r['state'] else (f'「{typed}」（不是下拉选项，未认作任何状态）' if typed else '未填')}"]
    if r["percent"] is not None:
        said.append(f"完成比例：{r['percent']:.0%}")
    if r["value_raw"]:
        said.append(f"本期数值：{r['value_raw']}")
    decisions = []
    for x in r["decisions"]:
        if x["kind"] == "销号":
            what = "批准销号" if x["decision"] == "批准" else "退回销号"
            decisions.append(("销号", f"{x['period']}报送的完成情况由{x['by'] or '（未记办理人）'}于{x['at'][:10]}{what}"
                              + (f"，理由：{x['reason']}" if x["reason"] else "")))
        else:
            decisions.append(("延期", f"{x['unit']}{x['period']}的申请由{x['by'] or '（未记办理人）'}于{x['at'][:10]}"
                              + (f"同意，调整为{x['new_due']}" if x["decision"] == "同意" else "不同意")
                              + (f"，理由：{x['reason']}" if x["reason"] else "")))
    return {**d, "task": _seq_text(r), "role": r.get("role") or "",
            "status": f"本期状态：{r['status']}" + (f"，时限{r['due']}" if r["due"] else "")
            + (f"，{r['closeout']}" if r["closeout"] else ""),
            "said": "；".join(said),
            "texts": [(label, r[k]) for label, k in (("进展情况", "progress"), ("存在问题", "problems"),
                                                     ("下步打算", "next_steps"), ("佐证材料", "evidence")) if r[k]],
            "extension": f"申请延期至：{r['extend_to'] or '（未写日期）'}；理由：{r['extend_reason'] or ''}"
            if r["extend_to"] or r["extend_reason"] else "",
            "file": r["file"] or "", "decisions": decisions}


def nothing_found(rows, asked: str = "") -> str:
    """What is said when no row was found (a period never collected; else why there may be none)."""
    if getattr(rows, "absent", ""):
        return rows.absent
    # (a unit that did not report that month is the usual reason: said, not 「没有符合条件」 alone)
    return (f"历史记录里没有{asked}的报送：这个单位那期没有报送（或报来的表无法采用），或没有这项任务" if asked
            else "历史记录里没有符合条件的报送")


def lines(rows: list[dict], asked: str = "") -> list[str]:
    out = [rows.note] if getattr(rows, "note", "") else []
    if not rows:
        return out + [nothing_found(rows, asked)]
    for r in rows:
        d = describe(r)
        if "absent" in d:
            out.append(d["absent"])
            continue
        if "empty" in d:
            out.append(f"{d['who']}　{d['month']}　{d['empty']}")
            out.append(f"  出处：{d['file']}")
            continue
        role = f"{d['role']}；" if d["role"] else ""
        out.append(f"{d['who']}　{d['month']}　{d['task']}（{role}{d['status']}）")
        out.append("  " + d["said"])
        out += [f"  {label}：{text}" for label, text in d["texts"]]
        if d["extension"]:
            out.append("  " + d["extension"])
        if d["file"]:
            out.append(f"  出处：{d['file']}")
        out += [f"  {kind}：{text}" for kind, text in d["decisions"]]
    return out
