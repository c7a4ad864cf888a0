"""From readings to judgements: daily means, classes, exceedances, runs, monthly and
quarterly means, and the alerts the seed's campaign acts on.

The rules (with where each comes from) are listed in README「水质研判的规则」;
the constants here are the ones that table names.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from .readings import AUTO, MINUTES_PER_DAY, Readings
from .sections import Section
from .standard import BY_KEY, WORST, class_name, class_of, classes, exceedance, fmt, limit_of, round_mean, round_means_array

MIN_AUTO_READINGS = 4         # of the 6 four-hourly readings a day (2/3) for an automatic daily mean
RUN_DAYS = 3                  # 日均值连续3日超标 (seed 002, 二、工作目标)
ALERT_KINDS = ("日超标", "连续3日超标", "月均值超标", "劣Ⅴ类", "连续两季度超标")
# as the clerk reads a kind: 「劣Ⅴ类 0 条」 beside two 劣Ⅴ类 days in the same sheet read as none this month (trial 24);
# the kind is the quarter's mean (the JSON keeps the short key)
KIND_SAID = {"劣Ⅴ类": "季度劣Ⅴ类"}


@dataclass
class ParamDay:
    key: str
    value: float | None          # the rounded daily mean; None when the day has too few readings
    n: int                       # readings behind it
    kind: int                    # AUTO / DAILY / LAB: which data made it
    censored: int = 0            # of them below the detection limit (½ DL used)
    cls: int | None = None
    exceeds: bool = False
    multiple: float | None = None
    first_src: int = 0
    last_src: int = 0
    dl: float | None = None      # the detection limit when every reading was below it
    low: float | None = None     # the lowest and highest reading (what a short day's readings were)
    high: float | None = None

    @property
    def short(self) -> bool:
        return self.value is None and self.n > 0

    @property
    def single(self) -> bool:
        """One hand or lab sample, not a mean of the day's readings."""
        return self.n == 1 and self.kind != AUTO


@dataclass
class SectionDay:
    day: dt.date
    params: dict[str, ParamDay] = field(default_factory=dict)
    cls: int | None = None
    deciding: list[str] = field(default_factory=list)
    exceeding: list[str] = field(default_factory=list)
    note: str = ""               # the remark of a day without values (未测（采样人员外出）)
    note_src: int | None = None  # its cell
    rejected: dict = field(default_factory=dict)    # {param key: why} of values found that day but not used


@dataclass
class Mean:
    key: str
    value: float | None
    days: int
    cls: int | None = None
    exceeds: bool = False
    multiple: float | None = None
    dl: float | None = None      # every day's readings below the detection limit: the largest limit


@dataclass
class PeriodMean:
    """A section's means over a month or a quarter (to date) and the class they give."""
    label: str                   # 2021年7月 / 2021年第3季度
    start: dt.date
    end: dt.date
    means: dict[str, Mean] = field(default_factory=dict)
    cls: int | None = None
    deciding: list[str] = field(default_factory=list)
    exceeding: list[str] = field(default_factory=list)
    complete: bool = True        # False for a quarter judged before its end

    @property
    def has_data(self) -> bool:
        return any(m.value is not None for m in self.means.values())


@dataclass
class Run:
    start: dt.date
    end: dt.date
    params: list[str]                      # every parameter that exceeded on a day of the run

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass
class Alert:
    section: str
    kind: str
    start: dt.date
    end: dt.date
    params: list[str]
    detail: str = ""

    def to_dict(self) -> dict:
        return {"section": self.section, "kind": self.kind, "start": self.start.isoformat(),
                "end": self.end.isoformat(), "params": [BY_KEY[k].name for k in self.params], "detail": self.detail}


@dataclass
class SectionResult:
    section: Section
    index: int
    days: list[SectionDay]                 # every day of the month, with or without data
    month: PeriodMean
    quarter: PeriodMean
    prev_quarter: PeriodMean
    quarters: list[PeriodMean]
    runs: list[Run]
    alerts: list[Alert]
    exceed_days: set = field(default_factory=set)   # every exceeding day in the window
    before: dict = field(default_factory=dict)      # exceeding days before the month: date -> {key: ParamDay}

    def day(self, d: dt.date) -> SectionDay | None:
        for x in self.days:
            if x.day == d:
                return x
        return None

    def exceeded(self, d: dt.date) -> dict:
        """{key: ParamDay} of the indicators over target on ``d``, in the month or before it (a run
        that began last month is told day by day too)."""
        sd = self.day(d)
        if sd is not None:
            return {k: sd.params[k] for k in sd.exceeding}
        return self.before.get(d, {})

    def run_on(self, d: dt.date) -> int:
        """How many consecutive exceeding days end on ``d`` (0 if it does not exceed)."""
        n = 0
        while d - dt.timedelta(days=n) in self.exceed_days:
            n += 1
        return n

    def letter_on(self, d: dt.date) -> str:
        """The letter the section gets for ``d``: 督办 from the RUN_DAYS-th exceeding day in a row (seed 002,
        日均值不出现连续3日超标), else 预警; "" on a day it does not exceed.  One rule for the CLI, the
        documents and the browser desk."""
        sd = self.day(d)
        if sd is None or not sd.exceeding:
            return ""
        return "督办" if self.run_on(d) >= RUN_DAYS else "预警"

    @property
    def keys(self) -> list[str]:
        """Parameters with data this month, in the standard's order (assessed first)."""
        have = [k for k in BY_KEY if k in self.month.means and self.month.means[k].days]
        return [k for k in have if k in self.section.params] + [k for k in have if k not in self.section.params]


@dataclass
class WaterResult:
    period: dt.date
    report_date: dt.date
    readings: Readings
    results: list[SectionResult]
    latest: dt.date | None = None      # the newest day of the month with a daily value at any section

    @property
    def through(self) -> dt.date:
        """The day the month's figures reach (its newest data, else the report date): what a 月报 made
        now covers — 截至 that day."""
        return self.latest or self.report_date

    def has_data_on(self, day: dt.date) -> bool:
        """Any reading at any section on ``day`` (a day of too few readings counts: it is not a day without data)."""
        return any((d := r.day(day)) is not None and d.params for r in self.results)

    @property
    def report_day_empty(self) -> bool:
        """No section has a single reading on the report date (a morning run before the day's data
        came in): nothing can be said about that day, least of all that no section exceeded."""
        return not self.has_data_on(self.report_date)

    @property
    def alerts(self) -> list[Alert]:
        return [a for r in self.results for a in r.alerts]

    def exceed_counts(self) -> tuple[int, int]:
        """(断面·日 over target this month, of them the third or later consecutive day — a 督办 day).
        Days, not letters: a letter goes out only on a morning the tool is run (the 月报 reads the
        letters from the 文号 register)."""
        over = third = 0
        for r in self.results:
            for d in r.days:
                if d.exceeding:
                    over += 1
                    third += r.run_on(d.day) >= RUN_DAYS
        return over, third

    @property
    def findings(self):
        return self.readings.sections.findings + self.readings.findings

    @property
    def month_start(self) -> dt.date:
        return self.period.replace(day=1)

    @property
    def month_end(self) -> dt.date:
        return self.readings.window.end


def quarter_of(d: dt.date) -> tuple[dt.date, dt.date]:
    q0 = dt.date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    q1 = (q0.replace(day=28) + dt.timedelta(days=70)).replace(day=1) - dt.timedelta(days=1)
    return q0, q1


def _daily(key: str, series):
    """Daily means of one series: arrays (days, mean, n, kind, censored, first_src, last_src, dl, low,
    high); mean is NaN on a day with too few readings; dl is the detection limit on a day whose
    readings were all below it (else NaN)."""
    m = np.frombuffer(series.minutes, dtype=np.int64)
    v = np.frombuffer(series.values, dtype=np.float64)
    fl = np.frombuffer(series.flags, dtype=np.int8)
    src = np.frombuffer(series.src, dtype=np.int64)
    days = m // MINUTES_PER_DAY
    kinds = (fl & 3).astype(np.int8)
    # 环办监测函〔2020〕82号: automatic data are used before manual data; per day, the best kind present
    order = np.lexsort((kinds, days))
    days, kinds, v, fl, src = days[order], kinds[order], v[order], fl[order], src[order]
    starts = np.flatnonzero(np.r_[True, days[1:] != days[:-1]])
    best = kinds[starts]
    best_each = np.repeat(best, np.diff(np.r_[starts, len(days)]))
    keep = kinds == best_each        # the others are reported by _superseded_findings
    days, kinds, v, fl, src = days[keep], kinds[keep], v[keep], fl[keep], src[keep]
    starts = np.flatnonzero(np.r_[True, days[1:] != days[:-1]])
    n = np.diff(np.r_[starts, len(days)])
    sums = np.add.reduceat(v, starts)
    below = (fl & 4) > 0
    cens = np.add.reduceat(below.astype(np.int64), starts)
    dl = np.where(cens == n, 2 * np.maximum.reduceat(np.where(below, v, 0.0), starts), np.nan)   # value = ½ DL
    low = np.minimum.reduceat(v, starts)
    high = np.maximum.reduceat(v, starts)
    first = np.minimum.reduceat(src, starts)
    last = np.maximum.reduceat(src, starts)
    kind = kinds[starts]
    need = np.where(kind == AUTO, MIN_AUTO_READINGS, 1)
    valid = n >= need
    p = BY_KEY[key]
    mean = round_means_array(np.where(valid, sums / n, np.nan), p.decimals)
    return days[starts], mean, n, kind, cens, first, last, dl, low, high


def judge(readings: Readings, period: dt.date, report_date: dt.date | None = None) -> WaterResult:
    secs = readings.sections.sections
    w = readings.window
    month_start = period.replace(day=1)
    month_days = [month_start + dt.timedelta(days=i) for i in range((w.end - month_start).days + 1)]
    q0, _ = quarter_of(month_start)
    pq0, pq1 = quarter_of(q0 - dt.timedelta(days=1))
    results = []
    latest = None
    for si, sec in enumerate(secs):
        keys = [k for k in BY_KEY if (si, k) in readings.series and len(readings.series[(si, k)])]
        daily = {}
        for k in keys:
            daily[k] = _daily(k, readings.series[(si, k)])
        res = _judge_section(sec, si, daily, month_days, (q0, w.end), (pq0, pq1), readings)
        results.append(res)
        for dd in res.days:
            if any(pd.value is not None for pd in dd.params.values()):
                latest = dd.day if latest is None or dd.day > latest else latest
    on = report_date or latest or w.end
    _superseded_findings(readings, results)
    return WaterResult(period, on, readings, results, latest)


def _superseded_findings(readings, results) -> None:
    """Manual values not used because the same day has automatic data are said so, per cell."""
    from ..findings import INFO, Finding
    for si, sec in enumerate(readings.sections.sections):
        for k in BY_KEY:
            s = readings.series.get((si, k))
            if s is None or not len(s):
                continue
            fl = np.frombuffer(s.flags, dtype=np.int8) & 3
            if fl.min() == fl.max():
                continue
            days = np.frombuffer(s.minutes, dtype=np.int64) // MINUTES_PER_DAY
            best = {}
            for d, kd in zip(days.tolist(), fl.tolist()):
                best[d] = min(best.get(d, 9), kd)
            for i, (d, kd) in enumerate(zip(days.tolist(), fl.tolist())):
                if kd > best[d]:
                    f, sh, c = readings.where(s.src[i])
                    blk = readings.blocks[s.src[i] >> 34]
                    blk.counts["superseded"] += 1
                    blk.counts["used"] -= 1
                    readings.findings.append(Finding(
                        INFO, "SUPERSEDED", f"断面「{sec.name}」{dt.date.fromordinal(d).isoformat()}的{BY_KEY[k].name}"
                        f"同日有{('自动监测' if best[d] == AUTO else '手工日报')}数据，按环办监测函〔2020〕82号优先采用，"
                        f"这个值（{s.values[i]:g}）未参与日均值", "", sheet=sh, cell=c, file=f))


def _mean_over(sec: Section, key: str, d, start: dt.date, end: dt.date) -> Mean:
    days, mean = d[0], d[1]
    sel = (days >= start.toordinal()) & (days <= end.toordinal()) & ~np.isnan(mean)
    n = int(sel.sum())
    p = BY_KEY[key]
    if not n:
        return Mean(key, None, 0)
    value = round_mean(p, float(mean[sel].sum()) / n)
    dls = d[7][sel]
    return _classed(Mean(key, value, n, dl=float(dls.max()) if not np.isnan(dls).any() else None), sec)


def _classed(m, sec: Section):
    p = BY_KEY[m.key]
    m.cls = class_of(p, m.value, sec.lake)
    if m.cls and sec.target and m.key in sec.params:
        m.exceeds = m.cls > sec.target
        m.multiple = exceedance(p, m.value, sec.target, sec.lake) if m.exceeds else None
    return m


def _period(sec: Section, daily: dict, label: str, start: dt.date, end: dt.date, complete=True) -> PeriodMean:
    pm = PeriodMean(label, start, end, complete=complete)
    for k, d in daily.items():
        pm.means[k] = _mean_over(sec, k, d, start, end)
    _decide(pm, sec, pm.means)
    return pm


def _decide(obj, sec: Section, values: dict) -> None:
    """Section class = the worst class among its assessed parameters (单因子评价)."""
    assessed = {k: x for k, x in values.items() if k in sec.params and x.cls}
    if not assessed:
        return
    obj.cls = max(x.cls for x in assessed.values())
    obj.deciding = [k for k in BY_KEY if k in assessed and assessed[k].cls == obj.cls]
    obj.exceeding = [k for k in BY_KEY if k in assessed and assessed[k].exceeds]


def _judge_section(sec, si, daily, month_days, quarter, prev_quarter, readings) -> SectionResult:
    w = readings.window
    # per day over the whole window: exceeding days (for runs) and the month's detail
    exceed_days: dict[int, list[str]] = {}
    by_day: dict[int, dict[str, ParamDay]] = {}
    before: dict[dt.date, dict[str, ParamDay]] = {}
    m0, m1 = month_days[0].toordinal(), month_days[-1].toordinal()
    for k, d in daily.items():
        days, mean, n, kind, cens, first, last, dl, low, high = d
        p = BY_KEY[k]
        cls = classes(p, mean, sec.lake)
        assessed = k in sec.params and sec.target is not None and p.direction != "none"
        if assessed:
            ex = cls > sec.target
            for i in np.flatnonzero(ex).tolist():
                day = int(days[i])
                exceed_days.setdefault(day, []).append(k)
                if day < m0:
                    value = float(mean[i])
                    before.setdefault(dt.date.fromordinal(day), {})[k] = ParamDay(
                        k, value, int(n[i]), int(kind[i]), int(cens[i]), int(cls[i]), True,
                        exceedance(p, value, sec.target, sec.lake), int(first[i]), int(last[i]))
        inmonth = np.flatnonzero((days >= m0) & (days <= m1))
        for i in inmonth.tolist():
            value = None if np.isnan(mean[i]) else float(mean[i])
            c = int(cls[i]) or None
            pd = ParamDay(k, value, int(n[i]), int(kind[i]), int(cens[i]), c,
                          bool(assessed and c and c > sec.target), None, int(first[i]), int(last[i]),
                          None if np.isnan(dl[i]) else float(dl[i]), float(low[i]), float(high[i]))
            if pd.exceeds:
                pd.multiple = exceedance(p, value, sec.target, sec.lake)
            by_day.setdefault(int(days[i]), {})[k] = pd
    out_days = []
    for day in month_days:
        sd = SectionDay(day, by_day.get(day.toordinal(), {}))
        sd.rejected = {k: why for k in BY_KEY if k in sec.params and k not in sd.params
                       and (why := readings.rejected.get((si, day.toordinal(), k)))}
        if not sd.params and (si, day.toordinal()) in readings.day_notes:
            sd.note, sd.note_src = readings.day_notes[(si, day.toordinal())]
        elif not sd.params and (si, day.toordinal()) in readings.day_status:
            # the station's own word for a day it sent nothing valid (设备维护): why a 国考 section went dark
            sd.note = "自动站" + "、".join(readings.day_status[(si, day.toordinal())])
        _decide(sd, sec, {k: x for k, x in sd.params.items() if x.value is not None})
        out_days.append(sd)
    # runs of consecutive exceeding days (a day without an exceeding daily mean ends a run)
    runs = []
    for day in sorted(exceed_days):
        if runs and runs[-1][1] == day - 1:
            runs[-1][1] = day
            runs[-1][2].extend(k for k in exceed_days[day] if k not in runs[-1][2])
        else:
            runs.append([day, day, list(exceed_days[day])])
    runs = [Run(dt.date.fromordinal(a), dt.date.fromordinal(b), [k for k in BY_KEY if k in ks]) for a, b, ks in runs
            if b >= m0]
    month = _period(sec, daily, f"{month_days[0].year}年{month_days[0].month}月", month_days[0], month_days[-1])
    q0, q_end = quarter
    qn = (q0.month - 1) // 3 + 1
    q_full_end = quarter_of(q0)[1]
    quarter_pm = _period(sec, daily, f"{q0.year}年第{qn}季度", q0, q_end, complete=q_end >= q_full_end)
    pq0, pq1 = prev_quarter
    prev = _period(sec, daily, f"{pq0.year}年第{(pq0.month - 1) // 3 + 1}季度", pq0, pq1)
    quarters = []
    q = quarter_of(w.start)[0]
    while q <= q0:
        end = min(quarter_of(q)[1], w.end)
        quarters.append(prev if q == pq0 else quarter_pm if q == q0 else
                        _period(sec, daily, f"{q.year}年第{(q.month - 1) // 3 + 1}季度", q, end))
        q = quarter_of(q)[1] + dt.timedelta(days=1)
    alerts = _alerts(sec, out_days, runs, month, quarter_pm, prev)
    before = {d: {k: x[k] for k in BY_KEY if k in x} for d, x in before.items()}
    return SectionResult(sec, si, out_days, month, quarter_pm, prev, quarters, runs, alerts,
                         {dt.date.fromordinal(d) for d in exceed_days}, before)


def _alerts(sec: Section, days, runs, month: PeriodMean, quarter: PeriodMean, prev: PeriodMean) -> list[Alert]:
    out = []
    name = sec.name
    for d in days:
        if d.exceeding:
            detail = "；".join(_value_text(sec, d.params[k]) for k in d.exceeding)
            out.append(Alert(name, "日超标", d.day, d.day, list(d.exceeding), detail))
    by_day = {d.day: d for d in days}
    for r in runs:
        if r.days >= RUN_DAYS:
            # (one value a day from a hand sheet or a lab is a 监测值: trial 24's 说明 said 日均值 of them)
            word = value_word(sd.params[k] for i in range(r.days) if (sd := by_day.get(r.start + dt.timedelta(days=i)))
                              for k in sd.exceeding)
            out.append(Alert(name, "连续3日超标", r.start, r.end, list(r.params),
                             f"{r.start.month}月{r.start.day}日至{r.end.month}月{r.end.day}日连续{r.days}日{word}超过"
                             f"{class_name(sec.target)}类标准"))
    if month.exceeding:
        out.append(Alert(name, "月均值超标", month.start, month.end, list(month.exceeding),
                         "；".join(_value_text(sec, month.means[k]) for k in month.exceeding)))
    if quarter.cls == WORST:
        worst = [k for k in quarter.deciding]
        out.append(Alert(name, "劣Ⅴ类", quarter.start, quarter.end, worst,
                         f"{quarter.label}" + ("" if quarter.complete else f"（截至{quarter.end.month}月{quarter.end.day}日）")
                         + "均值为劣Ⅴ类：" + "；".join(_value_text(sec, quarter.means[k]) for k in worst)))
    if sec.target and prev.cls and quarter.cls and prev.cls > sec.target and quarter.cls > sec.target:
        params = [k for k in BY_KEY if k in prev.exceeding or k in quarter.exceeding]
        out.append(Alert(name, "连续两季度超标", prev.start, quarter.end, params,
                         f"{prev.label}均值{class_name(prev.cls)}类、{quarter.label}"
                         + ("" if quarter.complete else f"（截至{quarter.end.month}月{quarter.end.day}日）")
                         + f"均值{class_name(quarter.cls)}类，均劣于目标{class_name(sec.target)}类"))
    return out


def no_data_note(res: WaterResult) -> str:
    """When the report date has no reading at any section: say so, what the newest day showed, and
    what to do; "" otherwise.  (A morning run before the day's data had come in said 「没有超标断面」.)"""
    if not res.report_day_empty:
        return ""
    day = res.report_date
    text = f"{day.year}年{day.month}月{day.day}日各断面都还没有监测数据，不能判定当日是否超标"
    last = max((d.day for r in res.results for d in r.days if d.day < day and d.cls is not None), default=None)
    if last is None:
        return text + "（本期在它之前也没有有效数据）。请核对监测数据文件和报告日期。"
    over = []
    for r in res.results:
        d = r.day(last)
        if d is not None and d.exceeding:
            n = r.run_on(last)
            over.append(f"{r.section.name}超标" + (f"，已连续{n}日" if n > 1 else "")
                        + ("（督办）" if n >= RUN_DAYS else "（预警）"))
    shown = (f"{last.month}月{last.day}日：" + "；".join(over) if over
             else f"{last.month}月{last.day}日各断面均未超标")
    return (text + f"（本期最新数据为{last.month}月{last.day}日）。{shown}。"
            f"请等当日数据到齐后再运行，或把报告日期改为{last.isoformat()}。")


def unlisted_notes(res: WaterResult) -> list[str]:
    """One line per section name in the data that the list does not know: its rows were not judged at
    all, so a listed section may show 「无数据」 and miss its warnings (桥头 / 清溪河桥头)."""
    out = []
    for name, (rows, close, files) in res.readings.unknown.items():
        if not name:
            continue
        text = f"监测数据中的断面「{name}」不在断面清单中（{'、'.join(files)}，{rows}行未参与判定）"
        if close:
            text += f"，可能就是「{close}」：请把「{name}」填到该断面的「数据中的其他名称」后重新运行。"
        else:
            text += "：请在断面清单中增加该断面，或把这个写法填到对应断面的「数据中的其他名称」后重新运行。"
        out.append(text)
    return out


def unlisted_reason(res: WaterResult, section: str) -> str:
    """Why a listed section may have no data: names in the data that look like it but are not among
    its other names (「监测数据中写作「桥头」的180行未参与判定」); "" when there are none."""
    names = [(n, rows) for n, (rows, close, _f) in res.readings.unknown.items() if n and close == section]
    if not names:
        return ""
    return ("监测数据中写作" + "、".join(f"「{n}」" for n, _ in names) + f"的{sum(r for _, r in names)}行"
            "不在该断面的「数据中的其他名称」中，未参与判定")


def data_gaps(res: WaterResult) -> list[tuple[SectionResult, dt.date, dt.date, str]]:
    """Runs of days without any reading at a section that is measured daily (data on more than half
    of the month's days so far), up to the day the data reach, with the reason when known (自动站设备维护,
    the remark of the town's row): a station down for a week is news, a weekly-sampled lake's other
    days are not."""
    out = []
    through = res.through
    for r in res.results:
        days = [d for d in r.days if d.day <= through]
        if not days or sum(1 for d in days if d.params) * 2 <= len(days):
            continue
        run: list = []
        for d in days + [None]:
            if d is not None and not d.params:
                run.append(d)
                continue
            if run:
                notes = list(dict.fromkeys(x.note for x in run if x.note))
                out.append((r, run[0].day, run[-1].day, "；".join(notes)))
            run = []
    return out


def gaps_text(res: WaterResult) -> str:
    """国考断面清溪河桥头6月8日至14日没有有效监测数据（自动站设备维护），本月有效天数23天。"""
    parts = []
    through = res.through
    for r, a, b, why in data_gaps(res):
        s = r.section
        span = f"{a.month}月{a.day}日" + ("" if a == b else f"至{b.day}日")
        valid = sum(1 for d in r.days if d.cls is not None and d.day <= through)
        parts.append(f"{s.level + '断面' if s.level else ''}{s.name}{span}没有有效监测数据"
                     + (f"（{why}）" if why else "") + "，本月"
                     + ("" if through >= res.month_end else f"截至{through.day}日") + f"有效天数{valid}天")
    return "；".join(parts) + "。" if parts else ""


def rejected_text(sd: SectionDay) -> str:
    """总磷的值单位可疑未采用，类别按其他指标评价: a day classed without a parameter whose value was rejected."""
    if not sd.rejected or sd.cls is None:
        return ""
    whys = {}
    for k, why in sd.rejected.items():
        whys.setdefault(why, []).append(BY_KEY[k].name)
    return "；".join(f"{'、'.join(names)}的值{why}未采用" for why, names in whys.items()) + "，类别按其他指标评价"


def value_word(values) -> str:
    """日均值 (means of a station's readings) / 监测值 (one hand or lab sample a day, README) / 日均值或监测值."""
    kinds = {x.single for x in values}
    return "监测值" if kinds == {True} else "日均值或监测值" if kinds == {True, False} else "日均值"


def _md(d: dt.date) -> str:
    return f"{d.month}月{d.day}日"


def _span(a: dt.date, b: dt.date) -> str:
    return _md(a) if a == b else f"{_md(a)}至{b.day}日" if a.month == b.month else f"{_md(a)}至{_md(b)}"


def run_break(r: SectionResult, start: dt.date) -> str:
    """What broke the section's exceeding run just before ``start`` when it was missing data, not clean water: a day
    of too few readings (数据不足, with its readings over the limit), the days with no data at all (their remark:
    自动站设备维护, 未测…), and the run they cut (此前…已连续2日超标); "" when the day before was measured and clean, or
    when the gap cut no run (a lake's days between weekly samples).  One text for the 预警/督办 letter, the JSON and
    the desk (trial 24: a 督办 after a station's four days of maintenance did not say the run had been cut)."""
    sec = r.section
    d = start - dt.timedelta(days=1)
    empty = []
    while (sd := r.day(d)) is not None and not sd.params:
        empty.append(sd)
        d -= dt.timedelta(days=1)
    short = sd if sd is not None and sd.params and sd.cls is None else None
    last = d - dt.timedelta(days=1) if short is not None else d
    if (not empty and short is None) or last not in r.exceed_days:
        return ""
    parts = [f"{_md(short.day)}{gap_text(sec, short)}"] if short is not None else []
    if empty:
        notes = list(dict.fromkeys(x.note for x in empty if x.note))
        parts.append(f"{_span(empty[-1].day, empty[0].day)}没有监测数据" + (f"（{'；'.join(notes)}）" if notes else ""))
    n = r.run_on(last)
    return "，".join(parts) + f"（此前{_span(last - dt.timedelta(days=n - 1), last)}{'已连续' + str(n) + '日' if n > 1 else ''}超标）"


def gap_text(sec: Section, sd: SectionDay) -> str:
    """Why a day has no daily class: 数据不足（3个有效读数）… (short_text), or 没有监测数据 with the
    day's remark (未测（采样人员外出））; "" for a day that has one."""
    if sd.cls is not None:
        return ""
    if sd.params:
        return short_text(sec, sd) or "没有参评指标的有效数据"
    return "没有监测数据" + (f"（{sd.note}）" if sd.note else "")


def short_text(sec: Section, sd: SectionDay) -> str:
    """A day whose assessed readings were too few for a daily mean, said as it is: 数据不足（3个有效读数），
    and whether those readings were over the target (the run was broken by missing data, not by clean
    water).  "" when no assessed parameter was short that day."""
    shorts = [x for k, x in sd.params.items() if x.short and k in sec.params and BY_KEY[k].direction != "none"]
    if not shorts:
        return ""
    ns = sorted({x.n for x in shorts})
    text = f"数据不足（{ns[0]}个有效读数）" if len(ns) == 1 else f"数据不足（{ns[0]}～{ns[-1]}个有效读数）"
    over = []
    for x in shorts:
        p = BY_KEY[x.key]
        lim = limit_of(p, sec.target, sec.lake) if sec.target else None
        if lim is None:
            continue
        unit = "" if p.unit == "无量纲" else p.unit
        span = fmt(p, x.low) + ("" if x.low == x.high else f"～{fmt(p, x.high)}") + unit
        if p.direction == "max" and x.high > lim:
            over.append(f"{p.name}{x.n}个读数{'均' if x.low > lim else '中有的'}超过{class_name(sec.target)}类限值（{span}）")
        elif p.direction == "min" and x.low < lim:
            over.append(f"{p.name}{x.n}个读数{'均' if x.high < lim else '中有的'}低于{class_name(sec.target)}类限值（{span}）")
        elif p.direction == "range" and (x.low < lim[0] or x.high > lim[1]):
            over.append(f"{p.name}{x.n}个读数中有的超出6～9（{span}）")
    return text + ("，" + "；".join(over) if over else "")


def _value_text(sec: Section, x) -> str:
    """氨氮1.300mg/L（Ⅳ类，超标0.30倍）; 溶解氧4.00mg/L（Ⅳ类，低于Ⅲ类限值5mg/L）."""
    p = BY_KEY[x.key]
    unit = "" if p.unit == "无量纲" else p.unit
    text = f"{p.name}{fmt(p, x.value)}{unit}（{class_name(x.cls)}类"
    if x.multiple is not None:
        text += f"，超标{x.multiple:.2f}倍"
    elif p.direction == "min":
        text += f"，低于{class_name(sec.target)}类限值{limit_of(p, sec.target, sec.lake):g}{unit}"
    elif p.direction == "range":
        text += "，超出6～9"
    return text + "）"


value_text = _value_text
