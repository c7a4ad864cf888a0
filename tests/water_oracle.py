"""An independent judge of the factory's month: written from the rules table in the README
and the limits in the research notes, sharing no code with zhishui.water.

It works from the list of readings the factory wrote (values as written in the files),
not from the files, so a reading the engine loses or misreads shows up as a difference.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Decimal

# places a daily, monthly or quarterly mean is rounded to (README rules table)
PLACES = {"temp": 1, "ph": 2, "do": 2, "codmn": 1, "nh3n": 3, "tp": 3, "tn": 2, "cond": 1, "turb": 1}
CN = {"temp": "水温", "ph": "pH", "do": "溶解氧", "codmn": "高锰酸盐指数", "nh3n": "氨氮", "tp": "总磷", "tn": "总氮",
      "cond": "电导率", "turb": "浊度"}
ORDER = ["temp", "ph", "do", "codmn", "nh3n", "tp", "tn", "cond", "turb"]   # Table 1 order, then the station's extras
ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ", 5: "Ⅴ", 6: "劣Ⅴ"}


def rnd(x, places):
    return float(Decimal(repr(round(x, 9))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN))


def number(raw, unit):
    """The value a reading stands for: ½ DL for '<DL' and 'DLL', μg/L to mg/L."""
    s = str(raw)
    if s.startswith("<"):
        x = float(s[1:]) / 2
    elif s.endswith("L"):
        x = float(s[:-1]) / 2
    elif s in ("--", "*", ""):
        return None
    else:
        x = float(s)
    return x / 1000 if unit == "μg/L" else x


def klass(table, key, v, lake):
    direction, river, lakes = table[key]
    lims = lakes if lake and lakes else river
    if direction == "range":
        return 1 if lims[0] <= v <= lims[1] else 6
    for i, lim in enumerate(lims, 1):
        if (v <= lim) if direction == "max" else (v >= lim):
            return i
    return 6


def judge(readings, sections, table, period: dt.date) -> dict:
    """{'sections': [...], 'alerts': [...]} in the JSON report's shape."""
    month_end = dt.date(period.year, period.month + 1, 1) - dt.timedelta(days=1)
    q_start = dt.date(period.year, 3 * ((period.month - 1) // 3) + 1, 1)
    pq_end = q_start - dt.timedelta(days=1)
    pq_start = dt.date(pq_end.year, 3 * ((pq_end.month - 1) // 3) + 1, 1)
    per_day = defaultdict(list)        # (section, key, date) -> [(value, kind)]
    for r in readings:
        if not r.valid or r.param not in PLACES:
            continue
        v = number(r.raw, r.unit)
        if v is not None:
            per_day[(r.section, r.param, r.time.date())].append((v, r.kind))
    daily = {}
    for (s, k, d), vals in per_day.items():
        need = 4 if vals[0][1] == "auto" else 1
        if len(vals) >= need:
            daily[(s, k, d)] = rnd(sum(v for v, _ in vals) / len(vals), PLACES[k])
    out_sections, alerts = [], []
    for name, river, level, water, target_text, towns, depts in sections:
        lake = water == "湖库"
        target = {"Ⅲ类": 3, "III": 3, "Ⅱ类": 2}[target_text]
        assessed = ["ph", "do", "codmn", "nh3n", "tp"]             # the 21 items, of those measured
        days = sorted({d for (s, _, d) in daily if s == name})

        def day_exceeding(d):
            return [k for k in ORDER if k in assessed and (name, k, d) in daily
                    and klass(table, k, daily[(name, k, d)], lake) > target]

        def mean_over(a, b):
            means = {}
            for k in ORDER:
                vals = [daily[(name, k, d)] for d in days if a <= d <= b and (name, k, d) in daily]
                if vals:
                    means[k] = rnd(sum(vals) / len(vals), PLACES[k])
            classes = {k: klass(table, k, v, lake) for k, v in means.items() if k in assessed}
            cls = max(classes.values()) if classes else None
            return means, cls, [k for k in ORDER if k in classes and classes[k] > target], \
                [k for k in ORDER if k in classes and classes[k] == cls]

        exceeding_days = [d for d in days if day_exceeding(d)]
        runs = []
        for d in exceeding_days:
            if runs and runs[-1][1] == d - dt.timedelta(days=1):
                runs[-1][1] = d
            else:
                runs.append([d, d])
        month, mcls, mex, _ = mean_over(period, month_end)
        _, qcls, qex, qdec = mean_over(q_start, month_end)
        _, pcls, pex, _ = mean_over(pq_start, pq_end)
        out_sections.append({"name": name, "target": ROMAN[target], "class": ROMAN.get(mcls),
                             "monthly_mean": {CN[k]: v for k, v in month.items()},
                             "exceeding": [CN[k] for k in mex]})
        for d in exceeding_days:
            if period <= d <= month_end:
                alerts.append((name, "日超标", d, d, [CN[k] for k in day_exceeding(d)]))
        for a, b in runs:
            if (b - a).days + 1 >= 3 and b >= period:
                ks = {k for d in exceeding_days if a <= d <= b for k in day_exceeding(d)}
                alerts.append((name, "连续3日超标", a, b, [CN[k] for k in ORDER if k in ks]))
        if mex:
            alerts.append((name, "月均值超标", period, month_end, [CN[k] for k in mex]))
        if qcls == 6:
            alerts.append((name, "劣Ⅴ类", q_start, month_end, [CN[k] for k in qdec]))
        if pcls and qcls and pcls > target and qcls > target:
            alerts.append((name, "连续两季度超标", pq_start, month_end, [CN[k] for k in ORDER if k in pex or k in qex]))
    return {"sections": out_sections,
            "alerts": [{"section": s, "kind": k, "start": a.isoformat(), "end": b.isoformat(), "params": p}
                       for s, k, a, b, p in alerts]}
