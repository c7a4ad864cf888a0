"""Targets that are measured (README 「目标怎么判」): what a task's quantitative target is, and
how this period's figure stands against it.

A target comes from the list's 目标值 column (an extra column no role claims: 目标值, 目标,
指标值, 年度目标) or, failing that, is recognised in the task text ("新乡市生活污水集中收集率
大于85%", "污泥无害化处理处置率达到90%以上", "用水总量控制在11.88亿立方米以内").  A comparison
that qualifies something ("…低于120mg/L的…污水处理厂") or a relative change ("比2015年下降10%")
is not a target.  The rules were written on the dev part of ``tests/data/targets.tsv`` and
scored on its held-out part (README).

The unit reports its figure in the return's 本期数值; ``judge`` compares it with the target and
with the time-proportional path from the baseline (基期值 column, else the first figure the
history holds) to the target on the task's deadline; the first row that applies wins.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

GE, GT, LE, LT = ">=", ">", "<=", "<"
OP_CN = {GE: "≥", GT: ">", LE: "≤", LT: "<"}
OP_WORD = {GE: "达到", GT: "大于", LE: "不超过", LT: "低于"}
TARGET_HEADERS = ("目标值", "目标", "指标值", "年度目标", "目标要求", "考核目标值")
BASELINE_HEADERS = ("基期值", "现状值", "基准值", "基期")

# verbs that state a level; longest first so 达到或超过 wins over 达到
_VERBS = [("达到或超过", GE), ("达到或高于", GE), ("不低于", GE), ("不少于", GE), ("提高到", GE), ("提升到", GE),
          ("提高至", GE), ("提升至", GE), ("增加到", GE), ("达到", GE), ("大于等于", GE), ("≥", GE), (">=", GE),
          ("大于", GT), ("高于", GT), ("超过", GT), (">", GT),
          ("控制在", LE), ("不超过", LE), ("不高于", LE), ("下降到", LE), ("降低到", LE), ("降至", LE), ("降到", LE),
          ("小于等于", LE), ("≤", LE), ("<=", LE), ("低于", LT), ("小于", LT), ("<", LT), ("达", GE)]
_VERB_OP = dict(_VERBS)
_UNITS = ["%", "‰", "mg/L", "μg/m3", "ug/m3", "μg/L", "亿立方米", "万立方米", "立方米", "万吨/日", "万吨/天", "万吨",
          "吨/日", "吨", "公里", "千米", "平方公里", "公顷", "亩", "万元", "亿元", "座", "个", "处", "家", "户", "条",
          "天", "次", "人"]
_NUM = r"(\d+(?:\.\d+)?)"
_VERB_RE = "|".join(re.escape(v) for v, _ in sorted(_VERBS, key=lambda x: -len(x[0])))
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
# a level with a verb: 「…率达到60%以上」; without one, the suffix says it: 「…管网600公里以上」
_WITH_VERB = re.compile(rf"(?P<verb>{_VERB_RE})\s*{_NUM}\s*(?P<unit>{_UNIT_RE})(?P<suf>以上|以内|以下|左右)?")
_NO_VERB = re.compile(rf"{_NUM}\s*(?P<unit>{_UNIT_RE})(?P<suf>以上|以内|以下)")
_CLAUSE_END = re.compile(r"[，,；;。：:！!？?\n]")
_LEAD = re.compile(r"^(?:其中|同时|并且|并|且|到|至|截至|于)?\s*(?:\d{4}年(?:至\d{4}年)?(?:底|末)?(?:前)?)?[，,]?\s*")
# a change verb right before the figure (its list 「24%、25%」 between them): the figure is how much it changes by
_RELATIVE_BEFORE = re.compile(r"(?:下降|降低|减少|削减|压减|提高|增长|增加|上升|提升)了?(?:分别|均|各)?\s*"
                              rf"(?:{_NUM}\s*(?:{_UNIT_RE})?\s*(?:以上|左右)?\s*[、和及,，]\s*)*$")
_TRAIL = re.compile(r"(?:总体|均|要|分别|将|力争|要求|稳定|必须|确保|应|须)+$")


@dataclass(frozen=True)
class Target:
    indicator: str        # what is measured: 新乡市生活污水集中收集率
    op: str               # GE, GT, LE or LT
    value: float
    unit: str             # %, mg/L, 公里 ... ("" when the list gives a bare number)
    source: str = "任务内容"   # 目标值列 | 任务内容
    baseline: float | None = None

    @property
    def label(self) -> str:
        """The target as a return and a document print it: ≥85%."""
        return f"{OP_CN[self.op]}{_num(self.value)}{self.unit}"

    @property
    def text(self) -> str:
        return f"{self.indicator}{OP_WORD[self.op]}{_num(self.value)}{self.unit}"

    def meets(self, x: float, level: float | None = None) -> bool:
        level = self.value if level is None else level
        return {GE: x >= level - 1e-9, GT: x > level + 1e-9, LE: x <= level + 1e-9, LT: x < level - 1e-9}[self.op]

    def gap(self, x: float) -> float:
        """How far the figure is from the target, in its unit (positive: short of it)."""
        return round(self.value - x, 4) if self.op in (GE, GT) else round(x - self.value, 4)


def _num(x: float) -> str:
    return f"{x:g}" if abs(x) < 1e15 else str(x)


_ASCII = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {ord("µ"): "μ", 0x3000: " "}


def _clean(text: str) -> str:
    """Full-width digits, letters and signs as ASCII (Ⅲ and the rest of the text as written)."""
    return str(text or "").translate(_ASCII)


def recognise(text: str) -> Target | None:
    """The first target stated in ``text`` (README 「目标怎么判」 rules for reading text)."""
    s = _clean(text)
    for m in sorted(list(_WITH_VERB.finditer(s)) + list(_NO_VERB.finditer(s)), key=lambda m: m.start()):
        after = s[m.end():m.end() + 2]
        if after.startswith("的") or re.match(r"得\d", after):
            continue        # a qualifier (…低于120mg/L的污水处理厂) or a scoring rule (达到5%得1分)
        verb = m.groupdict().get("verb")
        if not verb and _RELATIVE_BEFORE.search(s[:m.start()]):
            continue        # a change, not a level: 「比2015年分别下降24%、25%以上」 (trial 35)
        suf = m.group("suf") or ""
        op = _VERB_OP[verb] if verb else (GE if suf == "以上" else LE)
        if verb and suf in ("以内", "以下") and op in (GE, GT):
            op = LE
        name = _indicator(s[:m.start()])
        if len(name) < 2:
            continue
        return Target(name, op, float(m.group(2) if verb else m.group(1)), m.group("unit"))
    return None


def _indicator(before: str) -> str:
    """The clause before the level, without the time phrase in front and the adverbs behind."""
    clause = _CLAUSE_END.split(before)[-1].strip()
    clause = _LEAD.sub("", clause).strip()
    return _TRAIL.sub("", clause).strip()


def from_column(text: str, indicator: str) -> Target | None:
    """A 目标值 cell: 「≥85%」「大于85%」「60%以上」「95」 (a bare number is a level to reach)."""
    s = _clean(str(text)).strip()
    if not s:
        return None
    m = re.fullmatch(rf"(?P<verb>{_VERB_RE})?\s*{_NUM}\s*(?P<unit>{_UNIT_RE})?(?P<suf>以上|以内|以下|左右)?", s)
    if not m:
        t = recognise(s)
        return Target(t.indicator or indicator, t.op, t.value, t.unit, "目标值列") if t else None
    verb, suf = m.group("verb"), m.group("suf") or ""
    op = _VERB_OP[verb] if verb else (LE if suf in ("以内", "以下") else GE)
    return Target(indicator, op, float(m.group(2)), m.group("unit") or "", "目标值列")


def target_of(task) -> Target | None:
    """The task's target: its 目标值 column first, else its text."""
    name = recognise(task.full_content)
    baseline = _baseline(task.extras)
    for h in TARGET_HEADERS:
        raw = task.extras.get(h)
        if raw not in (None, ""):
            t = from_column(raw, name.indicator if name else _short(task.content))
            if t:
                return _with_baseline(t, baseline)
    return _with_baseline(name, baseline) if name else None


def _with_baseline(t: Target, baseline: float | None) -> Target:
    return Target(t.indicator, t.op, t.value, t.unit, t.source, baseline)


def _baseline(extras: dict) -> float | None:
    for h in BASELINE_HEADERS:
        v, _ = figure(extras.get(h), "")
        if v is not None:
            return v
    return None


def _short(text: str, n: int = 30) -> str:
    s = _CLAUSE_END.split(_clean(text).strip())[0]
    return s if len(s) <= n else s[:n] + "…"


def figure(raw, unit: str) -> tuple[float | None, str]:
    """A figure a unit typed into 本期数值 (86, 86%, 约86.5, 0.86 in a %-formatted cell), in the
    target's unit; (None, why) when it is not a number."""
    if raw is None or raw == "" or isinstance(raw, bool):
        return None, ""
    if isinstance(raw, (int, float)):
        x, percent_sign = float(raw), False
    else:
        s = _clean(str(raw)).replace(" ", "").replace(",", "")
        if not s:
            return None, ""
        m = re.fullmatch(rf"(?:约|约为|大约|为)?{_NUM}\s*(%|{_UNIT_RE})?(?:左右)?", s)
        if not m:
            return None, f"本期数值「{raw}」不是数字"
        x, percent_sign = float(m.group(1)), m.group(2) == "%"
    if unit == "%" and not percent_sign and 0 < x <= 1:
        x = round(x * 100, 4)    # 86% typed into Excel is 0.86 in the cell
    return x, ""


# --- judging one period -------------------------------------------------------------------------

MET, ON_PATH, BEHIND, SHORT, NO_FIGURE = "达标", "未达标（符合序时）", "未达标（落后序时）", "未达标", "未报数值"
VERDICTS = [NO_FIGURE, MET, ON_PATH, BEHIND, SHORT]      # the README table's rows, in order


@dataclass
class Measured:
    """One task's target this period."""
    target: Target
    value: float | None            # the consolidated figure (the worst of the answering units')
    verdict: str
    rule: int
    path: float | None = None      # the time-proportional level for the report date
    baseline: float | None = None
    by_unit: dict | None = None    # unit -> figure
    due: dt.date | None = None

    @property
    def met(self) -> bool:
        return self.verdict == MET

    @property
    def gap(self) -> float | None:
        return None if self.value is None else self.target.gap(self.value)

    @property
    def gap_text(self) -> str:
        g = self.gap
        if g is None or self.met:
            return ""
        unit = "个百分点" if self.target.unit == "%" else self.target.unit
        return f"差{_num(abs(g))}{unit}"

    def to_dict(self, task) -> dict:
        return {"task": task.seq or task.label, "key": task.key, "indicator": self.target.indicator,
                "target": self.target.label, "target_value": self.target.value, "op": self.target.op,
                "unit": self.target.unit, "source": self.target.source, "value": self.value,
                "met": self.met, "verdict": self.verdict, "rule": self.rule, "path": self.path,
                "baseline": self.baseline, "gap": self.gap, "by_unit": self.by_unit or {},
                "due": self.due.isoformat() if self.due else None}


def consolidated(target: Target, figures: dict[str, float]) -> float | None:
    """Several answering units: the task is only as far as its furthest-behind unit."""
    if not figures:
        return None
    vals = list(figures.values())
    return min(vals) if target.op in (GE, GT) else max(vals)


def path_value(target: Target, baseline: float | None, progress: float | None) -> float | None:
    if baseline is None or progress is None:
        return None
    return round(baseline + (target.value - baseline) * progress, 4)


def judge(target: Target, figures: dict[str, float], *, baseline: float | None, progress: float | None,
          due: dt.date | None = None) -> Measured:
    """The README table 「目标怎么判」, first row that applies wins."""
    value = consolidated(target, figures)
    base = target.baseline if target.baseline is not None else baseline
    path = path_value(target, base, progress)
    common = dict(path=path, baseline=base, by_unit=dict(figures), due=due)
    if value is None:
        return Measured(target, None, NO_FIGURE, 1, **common)
    if target.meets(value):
        return Measured(target, value, MET, 2, **common)
    if path is not None:
        loose = Target(target.indicator, GE if target.op in (GE, GT) else LE, target.value, target.unit)
        if loose.meets(value, path):
            return Measured(target, value, ON_PATH, 3, **common)
        return Measured(target, value, BEHIND, 4, **common)
    return Measured(target, value, SHORT, 5, **common)
