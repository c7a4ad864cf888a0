"""Check a responsibility list: every finding has a severity, a stable code, the
task, the field, the sheet and cell, a Chinese message and a suggestion."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
import difflib
import re

from .deadlines import without_settings_sheet
from .findings import ERROR, INFO, WARNING, Finding
from .office import office_gap
from .tasks import Task, TaskList, missing_columns
from .unitnames import norm

UNIT_FIELD_CN = {"lead": "牵头单位", "responsible": "责任单位", "cooperating": "配合单位"}


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# the formats zhishui import reads a plan from (a list is a workbook or a table file)
PLAN_SUFFIXES = (".txt", ".docx", ".doc", ".wps", ".pdf", ".html", ".htm")


def check_list(tl: TaskList, on: dt.date | None = None, settled: dict | None = None) -> list[Finding]:
    """``settled``: key -> the 销号 or 延期 the history holds for a task (recall.settled): a task closed out is
    not asked about its passed deadline, one extended is measured against its new date (the session-17 trial)."""
    on = on or dt.date.today()
    settled = settled or {}
    out: list[Finding] = list(tl.notes)
    file = str(tl.path)

    def add(sev, code, msg, sugg="", task: Task | None = None, fld="", cell=""):
        out.append(Finding(sev, code, msg, sugg, task=task.label if task else "", field=fld,
                           sheet=tl.sheet if (task or cell) else "", cell=cell, file=file))

    for where, msg in tl.settings.problems:
        out.append(Finding(WARNING, "SETTINGS_PROBLEM", msg, "请在设置表中改正", file=file,
                           sheet=where.split("!")[0] if "!" in where else "", cell=where.split("!")[-1]))
    gap = office_gap(tl.settings, tl.no_settings_sheet)
    if gap:
        msg, todo, where = gap
        out.append(Finding(WARNING, "NO_OFFICE", msg, todo, field="汇总单位", file=file,
                           sheet=where.split("!")[0] if "!" in where else "", cell=where.split("!")[-1]))
    for where, msg in tl.directory.problems:
        sheet, _, cell = where.partition("!")
        out.append(Finding(WARNING, "DIRECTORY_PROBLEM", msg, "请整理单位名录，每个单位一行、名称和别名不重复",
                           sheet=sheet, cell=cell, file=tl.directory.source.split("!")[0] or file))
    if not tl.directory:
        add(INFO, "NO_DIRECTORY", "没有单位名录，单位名称只按写法整理，未与名录核对",
            "在清单工作簿中加一张「单位名录」表，或用 --directory 指定名录文件")
    missing = missing_columns(tl)
    name = Path(tl.path).name
    if missing and Path(tl.path).suffix.lower() in PLAN_SUFFIXES:
        # zhishui check 方案.txt: the plan itself, before it was imported — say so before the columns it lacks
        # (only this: the list's own checks on a plan's lines would be noise)
        return [Finding(ERROR, "PLAN_NOT_LIST", f"「{name}」看起来是方案原文，不是责任清单（没有清单的表头）",
                        f"请先运行「zhishui import {name} --out 责任清单.xlsx」把方案导入成清单，再对导入的清单运行 check",
                        file=file)]
    for col, why, words in missing:
        add(ERROR, "LIST_COLUMN_MISSING", f"清单里找不到「{col}」列，无法{why}",
            f"请在表头写明该列；能识别的列名：{'、'.join(words[:12])}")
    if not tl.has_lead_column:
        add(INFO, "NO_LEAD_COLUMN", "清单没有「牵头单位」列，每项任务由责任单位共同负责：各自报送，全部完成才算完成",
            "如需明确牵头单位，请在清单中增加「牵头单位」列")

    # 序号: duplicates, gaps, missing
    seqs: dict[str, list[Task]] = {}
    for t in tl.tasks:
        if t.seq:
            seqs.setdefault(t.seq, []).append(t)
    restarts: list[str] = []
    for seq, ts in seqs.items():
        if len(ts) < 2:
            continue
        by_category: dict[str, list[Task]] = {}
        for t in ts:
            by_category.setdefault(t.category, []).append(t)
        if len(by_category) == len(ts):
            restarts.append(seq)   # numbering that starts again under each category, as the original has it
            continue
        for same in by_category.values():
            if len(same) > 1:
                rows = "、".join(str(t.row) for t in same)
                where = f"，同在分类「{same[0].category[:20]}」下" if same[0].category else ""
                for t in same[1:]:
                    add(ERROR, "DUPLICATE_SEQ", f"序号{seq}重复（第{rows}行{where}）",
                        "请重新编号，每项任务的序号唯一，否则报送表无法对应", t, "序号", t.cells.get("序号", ""))
    if restarts:
        cats = list(dict.fromkeys(t.category for s in restarts for t in seqs[s]))
        add(WARNING, "SEQ_PER_CATEGORY",
            f"序号在每个分类下重新编号（序号{'、'.join(restarts[:10])}{'等' if len(restarts) > 10 else ''}在"
            f"{''.join('「' + c[:16] + '」' for c in cats[:4])}{'等' if len(cats) > 4 else ''}下各有一项），"
            f"按分类区分：报送表和汇总都列出每项任务的分类，报送表还带有区分它们的任务编号，收回时能对上",
            "与原文一致可不改；若要在文书里只凭序号说清是哪一项，可改成全表连续编号")
    nums = sorted(int(s) for s in seqs if re.fullmatch(r"\d+", s))
    if nums and len(nums) == len(seqs):
        missing = sorted(set(range(nums[0], nums[-1] + 1)) - set(nums))
        if missing:
            add(INFO, "SEQ_GAP", f"序号不连续，缺少：{'、'.join(map(str, missing[:20]))}",
                "确认是否漏了任务；如果是有意跳号可忽略")
    has_seq_col = "序号" in tl.columns
    for t in tl.tasks:
        if has_seq_col and not t.seq:
            add(WARNING, "MISSING_SEQ", "这一行有自己的责任单位，但没有序号", "请补上序号", t, "序号",
                t.cells.get("序号", ""))
        if not t.content.strip() and not any(p.content for p in t.parts):
            add(ERROR, "EMPTY_CONTENT", "任务内容为空", "请填写具体举措/工作内容", t, "具体举措",
                t.cells.get("具体举措", ""))
        _check_deadline(t, on, tl, add, settled.get(t.key))
        _check_units(t, tl, add)
    out.extend(unit_findings(tl))
    out.extend(group_findings(tl))

    _check_spellings(tl, add)
    out.sort(key=Finding.sort_key)
    return out


def _check_deadline(t: Task, on: dt.date, tl: TaskList, add, settled: tuple | None = None) -> None:
    cell = t.cells.get("完成时限", "")
    if "完成时限" not in tl.columns:
        return
    pieces = [(str(d.raw or ""), d, c) for c, d in t.row_deadlines]
    if not any(raw.strip() for raw, _, _ in pieces):
        add(ERROR, "DEADLINE_MISSING", "没有填写完成时限", "请填写完成时限，如「2020年12月底」或「长期坚持」",
            t, "完成时限", cell)
        return
    for raw, d, c in pieces:
        if not raw.strip():
            continue
        if not d.understood:
            problems = "；".join(d.problems) or f"无法识别「{raw}」"
            sugg = "请写成「2020年12月底」「每年1月20日前」「长期坚持」这样的写法"
            if tl.no_settings_sheet and "请在设置中填写" in problems:
                # a CSV has no 设置 sheet: say what can be done instead (the session-18 trial's 鄞州 CSV)
                problems = without_settings_sheet(problems) + f"（{Path(tl.path).name}是文本表格，没有「设置」表可填）"
                sugg = (f"运行时加 --settings 设置.xlsx（在其中填「成文日期」{'、汛期' if '汛期' in problems else ''}）"
                        "或 --ref YYYY-MM-DD（文件日期）；或者在清单里写明年份，如「2024年6月30日前」")
            elif "请在设置中填写" in problems and not tl.settings.sheet_name:
                # (a workbook with no 设置 sheet yet: say how to add one, as the 汇总单位 warning does — trial 23)
                sheet = "请在清单工作簿中加一张「设置」工作表（A列「项目」、B列「值」），"
                sugg = (sheet + "写两行「汛期开始」「汛期结束」及当地的汛期起止日期，如5月1日、9月30日" if "汛期" in problems
                        else sheet + "写一行「成文日期」及文件的成文日期；或者在清单里写明年份，如「2024年6月30日前」")
            if "成文日期" in problems + sugg and tl.title_date:
                # (trial 35: 「鞍立政发〔2023〕2号 立山区人民政府 2023年3月28日」 on the list's second row, not offered)
                sugg += f"。清单表头上方写着「{tl.title_date[0]}」（{tl.sheet}!{tl.title_date[1]}），如这是文件的成文日期，可以填它"
            add(ERROR, "DEADLINE_UNREADABLE", f"完成时限「{raw}」无法识别：{problems}", sugg, t, "完成时限", c)
        elif d.relative and any("文件日期" in n or "按" in n for n in d.notes):
            add(INFO, "DEADLINE_RELATIVE", f"完成时限「{raw}」是相对写法：{'；'.join(d.notes)}",
                "核对年份是否正确；" + ("文件日期用 --ref 或 --settings 设置.xlsx（「成文日期」）给出"
                                   if tl.no_settings_sheet else "文件日期在设置表「成文日期」中修改"),
                t, "完成时限", c)
    d = t.deadline
    kind, when = settled or ("", None)
    if kind in ("销号", "阶段完成"):
        return          # (closed out, or its dated stage done: its deadline no longer asks anything)
    due = when if kind == "延期" and when else d.due
    if kind in ("待销号", "缺佐证") and due and due < on:
        # (reported done, its close-out not yet decided: 「确认任务是否已完成」 asked what the history already says; one
        # whose evidence is missing cannot be approved, README 「销号」)
        month = f"{int(when[:4])}年{int(when[5:7])}月"
        if kind == "缺佐证":
            add(INFO, "DEADLINE_PAST", f"完成时限{cn_date(d.due)}已过；{month}报了已完成，但缺少佐证材料，不能批准销号",
                "请有关单位补报佐证材料（或退回）", t, "完成时限", cell)
        else:
            add(INFO, "DEADLINE_PAST", f"完成时限{cn_date(d.due)}已过；{month}各单位已报完成，待销号",
                "核对佐证材料后办理销号（或退回）", t, "完成时限", cell)
        return
    if due and due < on:
        add(WARNING, "DEADLINE_PAST",
            (f"完成时限{cn_date(d.due)}已同意延期至{cn_date(due)}，也在检查日期{cn_date(on)}之前到期" if due != d.due else
             f"完成时限{cn_date(d.due)}在检查日期{cn_date(on)}之前已到期") + ("（之后长期坚持）" if d.ongoing else ""),
            "确认任务是否已完成；未完成的请调整时限或列入督办", t, "完成时限", cell)
    if d.understood and not d.due and not d.ongoing and not d.recurrence and d.conditional:
        add(WARNING, "DEADLINE_NONE", f"完成时限「{d.raw}」没有明确的完成日期，无法判断是否逾期",
            "请明确启动和完成时间，或写明「长期坚持」", t, "完成时限", cell)


def unit_findings(tl: TaskList) -> list[Finding]:
    """Every unit name the directory does not know.  Such a name is an error of the list: split,
    collect and docs leave it out (no return sheet, not expected, no letter) and say so."""
    out = []
    for t in tl.tasks:
        for role, ref in t.unknown_refs():
            fld = UNIT_FIELD_CN[role]
            sugg = f"是否为「{ref.suggestions[0]}」？" if ref.suggestions else ""
            out.append(Finding(ERROR, "UNKNOWN_UNIT", f"{fld}「{ref.raw}」不在单位名录中，不给它下发报送表、不催报、不发文书",
                               sugg + "请改为名录中的名称，或在单位名录中补充该单位（或别名）",
                               task=t.label, field=fld, sheet=tl.sheet, cell=t.cells.get(fld, ""), file=str(tl.path)))
    return out


def group_findings(tl: TaskList) -> list[Finding]:
    """Every group (各街道办事处) the directory cannot expand: like an unknown unit, nobody in it
    gets a return sheet, is chased or gets a letter, so split, collect and docs say so too."""
    out = []
    single: dict[str, list] = {}     # 各乡镇 -> [(task, field)] where the directory has one unit of that kind
    for t in tl.tasks:
        for role, fld in UNIT_FIELD_CN.items():
            for ref in getattr(t, role):
                if ref.is_group and len(ref.members) == 1 and ref.raw.startswith(("各", "全体", "所有")):
                    single.setdefault(ref.raw, []).append((t, fld, ref.members[0]))
                if ref.is_group and not ref.members:
                    out.append(Finding(WARNING, "GROUP_UNEXPANDABLE", f"{fld}「{ref.raw}」无法展开为具体单位：{ref.note}",
                                       ref.hint or ("请写明具体单位" if ref.relative else
                                                    "请写明具体单位，或在单位名录中为这些单位填写类型/分组"),
                                       task=t.label, field=fld, sheet=tl.sheet, cell=t.cells.get(fld, ""),
                                       file=str(tl.path)))
                if ref.tail:
                    # 区科技局等区级有关部门: 区科技局 keeps its task; the rest is nobody in particular (a bare 等 too)
                    said = (f"{fld}「{ref.raw}{ref.tail}」以「等」结尾：「等」没有写出的单位无法确定"
                            if ref.tail == "等" else
                            f"{fld}「{ref.tail}」无法展开为具体单位：「{ref.raw}{ref.tail}」中的「{ref.tail}」"
                            f"是泛指，无法确定具体是哪些单位")
                    out.append(Finding(WARNING, "GROUP_UNEXPANDABLE", said + f"（「{ref.name or ref.raw}」照常下发）",
                                       "请写明具体单位", task=t.label, field=fld, sheet=tl.sheet,
                                       cell=t.cells.get(fld, ""), file=str(tl.path)))
    for raw, uses in single.items():
        # (the trial of session 13: an imported list's 单位名录 held only 白沙镇人民政府, and 各乡镇 would have sent
        # every township's task to it alone, with nothing said by check)
        t, fld, member = uses[0]
        out.append(Finding(WARNING, "GROUP_ONE_UNIT",
                           f"{fld}「{raw}」按单位名录只展开为1个单位（{member}），{len(uses)}处用到；名录可能不全",
                           "请在单位名录中补全这一类的全部单位（类型或分组），再下发报送表",
                           task=t.label, field=fld, sheet=tl.sheet, cell=t.cells.get(fld, ""), file=str(tl.path)))
    return out


def _check_units(t: Task, tl: TaskList, add) -> None:
    for role, fld in UNIT_FIELD_CN.items():
        cell = t.cells.get(fld, "")
        for ref in getattr(t, role):
            if ref.is_group:
                continue
            if ref.bracket and ref.note:
                add(INFO, "UNIT_BRACKET", ref.note,
                    "括号里如是另一个单位，请分开写（用「、」隔开）；是同一单位的别称的，可在单位名录中写作别名", t, fld, cell)
            elif ref.how == "renamed":
                add(INFO, "UNIT_RENAMED", ref.note, "如需下发，请在清单中改用现名", t, fld, cell)
            elif ref.how == "unverified" and ref.note:
                add(INFO, "UNIT_RENAMED", ref.note, "请核对现名", t, fld, cell)
    cell_lead = t.cells.get("牵头单位", "")
    if not t.lead and not t.responsible:
        add(ERROR, "MISSING_LEAD", "没有牵头单位，也没有责任单位", "请填写牵头单位", t, "牵头单位",
            cell_lead or t.cells.get("责任单位", ""))
    elif not t.lead and tl.has_lead_column:
        joint = t.lead_units()
        if len(t.responsible) == 1 and not t.responsible[0].is_group:
            add(INFO, "LEAD_IMPLIED", f"牵头单位为空，按唯一的责任单位「{joint[0]}」牵头", "", t, "牵头单位", cell_lead)
        elif not joint:
            pass    # only collective names the directory cannot open: the 统称无法展开 warning says it, not 「0个单位」
        else:
            # 各县、区人民政府 with no members in the directory: a group that answers for no one, said by name
            empty = [r.raw for r in t.responsible if r.is_group and not r.members]
            listed = f"{len(joint)}个单位" + (f"：{'、'.join(joint)}" if 1 < len(joint) <= 6 else "")
            gap = f"；其中「{'」「'.join(empty)}」是统称，单位名录里没有它包含哪些单位，未计入" if empty else ""
            add(WARNING if len(t.responsible) > 1 else INFO, "LEAD_JOINT",
                f"牵头单位为空，责任单位「{t.raw.get('responsible', '')}」按共同负责处理（{listed}）：各自报送，"
                f"全部完成才算完成{gap}",
                "如需由一个单位牵头汇总，请填写牵头单位" + ("；统称请在单位名录中写明它包含的单位" if empty else ""),
                t, "牵头单位", cell_lead)
    persons = t.persons
    holders = t.responsible or t.lead
    # one person over several units is a leader in charge of them all (区政府分管领导), not a list to pair up
    if len(persons) > 1 and len(persons) != len(holders):
        add(WARNING, "PERSON_MISMATCH",
            f"责任人有{len(persons)}个（{'、'.join(persons)}），责任单位有{len(holders)}个，无法一一对应",
            "请按责任单位的顺序逐一填写责任人，用「、」分隔", t, "责任人", t.cells.get("责任人", ""))


def _check_spellings(tl: TaskList, add) -> None:
    """One unit written two ways: two spellings that resolve to one unit, or,
    without a directory, two spellings too close to be different units."""
    spell: dict[str, dict[str, str]] = {}   # canonical -> {spelling: first cell}
    raw_cells: dict[str, str] = {}
    for t in tl.tasks:
        for role, fld in UNIT_FIELD_CN.items():
            for ref in getattr(t, role):
                if ref.is_group:
                    continue
                raw_cells.setdefault(norm(ref.raw), f"{t.cells.get(fld, '')}")
                # (「市发展改革委、水利局」: 水利局 takes the 市 of the name before it, the usual way to write a list; not
                # a second spelling of 市水利局 to unify — trial 35)
                if ref.name and ref.how not in ("unknown", "inherited"):
                    spell.setdefault(ref.name, {}).setdefault(norm(ref.raw), t.cells.get(fld, ""))
    for name, spellings in spell.items():
        if len(spellings) > 1:
            forms = "、".join(f"「{s}」（{c}）" for s, c in spellings.items())
            add(INFO, "UNIT_VARIANT", f"同一单位「{name}」在清单中有{len(spellings)}种写法：{forms}",
                "建议统一写法", cell=next(iter(spellings.values())))
    if not tl.directory:
        names = sorted(raw_cells)
        for a, b in [*_close_pairs(names), *_short_pairs(names)]:
            add(WARNING, "UNIT_VARIANT", f"「{a}」（{raw_cells[a]}）和「{b}」（{raw_cells[b]}）可能是同一单位的两种写法",
                "请统一写法；有单位名录时可自动核对", cell=raw_cells[a])
        return
    # with a directory: two of its units, both given tasks, named almost alike (a directory made
    # from a plan's text, where the body and the annex wrote one office two ways) would each get a
    # return and be chased; one of them by mistake
    for a, b in _close_pairs(sorted(spell)):
        add(WARNING, "UNIT_VARIANT", f"单位名录中的「{a}」和「{b}」名称相近，清单里都有任务，可能是同一单位的两种写法",
            "如是同一单位，请在名录中删去一个、把它写作另一个的别名，清单里统一写法；确是两个单位可忽略",
            cell=next(iter(spell[a].values())))


def _short_pairs(names: list[str]):
    """Pairs where one name is the other written short: the known abbreviations (县住建局 = 县住房和城乡建设局), or
    the short one keeping the long one's characters in order, its first and its last (县环保局, 县环境保护局) —
    without a 单位名录 such a pair got two return sheets and was chased twice (trial 23)."""
    from .unitnames import expand
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            short, long_ = sorted((a, b), key=len)
            if len(short) < 3 or len(short) == len(long_) or short[0] != long_[0] or short[-1] != long_[-1]:
                continue
            rest = iter(long_)
            if expand(short) == expand(long_) or all(ch in rest for ch in short):
                yield a, b


def _close_pairs(names: list[str]):
    """Pairs of names one or two characters apart (same first character, lengths within one)."""
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if a[:1] == b[:1] and abs(len(a) - len(b)) <= 1 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8:
                yield a, b


@dataclass
class Checked:
    """A list checked with what its history decided (README 「销号」): the command line's check and the add-in's
    校验清单 are this one run, so they find and say the same (the trial-12 ledger's 校验清单 flagged a task closed
    out and one extended as past their deadline, while check on the same file did not)."""
    findings: list[Finding]
    settled: dict = field(default_factory=dict)    # recall.settled: key -> ("销号", None) | ("延期", new date)
    found_at: str = ""       # the line naming the history when it is not beside the list

    @property
    def history_line(self) -> str:
        """「历史记录：已销号1项、已同意延期1项，…」 when the history decided any task, else ""."""
        if not self.settled:
            return ""
        n = {kind: sum(1 for k, _d in self.settled.values() if k == kind)
             for kind in ("销号", "延期", "阶段完成", "待销号", "缺佐证")}
        return (f"历史记录：已销号{n['销号']}项、已同意延期{n['延期']}项"
                + (f"、阶段任务已报完成{n['阶段完成']}项" if n["阶段完成"] else "")
                + (f"、已报完成待销号{n['待销号']}项" if n["待销号"] else "")
                + (f"、已报完成但缺佐证{n['缺佐证']}项" if n["缺佐证"] else "")
                + "，已销号的不再提示时限，已延期的按延期后的时限检查"
                + ("，阶段已完成的不再提示阶段时限" if n["阶段完成"] else ""))

    @property
    def notes(self) -> list[str]:
        return [x for x in (self.found_at, self.history_line) if x]


def check_with_history(tl: TaskList, on: dt.date, history_dir=None, db: str | None = None) -> Checked:
    """check_list with the 销号 and 延期 of the list's history (found as collect finds it; ``history_dir``,
    ``db``: see archives.locate)."""
    from .errors import ZhishuiError
    from .recall import settled
    try:
        done, found_at = settled(tl, history_dir, db)
    except ZhishuiError:
        done, found_at = {}, ""     # (a history that cannot be read does not stop the check of the list itself)
    return Checked(check_list(tl, on, settled=done), done, found_at)


def summary_counts(findings: list[Finding]) -> dict:
    out = {ERROR: 0, WARNING: 0, INFO: 0}
    for f in findings:
        out[f.severity] = out.get(f.severity, 0) + 1
    return out
