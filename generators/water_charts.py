"""Charts for the 水质月报: one figure per exceeding section, one panel per parameter
that exceeded, daily means (or single samples: 监测值) over the month with the target class's limit drawn in.

Same conventions as charts.py (Agg, bundled CJK font first, 200 dpi PNG, 6.3 in wide).
"""
from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .charts import WIDTH_IN, _rc, _save  # noqa: E402

LINE = "#1E6FB8"
OVER = "#E53935"
LIMIT = "#D32F2F"


def panel_spec(key: str, name: str, unit: str, days: list[int], values: list, exceeds: list[bool],
               limit, target_name: str, direction: str, word: str = "日均值") -> dict:
    """What one panel shows; kept as data so a test can check the limit without reading pixels."""
    u = "" if unit in ("", "无量纲") else f" {unit}"
    if direction == "range":
        lines = [(limit[0], f"{target_name}类下限 {limit[0]:g}"), (limit[1], f"{target_name}类上限 {limit[1]:g}")]
    elif direction == "min":
        lines = [(limit, f"{target_name}类标准限值 {limit:g}{u}（不低于）")]
    else:
        lines = [(limit, f"{target_name}类标准限值 {limit:g}{u}")]
    return {"key": key, "title": f"{name}（{unit}）" if unit and unit != "无量纲" else name, "days": days,
            "values": values, "exceeds": exceeds, "limits": lines, "word": word}


def section_month_figure(title: str, month: int, ndays: int, panels: list[dict], *, families=None):
    """The figure (callers save it); panels from panel_spec."""
    with plt.rc_context(_rc(families)):
        n = max(1, len(panels))
        fig, axes = plt.subplots(n, 1, figsize=(WIDTH_IN, 0.6 + 2.1 * n), sharex=True, squeeze=False)
        for ax, spec in zip(axes[:, 0], panels):
            xs = spec["days"]
            ys = [float("nan") if v is None else v for v in spec["values"]]
            ax.plot(xs, ys, color=LINE, linewidth=1.4, marker="o", markersize=3, label=spec.get("word", "日均值"), zorder=3)
            bad = [(x, y) for x, y, e in zip(xs, ys, spec["exceeds"]) if e and not math.isnan(y)]
            if bad:
                ax.scatter([x for x, _ in bad], [y for _, y in bad], color=OVER, s=22, zorder=4, label="超标日")
            for y, label in spec["limits"]:
                ax.axhline(y, color=LIMIT, linestyle="--", linewidth=1.1, zorder=2, label=label)
            top = max([y for y in ys if not math.isnan(y)] + [y for y, _ in spec["limits"]] + [0])
            ax.set_ylim(0, top * 1.2 if top else 1)
            ax.set_title(spec["title"], fontsize=9, loc="left")
            ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
            ax.spines[["top", "right"]].set_visible(False)
            # above the plot, right of the panel title: never over the data
            ax.legend(fontsize=7.5, frameon=False, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=3,
                      borderaxespad=0.1)
        ax = axes[-1, 0]
        ax.set_xlim(0.5, ndays + 0.5)
        ax.set_xticks([d for d in range(1, ndays + 1) if d == 1 or d % 5 == 0])
        ax.set_xlabel(f"日期（{month}月，日）")
        fig.suptitle(title, fontsize=10.5)
        fig.tight_layout()
        return fig


def section_month_chart(title: str, month: int, ndays: int, panels: list[dict], out=None, *, families=None):
    """Draw and save; returns the PNG path (or bytes when ``out`` is None)."""
    return _save(section_month_figure(title, month, ndays, panels, families=families), out)
