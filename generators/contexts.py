"""What callers pass to the document templates (the context contract), and the
derived fields the templates use.

Callers (CLI, add-in) build plain dicts with the keys below; ``prepare(kind, ctx)``
checks them, copies and cleans every string (control characters out, line
breaks kept), and adds the derived, ready-to-print fields (``*_cn`` dates,
joined recipient lists, balanced title lines, summary sentences). Templates use
both; 模板说明.md lists them all for clerks.

Dates are ``datetime.date`` (or ``datetime.datetime`` for ``cutoff``); rates are
floats 0..1; counts are ints. ``None`` prints as nothing.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any, Optional, TypedDict

from zhishui.errors import ZhishuiError
from zhishui.workdays import add_workdays, weekend_only_note, workdays_between

from .official import DOC_NUMBER_RE, cn_date, cn_datetime, cn_month, cn_num, pct, title_lines

KINDS = {"chase": "催报通知", "supervise": "督办通知", "bulletin": "进展通报", "annual": "年度工作总结",
         "assessment": "年度考核结果"}
KIND_BY_NAME = {v: k for k, v in KINDS.items()}
STATUS_NAMES = {"completed": "已完成", "on_schedule": "序时推进", "lagging": "进度滞后", "due_soon": "临期",
                "overdue": "逾期", "ongoing": "长期坚持", "not_reported": "未报送"}


# ---------------------------------------------------------------- the contract

class Common(TypedDict, total=False):
    office: str               # 发文单位（署名、机关标志）, e.g. 重庆市永川区生态环境局
    office_mark: str          # 机关标志 text if it differs from office (e.g. "…文件"); optional
    doc_number: str           # 发文字号, e.g. 永环督〔2020〕3号
    date: dt.date             # 成文日期
    recipients: list[str]     # 主送
    cc: list[str]             # 抄送
    plan_name: str            # 方案名称
    notice_title: str         # 原通知标题（不带书名号）
    notice_number: str        # 原通知文号
    period: dt.date           # 报告期（某月任一天）, shown as 2020年11月
    contact: str              # 联系人
    phone: str                # 联系电话
    email: str                # 电子邮箱
    signer: str               # 签发人
    title: str                # optional: overrides the default title (\n = line break)
    urgency: str              # optional 紧急程度: 特急 / 加急
    attachments: list[str]    # optional 附件名称


class MissingUnit(TypedDict, total=False):
    name: str
    tasks: int                # 应报任务数
    contact: str
    phone: str


class ChaseContext(Common, total=False):
    cutoff: dt.datetime       # 统计截止时间
    original_deadline: Optional[dt.date]   # 原定报送截止日 (optional)
    missing: list[MissingUnit]
    expected_count: int       # 应报单位数
    reported_count: int       # 已报单位数
    report_rate: float        # 上报率 0..1
    new_deadline: dt.date     # 新的报送期限
    channel: str              # 报送方式, e.g. 政务邮箱
    consequence: str          # 逾期后果
    per_unit: bool            # one letter per unit
    unit: Any                 # the unit (name or MissingUnit) when per_unit


class SuperviseTask(TypedDict, total=False):
    seq: Any
    content: str
    deadline_raw: str         # 完成时限 as written in the list
    due: Optional[dt.date]
    days_overdue: Optional[int]
    reason: str               # 滞后原因
    reported: Any             # True/False or text: 本期报送情况


class SuperviseContext(Common, total=False):
    unit: str                 # 承办单位
    role_text: str            # 牵头 / 共同负责 / 牵头或共同负责: the unit's role in the listed tasks
    tasks: list[SuperviseTask]
    reply_deadline: dt.date   # 反馈期限; computed from reply_workdays when absent
    reply_workdays: int       # 反馈期限的工作日数 (设置: 回复时限工作日)
    extra_holidays: list[dt.date]   # 设置: 节假日 (beyond the built-in calendar)
    extra_workdays: list[dt.date]   # 设置: 调休上班日
    requirements: list[str]   # 办理要求
    report_date: dt.date      # optional: 统计日期 (default: date)


class Totals(TypedDict, total=False):
    total: int
    completed: int
    on_schedule: int
    lagging: int
    due_soon: int
    overdue: int
    ongoing: int
    not_reported: int
    completion_rate: float
    period: dt.date           # only in ``previous``


class CategoryRow(Totals, total=False):
    category: str


class UnitRow(TypedDict, total=False):
    rank: int                 # equal scores share a rank
    unit: str
    score: float              # README 「单位怎么排名」
    tasks: int
    completed: int
    on_track: int             # 序时推进 + 临期 + 长期坚持
    lagging: int
    overdue: int
    due_soon: int
    not_reported: int
    completion_rate: float
    reported: str             # 按时报送 / 逾期报送 / 未报送


class ProblemTask(TypedDict, total=False):
    seq: Any
    content: str
    lead: str
    deadline_raw: str
    due: Optional[dt.date]
    days_overdue: Optional[int]
    reason: str


class DueTask(TypedDict, total=False):
    seq: Any
    content: str
    lead: str
    due: Optional[dt.date]
    deadline_raw: str


class RegressionTask(TypedDict, total=False):
    seq: Any
    content: str
    lead: str
    previous: str             # 上期状态
    status: str               # 本期状态
    changes: str              # what went backwards (README 「与上期比较」)


class BulletinContext(Common, total=False):
    report_date: dt.date
    totals: Totals
    previous: Optional[Totals]
    by_category: list[CategoryRow]
    by_unit: list[UnitRow]
    named_top: list[str]      # units the 通报 names as best (the month's ranking decides)
    named_bottom: list[str]   # units it names as worst
    top_count: int            # how many share the highest score
    bottom_count: int
    scores_equal: bool        # every ranked unit has the same score
    units_annexed: bool       # the unit table is an annex (many units), not in section 三
    problems_annexed: bool    # the overdue and lagging task tables are annexes (many rows); the body counts by unit
    behind_units: list[dict]  # with problems_annexed: unit, overdue, lagging (counts), overdue_seqs, lagging_seqs (「4、20」)
    units_chart_partial: str  # which units the chart shows, as its caption says (charts.ranked_selection; "" all)
    late_units: list[str]     # units that reported late
    missing_units: list[str]  # units that did not report (the 催报通知's list)
    overdue_units: list[str]  # units behind on overdue tasks (their own share overdue or unreported; the 汇总单位 too)
    lagging_units: list[str]  # units behind on lagging tasks
    overdue_tasks: list[ProblemTask]
    lagging_tasks: list[ProblemTask]
    next_month: dt.date       # 「下月」: the month after the 报送期 (default: from ``period``), whatever the report date
    due_next_month: list[DueTask]
    nodes_passed: list[dict]  # tasks past an intermediate node and not done: seq, content, lead, nodes, reported
    regressions: list[RegressionTask]   # tasks flagged against last period
    requirements: list[str]
    charts: dict              # name -> PNG path: status_by_category, units_ranked
    print_date: dt.date       # 印发日期 (default: date)


REQUIRED = {
    "chase": ("office", "date", "missing", "new_deadline"),
    "supervise": ("office", "date", "unit", "tasks"),
    "bulletin": ("office", "date", "report_date", "totals"),
    "annual": ("office", "date", "year", "months"),
    "assessment": ("office", "date", "year", "units"),
}
FIELD_CN = {
    "office": "发文单位", "date": "成文日期", "missing": "未报送单位", "new_deadline": "新的报送期限",
    "unit": "承办单位", "tasks": "督办任务", "reply_deadline": "反馈期限", "report_date": "统计日期",
    "totals": "总体数据", "year": "年度", "months": "各月情况", "units": "各单位得分",
}
COMMON_DEFAULTS = {
    "office_mark": None, "doc_number": "", "recipients": [], "cc": [], "plan_name": "", "lead_word": "牵头单位",
    "notice_title": "", "notice_number": "", "period": None, "contact": "", "phone": "",
    "email": "", "signer": "", "title": None, "urgency": "", "attachments": [],
}
KIND_DEFAULTS = {
    "chase": {"cutoff": None, "original_deadline": None, "expected_count": None,
              "reported_count": None, "report_rate": None, "channel": "", "consequence": "",
              "per_unit": False, "unit": None},
    "supervise": {"reply_deadline": None, "reply_workdays": None, "requirements": [], "report_date": None,
                  "role_text": "牵头",
                  "extra_holidays": [], "extra_workdays": []},
    "bulletin": {"previous": None, "by_category": [], "by_unit": [], "named_top": [], "named_bottom": [],
                 "top_count": 0, "bottom_count": 0, "scores_equal": False, "late_units": [],
                 "units_annexed": False, "units_chart_partial": "", "problems_annexed": False, "behind_units": [],
                 "missing_units": [], "overdue_units": [], "lagging_units": [], "lagging_silent": [], "overdue_tasks": [],
                 "lagging_tasks": [], "next_month": None, "due_next_month": [], "nodes_passed": [], "requirements": [],
                 "charts": {},
                 "print_date": None, "regressions": [], "closed_now": [], "closed_total": 0,
                 "closeout_pending": [], "closeout_returned": [], "closeout_no_evidence": [], "extensions": [],
                 "extension_pending": 0, "extension_pending_tasks": [], "targets": [], "sunning": [], "scheme_default": True, "scheme": [],
                 "list_changes": {}},
    "annual": {"by_category": [], "by_unit": [], "targets": [], "open_tasks": [], "closed": [], "extensions": [],
               "list_changes": [], "requirements": [], "charts": {}, "print_date": None, "scheme": [],
               "attachments": ["年度考核结果"]},
    "assessment": {"scheme": [], "periods": [], "print_date": None},
}
CHART_NAMES = ("status_by_category", "units_ranked")


def kind_of(kind: str) -> str:
    """'chase' / '催报通知' -> 'chase'."""
    if kind in KINDS:
        return kind
    if kind in KIND_BY_NAME:
        return KIND_BY_NAME[kind]
    raise ZhishuiError(f"不认识的文书种类「{kind}」", hint="可用：" + "、".join(KINDS.values()))


# ---------------------------------------------------------------- cleaning

_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# docxtpl turns "{_{" "}_}" "{_%" "%_}" into "{{" "}}" "{%" "%}" after rendering; user text
# keeps them by hiding the underscore as U+E000, restored by the renderer.
_DOCXTPL_ESCAPES = re.compile(r"(?<=\{)_(?=[{%])|(?<=[}%])_(?=\})")
HIDDEN_UNDERSCORE = "\ue000"


# a half-width comma or semicolon between Chinese characters (typed on an English keyboard
# layout) prints as the full-width mark a 公文 uses
_HALF_MARK = re.compile(r"(?<=[\u4e00-\u9fff）」”])\s*([,;])\s*(?=[\u4e00-\u9fff（「“])")


def clean_text(s: str) -> str:
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = _BAD_CHARS.sub("", s)
    s = _HALF_MARK.sub(lambda m: "，" if m.group(1) == "," else "；", s)
    return _DOCXTPL_ESCAPES.sub(HIDDEN_UNDERSCORE, s)


def _clean(v):
    if isinstance(v, str):
        return clean_text(v)
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    return v


def _date(v, field: str):
    if v is None or v == "":
        return None
    if isinstance(v, (dt.date, dt.datetime)):
        return v
    if isinstance(v, str):
        m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                         r"(?:\s*(\d{1,2})\s*[:时](?:\s*(\d{1,2})\s*分?)?)?\s*", v)
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if m.group(4):
                return dt.datetime(y, mo, d, int(m.group(4)), int(m.group(5) or 0))
            return dt.date(y, mo, d)
    raise ZhishuiError(f"「{FIELD_CN.get(field, field)}」的值「{v}」不是日期",
                       hint="应写成2020年11月30日或2020-11-30")


def normalize_doc_number(s: str) -> str:
    """Fix the usual slips in a 发文字号: [] 【】 () （） → 〔〕, 第3号 → 3号, 03号 → 3号."""
    if not s:
        return ""
    t = s.strip()
    t = re.sub(r"[\[【（(〔［]\s*(\d{4})\s*[\]】）)〕］]", r"〔\1〕", t)
    t = re.sub(r"〕\s*第\s*", "〕", t)
    t = re.sub(r"〕0+(\d)", r"〕\1", t)
    return t


# ---------------------------------------------------------------- derived fields

def _reported_text(v) -> str:
    if v is True:
        return "已报送"
    if v is False:
        return "未报送"
    return "" if v is None else str(v)


def _days_text(n) -> str:
    if n is None or n == "":
        return ""
    n = int(n)
    return f"逾期{n}天" if n > 0 else ""


def _join(parts, sep="；") -> str:
    return sep.join(p for p in parts if p)


def period_and(period_cn: str, plan: str) -> str:
    """2026年8月 + 2026年民生实事目标任务 -> 2026年8月民生实事目标任务: the plan's own year said once (trial 20's titles
    read 「关于2026年8月2026年民生实事…的通报」)."""
    m = re.match(r"(\d{4})年度?", plan)
    if m and period_cn.startswith(m.group(1) + "年") and len(plan) > m.end():
        return period_cn + plan[m.end():]
    return period_cn + plan


def default_title(kind: str, c: dict) -> str:
    plan = c.get("plan_name") or "工作"
    if kind == "chase":
        return f"关于报送{period_and(c.get('period_cn', ''), plan)}进展情况的催报通知"
    if kind == "supervise":
        return "督办通知"
    if kind == "annual":
        return f"{c.get('year')}年度{plan}实施情况总结"
    if kind == "assessment":
        return f"{c.get('year')}年度{plan}考核结果"
    return f"关于{period_and(c.get('period_cn', ''), plan)}推进情况的通报"


def prepare(kind: str, context: dict) -> dict:
    """A cleaned copy of ``context`` with defaults and derived fields added."""
    kind = kind_of(kind)
    if not isinstance(context, dict):
        raise ZhishuiError("文书数据必须是字典（dict）")
    missing = [k for k in REQUIRED[kind] if context.get(k) in (None, "")]
    if missing:
        raise ZhishuiError(f"生成{KINDS[kind]}缺少：" + "、".join(FIELD_CN.get(k, k) for k in missing),
                           hint="请在「设置」工作表或命令参数中补齐")
    c = {**COMMON_DEFAULTS, **KIND_DEFAULTS[kind]}
    c.update({k: v for k, v in context.items() if not (v is None and c.get(k) is not None)})
    c = _clean(copy.copy(c))
    for k in ("recipients", "cc", "attachments", "requirements"):
        v = c.get(k)
        if v is None:
            c[k] = []
        elif isinstance(v, str):
            c[k] = [x for x in re.split(r"[\n、，,；;]+", v) if x.strip()] if k in ("recipients", "cc") \
                else [v]
        c[k] = [x.strip() if isinstance(x, str) else x for x in c[k] if x not in (None, "")]

    for k in ("date", "period", "original_deadline", "new_deadline", "reply_deadline",
              "report_date", "print_date", "cutoff"):
        if k in c:
            c[k] = _date(c[k], k)
    c["doc_number"] = normalize_doc_number(c.get("doc_number") or "")
    c["doc_number_ok"] = bool(DOC_NUMBER_RE.match(c["doc_number"]))
    c["office_mark"] = c.get("office_mark") or c["office"]
    if c.get("period") is None:
        c["period"] = c.get("report_date") or c["date"]
    c["date_cn"] = cn_date(c["date"])
    c["period_cn"] = cn_month(c["period"])
    c["recipients_text"] = "、".join(c["recipients"])
    c["cc_text"] = ("，".join(c["cc"]) + "。") if c["cc"] else ""
    c["channel_clause"] = channel_clause(c.get("channel") or "")
    c["attachment_lines"] = _attachment_lines(c["attachments"])
    c["attachment_text"] = _attachment_text(c["attachments"])
    c["basis"] = basis_text(c.get("notice_title") or "", c.get("notice_number") or "", c.get("plan_name") or "")
    c["plan_tasks"] = plan_tasks(c.get("plan_name") or "")

    getattr(_Derive, kind)(c)

    if not c.get("title"):
        c["title"] = default_title(kind, c)
    # the names this document knows stay whole when the title breaks (the office, the unit)
    names = [c.get("office"), c.get("office_mark"), c.get("unit"), *c["recipients"]]
    c["title"] = "\n".join(title_lines(c["title"], words=[x for x in names if isinstance(x, str)]))
    return c


def plan_tasks(plan_name: str) -> str:
    """The plan's tasks as a sentence names them: 「…整改方案任务」, the name alone when it ends in 任务 already
    (「某市2026年河湖长制重点任务」: the trial-13 督办通知 read 「重点任务任务中」)."""
    name = plan_name.strip()
    return name if name.endswith("任务") else name + "任务"


def basis_text(title: str, number: str, plan_name: str) -> str:
    """The document a letter answers to, as its first sentence names it: 《标题》（文号）, or what 设置 has of
    it — never empty brackets 《》（） when a field is blank (a plan imported from a PDF whose title was not
    read, a notice without a number)."""
    name = title.strip() or plan_name.strip()
    number = number.strip()
    if name:
        return book_title(name) + (f"（{number}）" if number else "")
    return number


def book_title(name: str) -> str:
    """《name》, a title inside it in 〈〉 (GB/T 15834: 《关于印发〈政府工作报告〉…的通知》, not 《…《…》…》)."""
    return "《" + name.strip().replace("《", "〈").replace("》", "〉") + "》"


def channel_clause(channel: str) -> str:
    """通过政务邮箱报送 from a 报送方式 that names the way; one the clerk wrote as a whole clause (电子邮件报送至县治水办,
    通过OA报送) stays whole (trial 27: 「通过电子邮件报送至县治水办报送」)."""
    channel = channel.strip().rstrip("。；;，,")
    if not channel:
        return "报送"
    said = channel if re.match(r"(?:通过|经|以|用|由)", channel) else "通过" + channel
    bare = re.sub(r"[（(][^）)]*[）)]", "", channel)    # (a verb in 「报送网页」「报送表」 is part of a name)
    return said if re.search(r"(?:报送|报至|送至|发至|上报|提交|交至|发送)(?!网页|表|链接|系统|平台|邮箱)", bare) \
        else said + "报送"


def grouped(pairs) -> list[tuple]:
    """[(key, [values…])] in the order each key first comes."""
    out: dict = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return list(out.items())


def _attachment_lines(names: list[str]) -> list[str]:
    """附件：1.XXXX / 2.XXXX aligned under the first name (GB/T 9704 7.3.4)."""
    if not names:
        return []
    if len(names) == 1:
        return [f"附件：{names[0]}"]
    pad = "\u3000" * 3     # the width of 附件：
    return [("附件：" if i == 0 else pad) + f"{i + 1}.{n}" for i, n in enumerate(names)]


def _attachment_text(names: list[str]) -> str:
    """One paragraph (first line indented 2 字) with line breaks; later names aligned under
    the first one: 2 字 indent + the width of 附件： (3 字)."""
    lines = _attachment_lines(names)
    return "\n".join(ln if i == 0 else "\u3000\u3000" + ln for i, ln in enumerate(lines))


class _Derive:
    @staticmethod
    def chase(c: dict) -> None:
        rows = []
        for i, m in enumerate(c.get("missing") or [], 1):
            m = {"name": m} if isinstance(m, str) else dict(m)
            m.setdefault("tasks", None)
            m.setdefault("contact", "")
            m.setdefault("phone", "")
            m.setdefault("empty", False)
            m["seq"] = i
            rows.append(m)
        unit = c.get("unit")
        if isinstance(unit, dict):
            unit = unit.get("name")
        if c.get("per_unit"):
            if not unit:
                raise ZhishuiError("按单位分别催报时缺少单位名称（unit）")
            mine = [r for r in rows if r["name"] == unit] or [{"name": unit, "tasks": None,
                                                                 "contact": "", "phone": ""}]
            mine[0]["seq"] = 1
            c["all_missing_count"] = len(rows)
            rows = mine[:1]
            c["recipients"] = [unit]
            c["recipients_text"] = unit
        else:
            c["all_missing_count"] = len(rows)
            if not c["recipients"]:
                c["recipients"] = [r["name"] for r in rows]
                c["recipients_text"] = "、".join(c["recipients"])
        c["unit"] = unit or ""
        c["missing"] = rows
        c["missing_count"] = len(rows)
        c["unit_tasks"] = rows[0].get("tasks") if c.get("per_unit") and rows else None
        if c.get("report_rate") is None and c.get("expected_count"):
            c["report_rate"] = (c.get("reported_count") or 0) / c["expected_count"]
        c["report_rate_pct"] = pct(c.get("report_rate"))
        c["cutoff_cn"] = cn_datetime(c.get("cutoff"))
        c["new_deadline_cn"] = cn_datetime(c.get("new_deadline"))
        c["original_deadline_cn"] = cn_date(c.get("original_deadline"))
        c["missing_names"] = "、".join(r["name"] for r in rows)
        stats = []
        if c.get("expected_count"):
            stats.append(f"应报送单位{c['expected_count']}个")
        if c.get("reported_count") is not None and c.get("expected_count"):
            # (in the words of the page and the 汇总: 按时报送 and 逾期报送 apart, the session-19 trial read 已报送 8 on
            # the page and 「已报送9个」 here)
            from zhishui.month import sent_words
            late = c.get("late_count") or 0
            stats.append(sent_words(c["reported_count"] - late, late))
        if c["report_rate_pct"]:
            stats.append(f"上报率{c['report_rate_pct']}")
        head = f"截至{c['cutoff_cn']}，" if c["cutoff_cn"] else "目前，"
        c["status_text"] = head + ("，".join(stats) + "。" if stats else "")
        if c.get("per_unit"):
            n = c["unit_tasks"]
            came = what_came(rows[0]) if rows else None
            c["missing_text"] = ("你单位" + (f"（应报任务{n}项）" if n else "")
                                 + (f"{came[0]}，视为未报送，{came[1]}。" if came else "尚未报送。")
                                 + (silent_text(rows[0]) if rows else ""))
            c["addressee"] = "你单位"
        else:
            empty = [r["name"] for r in rows if r.get("empty")]
            broken = [r["name"] for r in rows if r.get("unreadable")]
            refused = [r["name"] for r in rows if r.get("refused_upload")]
            others = [r["name"] for r in rows if r.get("sent_other")]
            # (units silent for as many months are named together: 「市审计局、共青团某市委员会已连续2个月未报送」)
            by_run: dict[int, list[str]] = {}
            for r in rows:
                if r.get("silent_before"):
                    by_run.setdefault(r["silent_months"], []).append(r["name"])
            runs = "；".join(f"{'、'.join(names)}已连续{n}个月未报送" for n, names in sorted(by_run.items(), reverse=True))
            said = "；".join(x for x in (f"{'、'.join(empty)}报来的是空表" if empty else "",
                                          f"{'、'.join(broken)}报来的文件无法打开" if broken else "",
                                          # (the period each sent: an early sheet of next month is no 往期 one,
                                          # trial 29)
                                          "，".join(f"{'、'.join(names)}报来的是{p}的报送表" for p, names in
                                                   grouped((r["other_period"], r["name"]) for r in rows
                                                            if r.get("other_period"))),
                                          f"{'、'.join(refused)}上传的文件未能采用" if refused else "",
                                          f"{'、'.join(others)}报来的是别的单位的报送表" if others else "", runs) if x)
            # (the 汇总单位 signs the 催报: when it has not reported either it is counted above, not listed)
            left_out = f"；另有汇总单位{c['office_left_out']}未报送，不列入" if c.get("office_left_out") else ""
            c["missing_text"] = (f"尚有以下{len(rows)}个单位未报送" + (f"（其中{said}{left_out}）" if said else
                                                                    f"（{left_out[1:]}）" if left_out else "")
                                 + "：" if rows else "各单位均已报送。")
            c["addressee"] = "以上单位" if rows else "各单位"

    @staticmethod
    def supervise(c: dict) -> None:
        if isinstance(c.get("unit"), dict):
            c["unit"] = c["unit"].get("name", "")
        if not c["recipients"]:
            c["recipients"] = [c["unit"]]
            c["recipients_text"] = c["unit"]
        rows = []
        for t in c.get("tasks") or []:
            t = dict(t)
            for k in ("seq", "content", "deadline_raw", "due", "days_overdue", "reason", "reported"):
                t.setdefault(k, None)
            t["due"] = _date(t["due"], "due")
            t["due_cn"] = cn_date(t["due"])
            t["deadline_text"] = t["deadline_raw"] or t["due_cn"]
            t["overdue_text"] = _days_text(t["days_overdue"])
            t["lag_text"] = _join([t["overdue_text"], t["reason"] or ""])
            t["reported_text"] = _reported_text(t["reported"])
            rows.append(t)
        c["tasks"] = rows
        c["task_count"] = len(rows)
        c["overdue_count"] = sum(1 for t in rows if (t["days_overdue"] or 0) > 0)
        c["lagging_count"] = len(rows) - c["overdue_count"]
        if c.get("report_date") is None:
            c["report_date"] = c["date"]
        c["report_date_cn"] = cn_date(c["report_date"])
        # reply_deadline from reply_workdays (working days after the letter's date, holidays
        # and make-up days counted; extra dates from the 设置 sheet)
        hol = [_date(d, "extra_holidays") for d in c.get("extra_holidays") or []]
        work = [_date(d, "extra_workdays") for d in c.get("extra_workdays") or []]
        if c.get("reply_deadline") is None:
            if not c.get("reply_workdays"):
                raise ZhishuiError("生成督办通知缺少：反馈期限", hint="请填写反馈期限，或在「设置」中填写回复时限工作日")
            c["reply_deadline"] = add_workdays(c["date"], int(c["reply_workdays"]), hol, work)
            # (for the clerk, not the letter: a caller that gives the deadline counted it and says this itself,
            # the month's through Month.calendar_note)
            c["calendar_note"] = weekend_only_note([("督办通知的反馈期限", c["date"], c["reply_deadline"])], hol, work)
        elif not c.get("reply_workdays") and c["reply_deadline"] > c["date"]:
            c["reply_workdays"] = workdays_between(c["date"], c["reply_deadline"], hol, work)
        c.setdefault("calendar_note", "")
        c["reply_deadline_cn"] = cn_date(c.get("reply_deadline"))

    @staticmethod
    def bulletin(c: dict) -> None:
        c["report_date_cn"] = cn_date(c["report_date"])
        c["print_date"] = c.get("print_date") or c["date"]
        c["print_date_cn"] = cn_date(c["print_date"])
        c["totals"] = _totals(c["totals"])
        prev = c.get("previous")
        c["previous"] = _totals(prev) if prev else None
        if c["previous"] is not None:
            c["previous"]["period"] = _date(c["previous"].get("period"), "period")
            c["previous"]["period_cn"] = cn_month(c["previous"]["period"]) if c["previous"]["period"] else "上期"
        c["by_category"] = [_totals(r) for r in c.get("by_category") or []]
        units = []
        for i, r in enumerate(c.get("by_unit") or [], 1):
            r = dict(r)
            r.setdefault("rank", i)
            for k in ("tasks", "completed", "on_track", "lagging", "overdue", "due_soon", "not_reported"):
                r.setdefault(k, 0)
            r.setdefault("score", None)
            r.setdefault("completion_rate", None)
            r.setdefault("reported", "")
            r["completion_rate_pct"] = pct(r["completion_rate"])
            units.append(r)
        c["by_unit"] = units
        for key in ("overdue_tasks", "lagging_tasks", "due_next_month"):
            rows = []
            for t in c.get(key) or []:
                t = dict(t)
                for k in ("seq", "content", "lead", "deadline_raw", "due", "days_overdue", "reason"):
                    t.setdefault(k, None)
                t["due"] = _date(t["due"], "due")
                t["due_cn"] = cn_date(t["due"])
                t["deadline_text"] = t["deadline_raw"] or t["due_cn"]
                if key == "due_next_month" and t["deadline_raw"] and t["due_cn"] \
                        and not re.search(r"\d{4}\s*年", t["deadline_raw"]):
                    # 每月 / 每月25日前 / 每季度末 / 年底前: which day next month it falls on (a date with its year is one
                    # already; 「每月25日前」 had none: trial 29)
                    t["deadline_text"] = f"{t['deadline_raw']}（{t['due_cn']}）"
                t["overdue_text"] = _days_text(t["days_overdue"])
                rows.append(t)
            c[key] = rows
        # 「下月」 is the month after the 报送期 (Month.next_month), not after the day the 通报 is dated
        nm = _date(c.get("next_month"), "next_month") \
            or (c["period"].replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        c["next_month_cn"] = cn_month(nm)
        charts = dict(c.get("charts") or {})
        for n in CHART_NAMES:
            charts.setdefault(n, None)
        c["charts"] = charts
        c["totals_text"] = _totals_text(c)
        c["comparison_text"] = _comparison_text(c["totals"], c["previous"])
        c["ranking_text"] = _ranking_text(c, units)
        c["reporting_text"] = _reporting_text(c)
        c["problem_text"] = _problem_text(c)
        c["regressions"] = [{"seq": None, "content": "", "lead": "", "previous": "", "status": "", "changes": "",
                             **dict(t)} for t in c.get("regressions") or []]
        c["regression_text"] = _regression_text(c)
        _Derive.bulletin_parts(c)
        _Derive.bulletin_year(c)

    @staticmethod
    def annual(c: dict) -> None:
        """The year's summary: month-by-month rows, completion by category and unit, targets, open tasks,
        the year's close-outs, extensions and revisions, and the sentences that say them."""
        c["year"] = int(c["year"])
        c["print_date"] = c.get("print_date") or c["date"]
        c["print_date_cn"] = cn_date(c["print_date"])
        months = []
        for r in c.get("months") or []:
            r = _totals(r)
            r["month"] = _date(r.get("period"), "period") if r.get("period") else None
            r["month_cn"] = f"{r['month'].month}月" if r["month"] else ""
            months.append(r)
        c["months"] = months
        first, last = (months[0], months[-1]) if months else ({}, {})
        c["first"], c["last"] = first, last
        # the category table's two 已完成 columns: the first and last months summed up (「年初」 read as before the year
        # for a plan started in September: trial 22)
        c["done_start_head"] = f"{first['month_cn']}已完成" if first.get("month_cn") else "年初已完成"
        c["done_end_head"] = "年底已完成" if not last.get("month") or last["month"].month == 12 else f"{last['month_cn']}已完成"
        c["by_category"] = [{"category": "", "tasks": 0, "done_start": 0, "done": 0, "closed": 0, "open": 0,
                             "kept_up": 0, "overdue": 0, "rate": None, **dict(r)} for r in c.get("by_category") or []]
        for r in c["by_category"]:
            r["rate_pct"] = pct(r["rate"])
        c["by_unit"] = [{"rank": None, "unit": "", "score": "", "tasks": 0, "done": 0, "overdue": 0, "months": 0,
                         "late_months": 0, **dict(r)} for r in c.get("by_unit") or []]
        c["targets"] = [{"seq": None, "indicator": "", "target": "", "value": "", "verdict": "", "met": False,
                         **dict(t)} for t in c.get("targets") or []]
        c["open_tasks"] = [{"seq": None, "content": "", "lead": "", "status": "", **dict(t)}
                           for t in c.get("open_tasks") or []]
        c["closed"] = [{"seq": None, "content": "", "period": "", "by": "", **dict(t)} for t in c.get("closed") or []]
        c["extensions"] = [{"seq": None, "content": "", "unit": "", "decision": "", "original": "", "adjusted": "",
                            **dict(e)} for e in c.get("extensions") or []]
        c["list_changes"] = [{"period": "", "kind": "", "old": "", "new": "", "content": "", "detail": "", **dict(x)}
                             for x in c.get("list_changes") or []]
        charts = dict(c.get("charts") or {})
        for n in ("months", "units"):
            charts.setdefault(n, None)
        c["charts"] = charts
        n = last.get("total", 0)
        c["summary_text"] = (
            f"{c['year']}年，{c.get('plan_name') or '方案'}共汇总{len(months)}个月的进展情况"
            + (f"（{months[0]['month_cn']}至{months[-1]['month_cn']}）" if months else "")
            + f"。截至{months[-1]['month_cn'] if months else '年底'}，清单共有任务{n}项，已完成{last.get('completed', 0)}项，"
            f"完成率{pct(last.get('completion_rate'))}" + (f"（{months[0]['month_cn']}为{pct(first.get('completion_rate'))}）" if len(months) > 1 else "")
            + (f"；逾期{last.get('overdue')}项" if last.get("overdue") else "")
            + (f"；进度滞后{last.get('lagging')}项" if last.get("lagging") else "") + "。")
        done = [t for t in c["closed"]]
        bits = []
        if done:
            bits.append(f"全年批准销号{len(done)}项")
        back = c.get("returned") or []
        if back:
            bits.append(f"退回销号{len(back)}次（{_seqs(back)}）")
        agreed = sum(1 for e in c["extensions"] if e["decision"] == "同意")
        refused = sum(1 for e in c["extensions"] if e["decision"] == "不同意")
        if agreed or refused:
            bits.append(f"办理延期申请{agreed + refused}项（同意{agreed}项、不同意{refused}项）")
        if c["list_changes"]:
            kinds: dict[str, int] = {}
            for x in c["list_changes"]:
                kinds[x["kind"]] = kinds.get(x["kind"], 0) + 1
            bits.append("责任清单修订" + "、".join(f"{k}{v}项" for k, v in kinds.items()))
        renamed = c.get("renamed") or []
        if renamed:
            # (the 考核 table prints a renamed unit by its new name, one no earlier 通报 had: trial 22)
            bits.append(f"单位更名{len(renamed)}个（" + "；".join(
                f"{r['old']}更名为{r['new']}" + (f"，{r['since']}起按新名称报送" if r.get("since") else "") for r in renamed)
                + "，考核按同一单位合并计算）")
        c["decisions_text"] = ("；".join(bits) + "。") if bits else "全年没有销号、延期和清单修订。"
        met = sum(1 for t in c["targets"] if t["met"])
        c["target_text"] = (f"量化目标{len(c['targets'])}项，截至年底已达到目标值{met}项，未达到{len(c['targets']) - met}项。"
                            if c["targets"] else "")
        kept = c.get("kept_up_count") or 0
        also = f"另有长期坚持的任务{kept}项，按长期坚持继续落实。" if kept else ""
        c["open_text"] = (f"截至年底尚未完成的任务{len(c['open_tasks'])}项，列入下一年度重点督办。" + also
                          if c["open_tasks"] else ("一次性任务均已完成。" + also if kept else "全部任务均已完成。"))
        c["ranking_text"] = _annual_ranking_text(c["by_unit"])
        parts = ["总体情况", "分类完成情况", "各单位完成情况和年度考核"] + (["主要目标完成情况"] if c["targets"] else []) + \
            ["销号、延期和清单调整", "尚未完成的任务", "下一步工作"]
        keys = {"总体情况": "overall", "分类完成情况": "categories", "各单位完成情况和年度考核": "units",
                "主要目标完成情况": "targets", "销号、延期和清单调整": "decisions", "尚未完成的任务": "open",
                "下一步工作": "next"}
        c["h"] = {k: "" for k in keys.values()}
        c["h"].update({keys[p]: f"{cn_num(i)}、" for i, p in enumerate(parts, 1)})

    @staticmethod
    def assessment(c: dict) -> None:
        c["year"] = int(c["year"])
        c["print_date"] = c.get("print_date") or c["date"]
        c["print_date_cn"] = cn_date(c["print_date"])
        c["units"] = [{"rank": None, "unit": "", "score": "", "months": 0, "best": "", "worst": "", **dict(u)}
                      for u in c.get("units") or []]
        c["scheme"] = [{"item": "", "value": "", "what": "", **dict(x)} for x in c.get("scheme") or []]
        c["periods"] = list(c.get("periods") or [])
        # the table right below is the ranking; the 考核办法 table comes last (「见下表」 pointed at the ranking)
        c["scheme_text"] = ("年度考核得分为本年各月得分的平均（各月按汇总时的考核办法计分"
                            + ("，考核办法见文末" if c["scheme"] else "") + "），得分相同名次相同。各单位的名次和得分如下表。"
                            if c["units"] else "本年没有参加考核的单位。")

    @staticmethod
    def bulletin_parts(c: dict) -> None:
        """Annex labels (「附件2」; a lone annex is 「附件」, GB/T 9704 7.3.4), the 存在问题 section's sub-headings
        (（一）… only for the parts printed in the body) and the sentence pointing at the annexed task tables."""
        names = c["attachments"]
        c["annex"] = {n: (f"附件{i}" if len(names) > 1 else "附件") for i, n in enumerate(names, 1)}
        annexed = c.get("problems_annexed")
        c["behind_units"] = [{"unit": "", "overdue": 0, "lagging": 0, "overdue_seqs": "", "lagging_seqs": "", **dict(r)}
                             for r in c.get("behind_units") or []] if annexed else []
        heads = iter("一二三四")
        c["h2"] = {k: (f"（{next(heads)}）" if shown else "") for k, shown in (
            ("overdue", c["overdue_tasks"] and not annexed), ("lagging", c["lagging_tasks"] and not annexed),
            ("regressions", bool(c.get("regression_text"))))}
        where = "附件" + "、".join(c["annex"][n].removeprefix("附件") for n in ("逾期未完成任务清单", "进度滞后任务清单")
                                 if n in c["annex"])
        units_annex = c["annex"].get("各单位推进情况表")
        c["problems_annex_text"] = ("" if not (annexed and where) else
                                    f"各单位逾期、进度滞后的任务项数如下表，任务明细见{where}。" if c["behind_units"] else
                                    f"各单位逾期、进度滞后的任务项数见{units_annex}，任务明细见{where}。" if units_annex else
                                    f"任务明细见{where}。")

    @staticmethod
    def bulletin_year(c: dict) -> None:
        """The year's parts: 销号 and 延期 sentences and rows, targets, the 晾晒, the list's revision,
        and the numbers of the sections that are there (a section with nothing to say is left out)."""
        c["closed_now"] = [{"seq": None, "content": "", "lead": "", "note": "", **dict(t)} for t in c["closed_now"]]
        rows = []
        for e in c.get("extensions") or []:
            e = {"seq": None, "content": "", "lead": "", "unit": "", "original": None, "adjusted": None,
                 "decision": "", "reason": "", **dict(e)}
            e["original"], e["adjusted"] = _date(e["original"], "original"), _date(e["adjusted"], "adjusted")
            e["original_cn"], e["adjusted_cn"] = cn_date(e["original"]), cn_date(e["adjusted"]) or "—"
            rows.append(e)
        c["extensions"] = rows
        c["targets"] = [{"seq": None, "indicator": "", "target": "", "value": "", "path": "", "verdict": "",
                         "gap": "", "met": False, **dict(t)} for t in c.get("targets") or []]
        c["sunning"] = [{"rank": None, "unit": "", "score": "", "ytd": "", "ytd_rank": None, "months": None,
                         "change": "", **dict(r)} for r in c.get("sunning") or []]
        c["closeout_text"] = _closeout_text(c)
        c["extension_text"] = _extension_text(c)
        c["target_text"] = _target_text(c)
        c["list_change_text"] = _list_change_text(c.get("list_changes") or {})
        c["sunning_text"] = _sunning_text(c)
        # the section is there whenever it has something to say: a request or a close-out still waiting too, not
        # only a decision (the session-20 trial: task 33's pending request was in no 通报 for two months)
        c["decisions_shown"] = bool(c["closed_now"] or c["extensions"] or c["closeout_text"] or c["extension_text"])
        parts = ["总体情况", "分类推进情况"] + (["主要目标完成情况"] if c["targets"] else []) + \
            ["各单位推进情况", "存在问题"] + (["销号和延期"] if c["decisions_shown"] else []) + \
            ["下月到期任务", "下一步工作要求"]
        keys = {"总体情况": "overall", "分类推进情况": "categories", "主要目标完成情况": "targets", "各单位推进情况": "units",
                "存在问题": "problems", "销号和延期": "decisions", "下月到期任务": "next", "下一步工作要求": "requirements"}
        c["h"] = {k: "" for k in keys.values()}
        c["h"].update({keys[p]: f"{cn_num(i)}、" for i, p in enumerate(parts, 1)})


def _totals(r: dict) -> dict:
    r = dict(r or {})
    for k in ("total", "completed", "on_schedule", "lagging", "due_soon", "overdue", "ongoing", "not_reported"):
        r[k] = int(r.get(k) or 0)
    if r.get("completion_rate") is None:
        r["completion_rate"] = (r["completed"] / r["total"]) if r["total"] else None
    r["completion_rate_pct"] = pct(r["completion_rate"])
    return r


def _totals_text(c: dict) -> str:
    t = c["totals"]
    parts = [f"{STATUS_NAMES[k]}{t[k]}项" for k in STATUS_NAMES if t.get(k)]
    s = f"截至{c['report_date_cn']}，{c.get('plan_name') or '方案'}共有任务{t['total']}项"
    if parts:
        s += "，其中" + "、".join(parts)
    if t.get("completion_rate") is not None:
        s += f"，完成率{pct(t['completion_rate'])}"
    return s + "。" + _unasked_text(c.get("unasked") or [])


def _unasked_text(rows: list[dict]) -> str:
    """Tasks no unit was asked about are in the counts (nothing was reported) and say why, so that 未报送 is not read as
    units that did not report (month.Month.unasked)."""
    if not rows:
        return ""
    counted = "、".join(dict.fromkeys(r["status"] for r in rows))
    return (f"其中{len(rows)}项任务没有下发报送表（" + "；".join(f"序号{r['task']}：{r['why']}" for r in rows[:5])
            + ("等" if len(rows) > 5 else "") + f"），没有单位报送，计入{counted}。")


def _comparison_text(t: dict, p: dict | None) -> str:
    if not p:
        return ""
    name = p.get("period_cn") or "上期"
    a, b = p.get("completion_rate"), t.get("completion_rate")
    parts = []
    if a is not None and b is not None:
        # compared as printed: 3.2% and 3.2% are 持平 whatever the digits behind them
        # (「持平（9.1%）」: the bracketed figure could only move whole to the next line, stretching the line before
        # it in LibreOffice — trial 22; after a comma the line breaks there)
        parts.append(f"完成率持平，均为{pct(b)}" if pct(a) == pct(b) else
                     f"完成率由{pct(a)}{'提高' if b > a else '下降'}到{pct(b)}")
    for k, word in (("completed", "已完成任务"), ("overdue", "逾期任务"), ("lagging", "进度滞后任务"),
                    ("not_reported", "未报送任务")):
        d = t.get(k, 0) - p.get(k, 0)
        if d:
            parts.append(f"{word}{'增加' if d > 0 else '减少'}{abs(d)}项")
    if not parts:
        return ""
    if len(parts) == 1 and parts[0].startswith("完成率持平"):
        parts[0] += "，各类任务数量均无变化"
    return f"与{name}相比，" + "，".join(parts) + "。"


def _ranking_text(c: dict, units: list[dict]) -> str:
    """Names only the units the month's ranking names (README 「单位怎么排名」)."""
    if not units:
        return ""
    score = {u["unit"]: u.get("score") for u in units}

    def names(group):
        return "、".join(f"{n}（{_score(score[n])}分）" if score.get(n) is not None else n for n in group)
    others = c.get("unranked_units") or []
    # (all of them up to ten: trial 34 read 「6个单位（…等）」 naming five; trial 25's sixty 镇街 are not listed)
    shown = others if len(others) <= 10 else others[:8]
    named = f"{len(others)}个单位（{'、'.join(shown)}{'等' if len(shown) < len(others) else ''}）"
    aside = "" if not others else (f"只做配合的{named}没有自己负责的任务，不参加排名。" if c.get("unranked_co_only", True)
                                   else f"另有{named}只作为责任单位或配合单位，任务由牵头单位答复，不参加排名。")
    if c.get("scores_equal"):
        return f"参加排名的{len(units)}个单位得分相同，本期不排先后。" + aside
    parts = []
    if c.get("named_top"):
        parts.append(f"得分最高的是{names(c['named_top'])}")
    elif c.get("top_count"):
        parts.append(f"{c['top_count']}个单位并列得分最高")
    if c.get("named_bottom"):
        parts.append(f"得分最低的是{names(c['named_bottom'])}")
    elif c.get("bottom_count"):
        parts.append(f"{c['bottom_count']}个单位并列得分最低")
    basis = "按报送和推进情况评分（满分100分）" if c.get("scheme_default", True) else "按考核办法（见设置，含扣分和加分）评分"
    return ((basis + "，" + "；".join(parts) + "。") if parts else "") + aside


def _score(v) -> str:
    return f"{v:g}" if isinstance(v, (int, float)) else str(v)


def _reporting_text(c: dict) -> str:
    late, none = c.get("late_units") or [], c.get("missing_units") or []
    parts = []
    if late:
        parts.append("逾期报送的单位：" + "、".join(late))
    if none:
        # a unit that sent something is not said to have sent nothing: what it sent is named
        how = {**{u: "报来的是空表" for u in c.get("empty_units") or []},
               **{u: "报来的文件无法打开" for u in c.get("unreadable_units") or []},
               **{u: f"报来的是{p}的报送表" for u, p in (c.get("old_sheet_units") or {}).items()},
               **{u: f"报来的是{o}的报送表" for u, o in (c.get("other_unit_sheets") or {}).items()}}
        # (a unit silent for months running says so: the 通报 promises 对连续逾期…予以通报, the session-17 trial; both
        # in one bracket, not 「（报来的是…）（已连续2个月未报送）」: trial 29)
        silent = c.get("silent_units") or {}

        def said(u: str) -> str:
            bits = [x for x in (how.get(u, ""), f"已连续{silent[u]}个月未报送" if silent.get(u) else "") if x]
            return f"（{'，'.join(bits)}）" if bits else ""
        parts.append("未报送的单位：" + "、".join(u + said(u) for u in none))
    if not parts:
        return "各单位均按时报送了进展情况。" if c.get("by_unit") else ""
    return "；".join(parts) + "。"


def _problem_text(c: dict) -> str:
    o, lag = c["overdue_tasks"], c["lagging_tasks"]
    # tasks whose units reported differently (README 「分歧」): in the 汇总 only, a desk-only clerk and the leaders
    # never read them (trial 26)
    split = c.get("disagreeing") or []
    apart = (f"另有{len(split)}项任务各单位报的不一致（{_seqs(split)}），请{c.get('lead_word') or '牵头单位'}会同有关单位核实后"
             "如实报送。") if split else ""
    if not o and not lag:
        return "本期无逾期和进度滞后任务。" + apart

    def units(tasks, given) -> str:
        # the units behind on these tasks (Month.behind); without them, the units named in the tasks
        names = given or _unique(u for t in tasks for u in re.split(r"[、，,]", t.get("lead") or "") if u)
        if not names:
            return ""
        shown = "、".join(names[:8])
        return f"，涉及{shown}" + (f"等{len(names)}个单位" if len(names) > 8 else "")
    parts = []
    if o:
        parts.append(f"逾期未完成任务{len(o)}项{units(o, c.get('overdue_units'))}")
    if lag:
        silent = c.get("lagging_silent") or []
        named = units(lag, c.get("lagging_units")) if c.get("lagging_units") or not silent else ""
        parts.append(f"进度滞后任务{len(lag)}项{named}"
                     + (f"（另有{'、'.join(silent[:5])}{'等' if len(silent) > 5 else ''}本期未报送这些任务）" if silent else ""))
    return "；".join(parts) + "。" + apart


def _seqs(seqs) -> str:
    seqs = [str(x) for x in seqs]
    return "序号" + "、".join(seqs[:10]) + ("等" if len(seqs) > 10 else "")


def _closeout_text(c: dict) -> str:
    parts = []
    if c["closed_now"]:
        parts.append(f"本期批准销号{len(c['closed_now'])}项（{_seqs(t['seq'] for t in c['closed_now'])}）")
    if c.get("closed_total"):
        parts.append(f"累计销号{c['closed_total']}项")
    if c.get("closeout_pending"):
        parts.append(f"待销号{len(c['closeout_pending'])}项（{_seqs(c['closeout_pending'])}）")
    if c.get("closeout_returned"):
        parts.append(f"销号被退回{len(c['closeout_returned'])}项（{_seqs(c['closeout_returned'])}），请有关单位按退回意见补充完善")
    if c.get("closeout_no_evidence"):
        parts.append(f"报已完成但缺少佐证材料{len(c['closeout_no_evidence'])}项（{_seqs(c['closeout_no_evidence'])}），"
                     "请补报佐证材料后申请销号")
    return ("；".join(parts) + "。") if parts else ""


def _extension_text(c: dict) -> str:
    rows = c["extensions"]
    agreed = sum(1 for e in rows if e["decision"] == "已同意")
    refused = sum(1 for e in rows if e["decision"] == "不同意")
    parts = []
    if agreed:
        parts.append(f"经审核同意延期{agreed}项，按调整后时限考核（原时限保留备查）")
    if refused:
        parts.append(f"不同意延期{refused}项，仍按原时限考核")
    if c.get("extension_pending"):
        seqs = c.get("extension_pending_tasks") or []
        # 「另有」 only after a decision said just before; alone it would point at nothing
        parts.append(f"{'另有' if parts else '有'}{c['extension_pending']}项延期申请正在审核"
                     + (f"（{_seqs(seqs)}）" if seqs else "") + ("" if parts else "，批准前仍按原时限考核"))
    return ("；".join(parts) + "。") if parts else ""


def _target_text(c: dict) -> str:
    rows = c["targets"]
    if not rows:
        return ""
    met = sum(1 for t in rows if t["met"])
    behind = sum(1 for t in rows if t["verdict"] == "未达标（落后序时）")
    missing = sum(1 for t in rows if t["verdict"] == "未报数值")
    # a target the list's 目标值 column sets is the plan's; one read from a task's words only a figure it names (trial
    # 23: two targets found in the text were called 「纳入量化考核的目标」 though the list set none)
    listed = sum(1 for t in rows if t.get("source") == "目标值列")
    what = (f"清单列明的量化目标{len(rows)}项" if listed == len(rows) else f"从任务内容中识别的量化目标{len(rows)}项"
            if not listed else f"量化目标{len(rows)}项（清单列明{listed}项、从任务内容中识别{len(rows) - listed}项）")
    s = f"{what}，本期已达到目标值{met}项，未达到{len(rows) - met - missing}项"
    if behind:
        s += f"（其中{behind}项落后于序时进度）"
    if missing:
        s += f"，未报送本期数值{missing}项"
    return s + "。"


def _list_change_text(changes: dict) -> str:
    shown = [(k, n) for k, n in changes.items() if n and k != "相同"]
    if not shown:
        return ""
    return ("本期责任清单有修订（" + "、".join(f"{k}{n}项" for k, n in shown)
            + "），本通报按修订后的清单统计，修订前的任务按对应关系与上期比较。")


def _sunning_text(c: dict) -> str:
    if not c["sunning"]:
        return ""
    basis = "按报送和推进情况评分" if c.get("scheme_default") else "按考核办法（见设置）评分"
    months = max((r["months"] or 0) for r in c["sunning"])
    return (f"{basis}，各单位本月得分和年度累计得分（本年{months}个月得分的平均）晾晒如下，按年度累计得分排序。"
            if months > 1 else f"{basis}，各单位本月得分晾晒如下。")


def _annual_ranking_text(units: list[dict]) -> str:
    ranked = [u for u in units if u.get("rank")]
    if not ranked:
        return ""
    top = [u["unit"] for u in ranked if u["rank"] == 1]
    worst = max(u["rank"] for u in ranked)
    bottom = [u["unit"] for u in ranked if u["rank"] == worst]
    if worst == 1:
        return f"参加年度考核的{len(ranked)}个单位得分相同。"
    s = f"参加年度考核的{len(ranked)}个单位中，"
    s += f"得分最高的是{'、'.join(top)}（{ranked[0]['score']}分）" if len(top) <= 5 else f"{len(top)}个单位并列得分最高"
    last = next(u for u in ranked if u["rank"] == worst)
    s += f"，得分最低的是{'、'.join(bottom)}（{last['score']}分）" if len(bottom) <= 5 else f"，{len(bottom)}个单位并列得分最低"
    return s + "。"


def _regression_text(c: dict) -> str:
    rows = c["regressions"]
    copied = c.get("copied_only") or {}
    name = (c["previous"] or {}).get("period_cn") or "上期"
    s = f"与{name}相比，以下{len(rows)}项任务出现倒退、转为逾期或完成比例下降，请有关单位说明情况。" if rows else ""
    if copied.get("tasks"):
        units = copied["by_unit"]
        said = "、".join(f"{u}{n}项" for u, n in units[:5]) + (f"等{len(units)}个单位" if len(units) > 5 else "")
        s += (f"{'另有' if rows else f'与{name}相比，'}{copied['tasks']}项任务只是进展情况与上期一字不差（{said}），"
              "请有关单位如实报送本期进展（逐项见汇总结果「与上期比较」列）。")
    return s


def _unique(items) -> list[str]:
    seen = []
    for x in items:
        if x not in seen:
            seen.append(x)
    return seen


# ---------------------------------------------------------------- chat message

def what_came(row: dict) -> tuple[str, str] | None:
    """What a unit that is chased did send, and what it is asked to do (a 催报 row of chase_context), or None when
    nothing came: a unit that sent something is never told 「尚未收到」 (the letter and the chat reminder say the same)."""
    if row.get("empty"):
        return "报来的报送表是空表（没有填写完成情况）", "请填写后重新报送"
    if row.get("unreadable"):
        why = row.get("unreadable_why") or "可能已损坏"
        return f"报来的文件无法打开（{why}）", "请取消密码后重新报送" if "密码" in why else "请重新报送"
    if row.get("other_period"):
        return f"报来的是{row['other_period']}的报送表，不是本期的", "请报送本期的报送表"
    if row.get("refused_upload"):
        return f"通过报送链接上传的文件未能采用（{row['refused_upload']}）", "请报送本单位本期的报送表"
    if row.get("sent_other"):
        return f"报来的是{row['sent_other']}的报送表（从你单位的电子邮箱发来），不是你单位的", "请用你单位的报送表报送"
    return None


def silent_text(row: dict) -> str:
    """你单位已连续3个月（自2020年10月起）未报送。 for a 催报 row whose unit sent nothing the periods before either
    (month.UnitReport.silent_months counts them)."""
    before = row.get("silent_before") or []
    if not before:
        return ""
    first = before[0]
    return f"你单位已连续{row['silent_months']}个月（自{int(first[:4])}年{int(first[5:7])}月起）未报送。"


def chase_message(context: dict, unit) -> str:
    """A short reminder for a work chat (政务微信/钉钉): who, what, by when, contact."""
    c = prepare("chase", {**context, "per_unit": False, "unit": None})
    name = unit.get("name") if isinstance(unit, dict) else str(unit)
    row = next((m for m in c["missing"] if m["name"] == name), None)
    tasks = (unit.get("tasks") if isinstance(unit, dict) else None) or (row or {}).get("tasks")
    what = f"{period_and(c['period_cn'], c['plan_tasks'])}进展情况"
    basis = f"按照{c['basis']}要求，" if c["basis"] else ""
    s = f"【催报提醒】{name}：{basis}请报送{what}"
    if tasks:
        s += f"（你单位共{tasks}项任务）"
    s += "。"
    if c["cutoff_cn"]:
        # a unit that sent the form blank did send something: telling it nothing arrived is false
        came = what_came(row or {})
        s += (f"截至{c['cutoff_cn']}，你单位{came[0]}，{came[1]}。" if came
              else f"截至{c['cutoff_cn']}，尚未收到你单位报送材料。")
        s += silent_text(row or {})
    s += f"请于{c['new_deadline_cn']}前{c['channel_clause']}。"
    contact = _join([f"联系人：{c['contact']}" if c["contact"] else "",
                     f"电话：{c['phone']}" if c["phone"] else ""], "，")
    if contact:
        s += contact + "。"
    s += f"——{c['office']}"
    return s.replace(HIDDEN_UNDERSCORE, "_")


# ---------------------------------------------------------------- samples (seed 001, 永川区)

PLAN = "区人大常委会水污染防治工作情况评议意见整改方案"
NOTICE_TITLE = "重庆市永川区人民政府办公室关于印发区人大常委会水污染防治工作情况评议意见整改方案的通知"
NOTICE_NUMBER = "永川府办发〔2020〕82号"
OFFICE = "重庆市永川区生态环境局"
CATEGORIES = ["一、科学施策，有效降低农业农村污染", "二、多措并举，加强工业污染综合防治",
              "三、综合治理，促进流域生态修复", "四、查漏补缺，切实增强污水收集处理能力",
              "五、依法治水，强化规划引领落实", "六、不断健全水污染防治保障体系"]


def _common(date: dt.date, number: str) -> dict:
    return {"office": OFFICE, "doc_number": number, "date": date, "recipients": [],
            "cc": ["区委办", "区人大办", "区政协办"], "plan_name": PLAN, "notice_title": NOTICE_TITLE,
            "notice_number": NOTICE_NUMBER, "period": dt.date(2020, 11, 1), "contact": "张敏",
            "phone": "023-49861234", "email": "ychbj_shuiban@example.com", "signer": "李明"}


def sample_context(kind: str) -> dict:
    """A realistic context (units and tasks of seed 001, 永川区 2020) for tests and demos."""
    kind = kind_of(kind)
    D = dt.date
    if kind in ("annual", "assessment"):
        return _year_sample(kind)
    if kind == "chase":
        c = _common(D(2020, 12, 7), "永环办函〔2020〕58号")
        c.update({
            "cutoff": dt.datetime(2020, 12, 7, 17, 0),
            "original_deadline": D(2020, 12, 5),
            "missing": [
                {"name": "区农业农村委", "tasks": 11, "contact": "王建国", "phone": "023-49812345"},
                {"name": "区市场监管局", "tasks": 2, "contact": "刘芳", "phone": "023-49823456"},
                {"name": "区水利局", "tasks": 7, "contact": "陈刚", "phone": "023-49834567"},
                {"name": "三教产业促进中心", "tasks": 5, "contact": "周丽", "phone": "13800000000"},
                {"name": "何埂镇", "tasks": 1, "contact": "赵磊", "phone": "023-49845678"},
            ],
            "expected_count": 38, "reported_count": 33, "report_rate": 33 / 38,
            "new_deadline": D(2020, 12, 9),
            "channel": "政务邮箱（ychbj_shuiban@example.com）",
            "consequence": "逾期仍未报送的，将在全区工作进展情况通报中予以通报，并纳入年度目标考核。",
            "per_unit": False, "unit": None,
        })
        return c
    if kind == "supervise":
        c = _common(D(2020, 12, 10), "永环督〔2020〕3号")
        c.update({
            "unit": "区农业农村委",
            "report_date": D(2020, 11, 30),
            "tasks": [
                {"seq": 8, "content": "完成生猪屠宰厂(场)布点专项规划编制。", "deadline_raw": "2020年9月底",
                 "due": D(2020, 9, 30), "days_overdue": 61,
                 "reason": "规划初稿已完成，正在征求相关部门意见", "reported": True},
                {"seq": 10, "content": "依法查处卫星湖街道石脚迹村家禽宰杀作坊，长期存在无证宰杀家禽并污染水环境的行为。",
                 "deadline_raw": "2020年9月底", "due": D(2020, 9, 30), "days_overdue": 61,
                 "reason": "", "reported": False},
                {"seq": 7, "content": "依法调查未批在建的正绿农产品有限公司和亚冠食品有限公司。",
                 "deadline_raw": "2020年12月底", "due": D(2020, 12, 31), "days_overdue": None,
                 "reason": "调查取证进度滞后于序时进度", "reported": True},
            ],
            "reply_deadline": D(2020, 12, 17), "reply_workdays": 5,
            "requirements": [
                "请你单位主要负责同志亲自研究，逐项明确责任人和完成时间，确保督办事项按期办结。",
                "已完成的任务，请一并报送佐证材料（文件、照片、验收资料等），申请销号。",
                "确因客观原因不能按期完成的，请说明原因、提出整改措施和预计完成时间。",
            ],
        })
        return c
    c = _common(D(2020, 12, 10), "永环〔2020〕45号")
    c.update({
        "recipients": ["各镇人民政府、街道办事处", "区政府各部门", "有关单位"],
        "report_date": D(2020, 11, 30),
        "totals": {"total": 63, "completed": 21, "on_schedule": 14, "due_soon": 6, "overdue": 7,
                   "ongoing": 12, "not_reported": 3, "completion_rate": 21 / 63},
        "previous": {"period": D(2020, 10, 1), "total": 63, "completed": 15, "on_schedule": 18,
                     "due_soon": 5, "overdue": 9, "ongoing": 11, "not_reported": 5,
                     "completion_rate": 15 / 63},
        "by_category": [
            dict(category=CATEGORIES[0], total=11, completed=3, on_schedule=2, due_soon=1, overdue=2, ongoing=3, not_reported=0),
            dict(category=CATEGORIES[1], total=8, completed=4, on_schedule=1, due_soon=0, overdue=1, ongoing=2, not_reported=0),
            dict(category=CATEGORIES[2], total=10, completed=3, on_schedule=3, due_soon=1, overdue=1, ongoing=2, not_reported=0),
            dict(category=CATEGORIES[3], total=17, completed=5, on_schedule=4, due_soon=3, overdue=3, ongoing=1, not_reported=1),
            dict(category=CATEGORIES[4], total=9, completed=3, on_schedule=3, due_soon=1, overdue=0, ongoing=2, not_reported=0),
            dict(category=CATEGORIES[5], total=8, completed=3, on_schedule=1, due_soon=0, overdue=0, ongoing=2, not_reported=2),
        ],
        "by_unit": [
            dict(unit=u, tasks=n, completed=done, overdue=od, due_soon=ds, not_reported=nr,
                 completion_rate=done / n, reported=rep,
                 score=round({"按时报送": 20, "逾期报送": 10}.get(rep, 0) + 80 * (n - od - nr) / n, 1))
            for u, n, done, od, ds, nr, rep in [
                ("区财政局", 2, 2, 0, 0, 0, "按时报送"),
                ("区发展改革委", 2, 2, 0, 0, 0, "按时报送"),
                ("区经济信息委", 2, 1, 0, 0, 0, "按时报送"),
                ("区生态环境局", 12, 5, 0, 1, 0, "按时报送"),
                ("区城市管理局", 5, 2, 0, 1, 0, "按时报送"),
                ("区住房城乡建委", 14, 5, 2, 2, 0, "按时报送"),
                ("区河长办", 3, 1, 0, 0, 0, "逾期报送"),
                ("区农业农村委", 11, 3, 2, 1, 0, "逾期报送"),
                ("区水利局", 7, 2, 1, 0, 0, "按时报送"),
                ("三教产业促进中心", 5, 1, 1, 0, 0, "按时报送"),
                ("临江河指挥部办公室", 3, 0, 1, 0, 0, "按时报送"),
                ("区金融办", 1, 0, 0, 0, 1, "未报送"),
            ]],
        "overdue_tasks": [
            dict(seq=8, content="完成生猪屠宰厂(场)布点专项规划编制。", lead="区农业农村委",
                 deadline_raw="2020年9月底", due=D(2020, 9, 30), days_overdue=61, reason="规划初稿正在征求意见"),
            dict(seq=10, content="依法查处卫星湖街道石脚迹村家禽宰杀作坊，长期存在无证宰杀家禽并污染水环境的行为。",
                 lead="区农业农村委", deadline_raw="2020年9月底", due=D(2020, 9, 30), days_overdue=61, reason=""),
            dict(seq=17, content="完成三教产业促进中心板桥食品片区污水处理厂在线监测、监控安装，并与市区两级生态环境局联网，禁止违法排污行为。",
                 lead="三教产业促进中心", deadline_raw="2020年9月底", due=D(2020, 9, 30), days_overdue=61,
                 reason="在线监测设备采购流程尚未完成"),
            dict(seq=26, content="编制水库消落带治理专项规划。", lead="区水利局", deadline_raw="2020年9月底",
                 due=D(2020, 9, 30), days_overdue=61, reason="规划编制单位尚在比选"),
            dict(seq=33, content="完成海绵城市建设专项规划编制。", lead="区住房城乡建委", deadline_raw="2020年9月底",
                 due=D(2020, 9, 30), days_overdue=61, reason="规划成果待专家评审"),
            dict(seq=41, content="对污水处理厂(站)进水情况进行系统分析，对进水量不足、浓度不高的镇街进行收水情况的论证。",
                 lead="区住房城乡建委", deadline_raw="2020年10月底", due=D(2020, 10, 31), days_overdue=30,
                 reason="部分镇街数据未报齐"),
            dict(seq=42, content="完成城南污水处理厂建设。", lead="临江河指挥部办公室", deadline_raw="2020年9月底",
                 due=D(2020, 9, 30), days_overdue=61, reason="设备安装调试中"),
        ],
        "lagging_tasks": [
            dict(seq=3, content="建成何埂镇杨开科养殖场鱼塘尾水处理设施。", lead="何埂镇",
                 deadline_raw="2020年12月底", due=D(2020, 12, 31), days_overdue=None,
                 reason="尾水处理设施土建完成40%，低于序时进度"),
            dict(seq=45, content="优先完成河道两岸化粪池清掏；进一步购置清掏机械设备或购买清掏服务。",
                 lead="区城市管理局", deadline_raw="2020年12月底", due=D(2020, 12, 31), days_overdue=None,
                 reason="清掏设备采购尚未完成"),
        ],
        "due_next_month": [
            dict(seq=3, content="建成何埂镇杨开科养殖场鱼塘尾水处理设施。", lead="何埂镇", due=D(2020, 12, 31)),
            dict(seq=7, content="依法调查未批在建的正绿农产品有限公司和亚冠食品有限公司。", lead="区农业农村委",
                 due=D(2020, 12, 31)),
            dict(seq=20, content="抓住双城经济圈建设机遇，协调大足、荣昌等区，推动长征渠引水工程纳入市国民经济和社会发展“十四五”规划纲要，并上升为国家项目，彻底解决我区工程性缺水问题。",
                 lead="区水利局", due=D(2020, 12, 31)),
            dict(seq=45, content="优先完成河道两岸化粪池清掏；进一步购置清掏机械设备或购买清掏服务。",
                 lead="区城市管理局", due=D(2020, 12, 31)),
        ],
        "regressions": [
            dict(seq=41, content="对污水处理厂(站)进水情况进行系统分析，对进水量不足、浓度不高的镇街进行收水情况的论证。",
                 lead="区住房城乡建委", previous="序时推进", status="逾期", changes="转为逾期（上期序时推进）"),
            dict(seq=45, content="优先完成河道两岸化粪池清掏；进一步购置清掏机械设备或购买清掏服务。",
                 lead="区城市管理局", previous="序时推进", status="进度滞后",
                 changes="完成比例下降（区城市管理局由60%降到40%）；进展照抄上期（区城市管理局的进展情况与上期一字不差）"),
        ],
        "requirements": [
            "各牵头单位要对照整改任务分解表，逐项梳理逾期和滞后任务，制定赶进度措施，确保年底前完成各项整改任务。",
            "逾期任务的牵头单位要在收到本通报后5个工作日内书面说明原因和下一步措施，区生态环境局将会同区政府督查室开展现场督办。",
            "各单位要按时报送月度进展情况，对连续两个月逾期或未报送的单位，将提请区政府约谈。",
        ],
        "charts": {},
    })
    return c


# ---------------------------------------------------------------- samples (seed 003, 新乡市, the year 2020)

XX_PLAN = "新乡市城镇污水处理提质增效三年行动方案(2019—2021年)"
XX_UNITS = [("市住房和城乡建设局", 94.6), ("卫辉市人民政府", 91.2), ("市生态环境局", 90.8), ("获嘉县人民政府", 86.5),
            ("原阳县人民政府", 80.1)]


def _year_sample(kind: str) -> dict:
    D = dt.date
    common = {"office": "新乡市住房和城乡建设局", "doc_number": "", "date": D(2021, 1, 15), "recipients": ["市人民政府"],
              "cc": ["市生态环境局", "市发展和改革委员会"], "plan_name": XX_PLAN,
              "notice_title": "新乡市住房和城乡建设局 新乡市生态环境局 新乡市发展和改革委员会关于印发新乡市城镇污水处理提质增效三年行动方案(2019-2021年)的通知",
              "notice_number": "新建〔2019〕182号", "period": D(2020, 12, 1), "contact": "", "phone": "", "email": "",
              "signer": "", "year": 2020}
    scheme = [{"item": "考核按时报送分", "value": "20", "what": "按时报送得的分"},
              {"item": "考核进度分", "value": "80", "what": "进度满分"}]
    units = [{"rank": i + 1, "unit": u, "score": f"{sc:g}", "months": 12, "best": "1月", "worst": "6月",
              "tasks": 30, "done": 8, "overdue": 1, "late_months": 0} for i, (u, sc) in enumerate(XX_UNITS)]
    if kind == "assessment":
        return {**common, "units": units, "scheme": scheme, "periods": [f"2020-{m:02d}" for m in range(1, 13)]}
    months = [{"period": D(2020, m, 1), "total": 37, "completed": 6 + m // 2, "on_schedule": 20 - m // 2, "lagging": 2,
               "due_soon": 0, "overdue": 6, "ongoing": 2, "not_reported": 1, "completion_rate": (6 + m // 2) / 37}
              for m in range(1, 13)]
    return {**common, "months": months,
            "by_category": [{"category": "建立污水管网排查和周期性检测制度", "tasks": 3, "done_start": 1, "done": 2, "closed": 1,
                             "open": 1, "overdue": 1, "rate": 2 / 3},
                            {"category": "补齐生活污水收集处理设施空白区域短板", "tasks": 3, "done_start": 0, "done": 1,
                             "closed": 0, "open": 2, "overdue": 0, "rate": 1 / 3}],
            "by_unit": units,
            "targets": [{"seq": "39", "indicator": "新乡市生活污水集中收集率", "target": ">85%", "value": "83.5%",
                         "verdict": "未达标（符合序时）", "met": False}],
            "open_tasks": [{"seq": "7", "content": "每年组织实施一批污水管网项目，消除城中村、老旧城区、城乡结合部污水收集空白区域。",
                            "lead": "各县（市、区）政府、管委会、市住建局", "status": "序时推进"}],
            "closed": [{"seq": "3", "content": "制定排水管网排查和检测方案", "period": "2020-02", "by": "王强"}],
            "extensions": [{"seq": "15", "content": "加快卫辉市德胜桥再生水厂建设", "unit": "卫辉市人民政府", "decision": "同意",
                            "original": "2019年12月31日", "adjusted": "2020年9月30日"}],
            "list_changes": [{"period": "2020年6月", "kind": "拆分", "old": "7", "new": "7、7.1",
                              "content": "7．每年组织实施一批污水管网项目；7.1．消除城中村、老旧城区、城乡结合部污水收集空白区域。",
                              "detail": "原序号7拆分为2项"},
                             {"period": "2020年6月", "kind": "新增", "old": "", "new": "40",
                              "content": "县级市生活污水集中收集率大于70%，其它县生活污水集中收集处理能力明显提升。",
                              "detail": "新增任务，完成时限2020年底，牵头单位各县（市）政府"}],
            "requirements": ["对尚未完成的任务，各牵头单位要逐项制定计划，确保2021年底前全部完成。"],
            "charts": {}, "scheme": scheme}

