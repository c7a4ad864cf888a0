"""The files the command line wrote for a period, and which of them no longer agree with the month.

A month is written more than once: ``zhishui collect`` writes the 汇总 (workbook and JSON), the clerk then decides
销号 and 延期 (``close``, ``extend``), and ``zhishui docs`` computes the month again with those decisions.  The
trial-15 September 汇总 said 已完成5, 完成率7.9%, task 17 缺佐证; after 17 was returned and 26's extension refused the
通报 said 已完成4, 临期1, 6.3%, and no command said that the 汇总 was now out of date.

Each run that writes a period's files records them (history table ``outputs``): where, what they said
(``Month.facts``), the last decision they knew of, and the command that writes them again.  Then

* ``close``/``extend`` name the files, of the periods the decision changes, that were written before it, each with
  its command (``stale_after``);
* ``collect``/``docs`` name each other file of the same period that says something else than what they just wrote:
  why (the decisions since it was written, another report date) and what differs (``record``).

A file is never rewritten by another command (README 「汇总、文书和办理的先后」): the 汇总 may be open in Excel or WPS or
already sent, and only ``collect`` knows its options; running the command again gives the file a fresh run gives.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .decisions import AGREE, APPROVE, CLOSE
from .fileutil import atomic_path
from .history import READ_SQL, READ_STATUSES
from .returnsheet import period_key
from .status import STATUSES

# a set of 催报通知 alone (docs --kind 催报通知) tells no decision: kept apart so that it never counts as the 通报 that
# said one (recall.is_news), and still named when it no longer agrees with the month
CHASE_SET = "催报文书"
KIND_WORDS = {"汇总": "汇总结果", "文书": "文书", CHASE_SET: "催报通知"}
REDO = {"汇总": "重新汇总", "文书": "重新生成文书", CHASE_SET: "重新生成催报通知"}


def set_kind(kinds) -> str:
    """The kind a set of documents is recorded as: 文书 when it holds a document that tells decisions (the 通报, or
    the 督办通知 that says a refused extension)."""
    return "文书" if {"bulletin", "supervise"} & set(kinds) else CHASE_SET


@dataclass
class Output:
    period: str           # YYYY-MM
    kind: str             # 汇总 | 文书
    path: str             # absolute: the workbook, or the documents' folder
    also: str             # absolute: the JSON written with the workbook ("" none)
    report_date: str
    decisions: int        # the last decision (decisions.id) the month it was made from knew of
    facts: dict           # Month.facts of that month
    command: str          # the command that writes it again
    cwd: str              # where that command was run (its paths are as typed there)
    at: str = ""          # when it was written (YYYY-MM-DDTHH:MM:SS)
    files: tuple = ()     # the returns it was made from (their sha256), () for files recorded before they were kept

    @property
    def exists(self) -> bool:
        return Path(self.path).exists()

    @property
    def files_text(self) -> str:
        return "、".join(f"「{shown_path(p)}」" for p in (self.path, self.also) if p)

    @property
    def command_text(self) -> str:
        here = os.getcwd()
        return self.command + (f"（在「{self.cwd}」下运行）" if self.cwd and self.cwd != here else "")


def shown_path(path: str) -> str:
    """A path as the clerk typed it, more or less: relative to the current folder when it lies inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:          # (another drive on Windows)
        return path
    return path if rel.startswith("..") else rel


def _have(h) -> bool:
    return bool(h.columns.get("outputs"))


def decisions_top(h) -> int:
    """The id of the last decision recorded (0: none yet)."""
    row = h.db.execute("SELECT MAX(id) FROM decisions").fetchone()
    return (row[0] or 0) if row else 0


def _rows(h, where: str, params: tuple) -> list[Output]:
    out = []
    for (period, kind, path, also, report_date, decisions, facts, command, cwd, at) in h.db.execute(
            "SELECT period, kind, path, also, report_date, decisions, facts, command, cwd, at FROM outputs "
            f"WHERE {where} AND kind IN ('汇总', '文书', '{CHASE_SET}') ORDER BY period, kind, path", params):
        said = json.loads(facts) if facts else {}
        read = tuple(said.pop(FILES_KEY, ()))         # (kept beside the facts, not one of them: see read_files)
        out.append(Output(period, kind, path, also or "", report_date or "", decisions or 0, said, command or "",
                          cwd or "", at or "", read))
    return out


FILES_KEY = "_files"


def read_files(m) -> tuple:
    """The returns a month was made from (the units' sheets counted, replaced or blank), by content: two files of one
    period that disagree because they read different folders say so (trial 28/32)."""
    return tuple(sorted({s.sha256 for s in m.col.submissions
                         if s.unit and s.status in READ_STATUSES}))


def keep_earlier_set(m, kind: str, out_dir, folders) -> str:
    """Before a set of documents is written again into ``out_dir``: when the set there was made from a month that
    said something else (a correction came after the 通报, trial 29), its ``folders`` (催报通知, 进展通报 …) are
    copied aside to 「旧版_<when it was made>」 before they are written over, and a line says so (the new 通报 has the
    same 文号); "" otherwise."""
    h = m.open_history
    if h is None or not _have(h):
        return ""
    path = str(Path(out_dir).resolve())
    earlier = next((o for o in _rows(h, "period = ? AND path = ?", (period_key(m.period), path))
                    if o.kind == kind and o.exists and o.facts and o.facts != m.facts), None)
    there = [Path(out_dir) / f for f in folders if (Path(out_dir) / f).is_dir()]
    if earlier is None or not there:
        return ""
    stamp = (earlier.at or "").replace("-", "").replace(":", "").replace("T", "-")[:15] or "上次"
    when = earlier.at.replace("T", " ")[:16] if earlier.at else "上次"
    differs = _differences(earlier.facts, m.facts, "那一次", "这一次")
    # copied file by file, each written whole, before any is written over; 说明.txt last says the copy is whole.  A run
    # killed before it is followed by one that finds the same set (named by its own time) and copies what is missing
    # (the folders are still the first set's then); once it is there, nothing is copied again
    aside = Path(out_dir) / f"旧版_{stamp}"
    note = aside / "说明.txt"
    if not note.exists():
        for f in there:
            for src in sorted(p for p in f.rglob("*") if p.is_file() and not p.name.startswith(".~zhishui-")):
                if not (aside / src.relative_to(out_dir)).exists():
                    with atomic_path(aside / src.relative_to(out_dir)) as tmp:
                        shutil.copyfile(src, tmp)
        with atomic_path(note) as tmp:
            Path(tmp).write_text(f"这里是{when}生成的{_period_cn(earlier.period)}文书，重新生成前另存的一份。\n"
                                 f"和重新生成的相比：{differs}。\n", encoding="utf-8")
    return (f"注意：这个文件夹里本期的文书是{when}生成的，和这次说的不同：{differs}。"
            f"那一次的文件另存了一份在「{aside.name}」；这次的文书用的是同一组文号。那一次的如果已经印发，"
            "这一次的请按本单位的规定处理（发更正通知，或另编文号），不要以同一个文号再发一份不同的文书")


def _period_cn(period: str) -> str:
    return f"{int(period[:4])}年{int(period[5:7])}月"


# --- a decision: which files written before it it leaves out of date --------------------------------------------

def stale_after(h, before: int) -> list[str]:
    """Lines for the clerk after ``close``/``extend`` recorded the decisions after id ``before``: each file of the
    latest period collected, when they change it (it is their own period or a later one), written before them, with
    the command that writes it again; [] when there is none (nothing was recorded, or nothing written yet).  A
    decision changes the month it is news in and later ones (``Decision.news_in``); an earlier period's files are
    what was reported then (a request of October decided after November was reported is news in November's files,
    README 「延期申请带到以后各期」): not asked to be made again."""
    if not _have(h):
        return []
    from .recall import decisions_of
    new = [(d.seq, d.news_in) for d in decisions_of(h) if d.seq > before]
    latest = h.db.execute("SELECT MAX(period) FROM task_status").fetchone()[0]
    if not new or not latest:
        return []
    stale = [o for o in _rows(h, "period = ?", (latest,))
             if o.exists and any(i > o.decisions and p <= o.period for i, p in new)]
    if not stale:
        return []
    # the returns the period's record is made from now (a run's files; another's are marked unread): a file made from
    # other returns is not to be made again by its own command, which reads them again (trial 32: the desk's message
    # after 批准销号 offered the partial collect whose record it had just replaced)
    now = {r[0] for r in h.db.execute("SELECT DISTINCT sha256 FROM submissions WHERE period = ? AND unit IS NOT NULL "
                                      f"AND status IN {READ_SQL}", (latest,)).fetchall()}
    lines = ["注意：下面的文件是这次办理之前写出的，没有这次办理的结果，和现在的记录不一致；"
             "请运行括号里的命令重新生成（同一期的汇总结果和文书要一致）："]
    for o in stale:
        if o.files and set(o.files) != now:
            lines.append(f"  {_period_cn(o.period)}{KIND_WORDS[o.kind]}{o.files_text}（它读的报送表和现在本期的记录不同"
                         f"（它读了{len(o.files)}份、本期的记录是{len(now)}份）：不要用它原来的命令，请把两边的文件放在一起后再"
                         f"{REDO[o.kind]}）")
        else:
            lines.append(f"  {_period_cn(o.period)}{KIND_WORDS[o.kind]}{o.files_text}（{REDO[o.kind]}：{o.command_text}）")
    return lines


# --- a run that writes files: record them, name the files of the same period that disagree -----------------------

def record(m, kind: str, path, also=None, command: str = "") -> list[str]:
    """Record that ``path`` (and ``also``, the JSON beside a 汇总) was written from month ``m``, in the month's open
    history transaction (committed with it), and return a line for each other file of the same period, still on
    disk, that says something else.  Nothing for a month not recorded (--no-history)."""
    h = m.open_history
    if h is None or not _have(h):
        return []
    period = period_key(m.period)
    path = str(Path(path).resolve())
    also = str(Path(also).resolve()) if also else ""
    facts = m.facts
    top = max((d.seq for d in m.recalled.decisions), default=0) if m.recalled else 0
    said, older = [], 0
    seen: set[str] = set()
    differed: set[str] = set()
    # only the latest file of each kind is weighed: when it agrees, the older ones it replaced are not named, and when
    # it does not, the older ones are counted (trial 31's nightly job, a new folder each night, was told of every
    # earlier night — 30 paragraphs by the twelfth — and of an old 汇总 beside that night's agreeing one)
    for o in sorted(_rows(h, "period = ?", (period,)), key=lambda o: o.at, reverse=True):
        if (o.kind, o.path) == (kind, path) or not o.exists:
            continue
        if o.kind in seen:
            older += o.kind in differed and o.facts != facts
            continue
        seen.add(o.kind)
        if o.facts != facts:
            differed.add(o.kind)
            said.append(_disagreement(o, m, kind, facts, top))
    if older:
        said.append(f"另有{older}份本期更早写出的汇总结果或文书也与这次不一致（没有一一列出：上面是每种最近写出的一份）")
    _insert(h, period, kind, path, also, m, command)
    return said


WEB_SET = "督办台文书"


def record_web_set(h, m, path) -> None:
    """Record in history ``h`` (the caller commits) a set of documents the web desk made from month ``m``: never
    named to the command line's clerk (the desk marks its own sets 「已过时」), but the decisions it knew were news
    in its 通报 and are not news again next month (recall.is_news)."""
    if not _have(h):
        return
    _insert(h, period_key(m.period), WEB_SET, str(Path(path).resolve()), "", m, "")


def _insert(h, period: str, kind: str, path: str, also: str, m, command: str) -> None:
    top = max((d.seq for d in m.recalled.decisions), default=0) if m.recalled else 0
    h.db.execute("DELETE FROM outputs WHERE period=? AND kind=? AND path=?", (period, kind, path))
    h.db.execute("INSERT INTO outputs (plan_id, period, kind, path, also, report_date, decisions, facts, command, cwd, "
                 "at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                 (h.plan_id, period, kind, path, also or None, m.report_date.isoformat(), top,
                  json.dumps({**m.facts, FILES_KEY: list(read_files(m))}, ensure_ascii=False, sort_keys=True), command,
                  os.getcwd(),
                  dt.datetime.now().isoformat(timespec="microseconds")))   # (the order of runs a second apart)


def _disagreement(o: Output, m, kind: str, facts: dict, top: int) -> str:
    """「注意：本期汇总结果「m09/汇总.xlsx」…与这次的文书不一致：汇总之后办理了…；…。请重新汇总…：zhishui collect …」"""
    theirs, ours = KIND_WORDS[o.kind], ("这次的" + KIND_WORDS[kind]) if kind != o.kind else "这次写出的"
    after = [d for d in (m.recalled.decisions if m.recalled else [])
             if d.seq > o.decisions and d.news_in <= o.period and d.seq <= top]
    mine = set(read_files(m))
    if o.files and set(o.files) != mine and o.facts.get("report_date") == facts["report_date"]:
        # the two read different returns (another folder, the desk's uploads): running the other's command again would
        # only write its half again (trial 28/30/32: the two commands sent the clerk round in a loop), whatever was
        # decided between them
        only_there, only_here = len(set(o.files) - mine), len(mine - set(o.files))
        said = (f"注意：本期{'另一份' if kind == o.kind else ''}{theirs}{o.files_text}与{ours}不一致：两次读的报送表不同"
                f"（{theirs}读了{len(o.files)}份、这次读了{len(mine)}份；"
                + "，".join(x for x in (f"有{only_there}份这次没有" if only_there else "",
                                        f"这次有{only_here}份它没有" if only_here else "") if x)
                + (f"；其间还办理了{'、'.join(_decision_words(d, m) for d in after)}" if after else "")
                + f"）；{_differences(o.facts, facts, theirs, ours)}。")
        return said + ("请把两边收到的文件放在一起，再汇总和生成文书" if only_there else
                       f"这次读的文件更全，请用这次的文件重新生成{theirs}（它的命令读的是另一个文件夹）")
    if after:
        why = f"{'汇总' if o.kind == '汇总' else '生成文书'}之后办理了" + "、".join(_decision_words(d, m) for d in after)
    elif o.facts.get("report_date") != facts["report_date"]:
        why = f"报告日期不同（{theirs}按{o.facts.get('report_date')}，{ours}按{facts['report_date']}）"
    else:
        why = "报送表、清单或历史记录与那时不同"
    other = "另一份" if kind == o.kind else ""
    said = f"注意：本期{other}{theirs}{o.files_text}与{ours}不一致：{why}；{_differences(o.facts, facts, theirs, ours)}。"
    if not after and o.facts.get("report_date") != facts["report_date"]:
        # two report dates cannot both be the period's: which one is, the clerk knows (never guessed here)
        return said + f"本期以哪个报告日期为准，就用它重新生成另一份（{theirs}的命令：{o.command_text}）"
    return said + f"请{REDO[o.kind]}，使两者一致：{o.command_text}"


def _decision_words(d, m) -> str:
    """序号17退回销号, 序号42同意延期至2020年12月31日: the task by its 序号 in the list as it is now."""
    keys = {tid: key for key, tid in (m.recalled.line.tids.items() if m.recalled and m.recalled.line else ())}
    labels = {t.key: t.seq or t.label for t in m.tl.tasks}
    label = labels.get(keys.get(d.tid, d.task), d.task)
    if d.kind == CLOSE:
        return f"序号{label}{'批准销号' if d.decision == APPROVE else '退回销号'}"
    if d.decision == AGREE:
        return f"序号{label}同意延期" + (f"至{d.new_due.year}年{d.new_due.month}月{d.new_due.day}日" if d.new_due else "")
    return f"序号{label}不同意延期"


def _differences(a: dict, b: dict, theirs: str, ours: str) -> str:
    """What the two say differently: the counts, then the tasks (status, close-out, deadline), the requests and the
    units, a few of each."""
    ta, tb = a.get("totals", {}), b.get("totals", {})
    keys = [s for s in STATUSES if ta.get(s) != tb.get(s)] + (["完成率"] if ta.get("完成率") != tb.get("完成率") else [])

    def count(t, k):
        return f"{k}{t.get(k, 0):.1%}" if k == "完成率" else f"{k}{t.get(k, 0)}"
    parts = []
    if keys:
        parts.append(f"{theirs}写的是{'、'.join(count(ta, k) for k in keys)}，{ours}是{'、'.join(count(tb, k) for k in keys)}")
    moved = []
    old_tasks, new_tasks = a.get("tasks", {}), b.get("tasks", {})
    for key, (label, status, closeout, due) in new_tasks.items():
        was = old_tasks.get(key)
        if was is None or was[1:] == [status, closeout, due]:
            continue
        bits = []
        if was[1] != status:
            bits.append(f"{was[1]}→{status}")
        if was[2] != closeout:
            bits.append(f"销号情况{was[2] or '无'}→{closeout or '无'}")
        if was[3] != due:
            bits.append(f"时限{was[3] or '无'}→{due or '无'}")
        moved.append(f"序号{label}" + "，".join(bits))
    old_req = {(s, u): st for s, u, st in a.get("requests", [])}
    for s, u, st in b.get("requests", []):
        if old_req.get((s, u)) not in (None, st):
            moved.append(f"序号{s}{u}的延期申请{old_req[(s, u)]}→{st}")
    gone = sorted(set(old_req) - {(s, u) for s, u, _st in b.get("requests", [])})
    moved += [f"序号{s}{u}的延期申请{old_req[(s, u)]}→不再列出" for s, u in gone]
    from .month import state_word
    old_units = a.get("units", {})
    moved += [f"{u}{state_word(old_units[u])}→{state_word(st)}" for u, st in b.get("units", {}).items()
              if old_units.get(u) not in (None, st)]
    if moved:
        parts.append(f"变了的（{theirs}→{ours}）：" + "；".join(moved[:10]) + ("等" if len(moved) > 10 else ""))
    return "；".join(parts) or "任务和单位的明细不同"
