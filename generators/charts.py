"""Charts for the progress bulletin (matplotlib, Agg, PNG at 200 dpi).

Chinese labels come from the bundled subset of Noto Sans CJK SC
(zhishui/data/ZhishuiNotoSansSC.otf, built by build_font.py), registered with
matplotlib and put first, so the charts render the same on a machine without
any Chinese font. System CJK fonts follow as per-glyph fallback for the rare
character outside GB2312 (e.g. in a town's name).
"""
from __future__ import annotations

import io
from importlib import resources
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from zhishui.fileutil import atomic_path  # noqa: E402

from .official import pct  # noqa: E402

FONT_FAMILY = "Zhishui Noto Sans SC"
FALLBACK_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimHei",
                     "WenQuanYi Micro Hei", "DejaVu Sans"]
DPI = 200
WIDTH_IN = 6.3          # ~160 mm; placed at 150 mm in Word
STATUS_ORDER = [("completed", "已完成", "#43A047"), ("on_schedule", "序时推进", "#1E88E5"),
                ("ongoing", "长期坚持", "#00897B"), ("due_soon", "临期", "#FDD835"),
                ("lagging", "进度滞后", "#FB8C00"), ("overdue", "逾期", "#E53935"),
                ("not_reported", "未报送", "#9E9E9E")]
UNITS_SHOWN = 10          # with many units, the chart shows the best and the worst this many
STATUS_COLORS = {name: colour for _, name, colour in STATUS_ORDER}
_registered = False


def font_path() -> Path:
    return Path(str(resources.files("zhishui").joinpath("data/ZhishuiNotoSansSC.otf")))


def register_font() -> str:
    """Register the bundled font with matplotlib once; return its family name."""
    global _registered
    if not _registered:
        font_manager.fontManager.addfont(str(font_path()))
        _registered = True
    return FONT_FAMILY


def _available_fallbacks() -> list[str]:
    """Fallback families that exist here (asking matplotlib for absent ones floods the log)."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in FALLBACK_FAMILIES if f in names]


def _rc(families=None) -> dict:
    register_font()
    fams = families or [FONT_FAMILY] + _available_fallbacks()
    return {"font.family": fams, "font.sans-serif": fams, "axes.unicode_minus": False,
            "font.size": 9, "svg.fonttype": "none"}


def _save(fig, out) -> Path | bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.08,
                metadata={"Software": None})
    plt.close(fig)
    data = buf.getvalue()
    if out is None:
        return data
    out = Path(out)
    with atomic_path(out) as tmp:   # never half a picture under the final name
        tmp.write_bytes(data)
    return out


def _short(label: str, n: int = 15) -> str:
    """A category as the chart's row label: its words before the first comma ("一、科学施策，有效降低农业农村污染"
    -> "一、科学施策"), a longer one on two lines of n characters, cut with … only past those two lines."""
    label = str(label or "")
    head = label.replace(",", "，").split("，")[0]
    if len(head) <= n:
        return head
    if len(head) <= 2 * n:
        return head[:n] + "\n" + head[n:]
    return head[:n] + "\n" + head[n:2 * n - 1] + "…"


def status_by_category(rows: list[dict], out=None, *, families=None, title: str | None = None):
    """Stacked horizontal bars: tasks of each category by status.

    rows: by_category rows ({category, completed, on_schedule, due_soon, overdue,
    ongoing, not_reported}). Returns the PNG path (or bytes when ``out`` is None).
    """
    with plt.rc_context(_rc(families)):
        labels = [_short(r.get("category", "")) for r in rows] or ["（无数据）"]
        n = len(labels)
        row = 0.58 if any("\n" in x for x in labels) else 0.42      # two-line labels need the height
        fig, ax = plt.subplots(figsize=(WIDTH_IN, max(2.2, 0.9 + row * n)))
        left = [0.0] * n
        y = list(range(n))[::-1]
        for key, name, colour in STATUS_ORDER:
            vals = [float(r.get(key) or 0) for r in rows] or [0.0]
            ax.barh(y, vals, left=left, color=colour, label=name, height=0.62,
                    edgecolor="white", linewidth=0.6)
            for yi, l, v in zip(y, left, vals):
                if v >= 1:
                    ax.text(l + v / 2, yi, f"{int(v)}", ha="center", va="center", fontsize=7.5,
                            color="black" if key in ("due_soon",) else "white")
            left = [a + b for a, b in zip(left, vals)]
        ax.set_yticks(y)
        ax.set_yticklabels(labels)
        ax.set_xlabel("任务数（项）")
        ax.set_xlim(0, max(left + [1]) * 1.05)
        if title:
            ax.set_title(title, fontsize=11)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(ncol=7, loc="upper center", bbox_to_anchor=(0.5, -0.18 if n > 2 else -0.3),
                  frameon=False, fontsize=8, handlelength=1.2, columnspacing=1.0)
        return _save(fig, out)


def ranked_selection(rows: list[dict], shown: int = UNITS_SHOWN) -> tuple[list[tuple], str]:
    """The bars of the unit chart and what its caption says of them: every unit when there are at most 2 × ``shown``;
    else the best and the worst, a group of units with one score shown whole or not at all (trial 34: ten of thirty
    units tied at 0 were drawn as 「得分最低」, picked by their order in the list), a group larger than ``shown``
    as one bar 「N个单位并列」.  Bars are (label, score, rank); None for the gap."""
    data = [(str(r.get("unit", "")), float(r.get("score") or 0), r.get("rank")) for r in rows]
    if len(data) <= 2 * shown:
        return data, ""
    groups: list[list[tuple]] = []
    for d in data:
        if groups and groups[-1][0][1] == d[1]:
            groups[-1].append(d)
        else:
            groups.append([d])

    def take(seq) -> tuple[list[list[tuple]], int]:
        out, n = [], 0
        for g in seq:
            if n and n + len(g) > shown:
                break
            out.append(g)
            n += len(g)
            if n >= shown:
                break
        return out, n
    top, n_top = take(groups)
    rest = groups[len(top):]
    bottom, n_bottom = take(reversed(rest))
    bottom.reverse()

    def bars(gs) -> list[tuple]:
        return [b for g in gs for b in (g if len(g) <= shown else [(f"{len(g)}个单位并列", g[0][1], g[0][2])])]
    def side(gs, n, which) -> str:
        one = len(gs) == 1 and len(gs[0]) > shown
        return f"得分{which}的{n}个单位" + ("并列，合为一条" if one else "")
    merged = any(len(g) > shown for g in top + bottom)
    note = f"得分最高和最低的各{n_top}个单位" if n_top == n_bottom and not merged else \
        side(top, n_top, "最高") + "；" + side(bottom, n_bottom, "最低")
    gap = [("……", None, None)] if len(top) + len(bottom) < len(groups) else []
    return bars(top) + gap + bars(bottom), f"（{note}）"


def units_ranked(rows: list[dict], out=None, *, families=None, title: str | None = None, shown: int = UNITS_SHOWN,
                 out_of_100: bool = True):
    """Horizontal bars of each unit's score (README 「单位怎么排名」), best at the top.

    rows: by_unit rows ({unit, score, rank}), in rank order.  With more than 2 × ``shown``
    units only the best and the worst ``shown`` are drawn, with a gap between them (the
    full table is in the 通报's annex).  Returns the PNG path (or bytes when ``out`` is
    None), or None when there is nothing to compare (fewer than two units, or all equal).
    """
    data = [(str(r.get("unit", "")), float(r.get("score") or 0), r.get("rank")) for r in rows]
    if len(data) < 2 or len({v for _, v, _ in data}) == 1:
        return None
    data, _ = ranked_selection(rows, shown)
    with plt.rc_context(_rc(families)):
        n = len(data)
        fig, ax = plt.subplots(figsize=(WIDTH_IN, max(2.2, 0.8 + 0.3 * n)))
        y = list(range(n))[::-1]
        vals = [v or 0.0 for _, v, _ in data]
        colours = ["#43A047" if v >= 90 else "#1E88E5" if v >= 60 else "#E53935" for v in vals]
        ax.barh(y, vals, color=colours, height=0.62)
        for yi, (_, v, rank) in zip(y, data):
            if v is not None:
                ax.text(v + 1, yi, f"{v:g}分（第{rank}名）", va="center", fontsize=7.5)
        ax.set_yticks(y)
        ax.set_yticklabels([u for u, _, _ in data])
        ax.set_xlim(0, 125)          # room for the labels right of the bars
        ax.set_xticks(range(0, 101, 20))
        # the office's 考核 weights may add points (targets met): then there is no 满分 to state
        ax.set_xlabel("得分（满分100分）" if out_of_100 else "得分（按考核办法）")
        if title:
            ax.set_title(title, fontsize=11)
        ax.spines[["top", "right"]].set_visible(False)
        return _save(fig, out)


def make_charts(context: dict, out_dir) -> dict:
    """Draw both bulletin charts into ``out_dir``; return {name: path} for context['charts']."""
    out_dir = Path(out_dir)
    return {
        "status_by_category": status_by_category(context.get("by_category") or [],
                                                  out_dir / "各类任务推进情况.png"),
        "units_ranked": units_ranked(context.get("by_unit") or [], out_dir / "各单位得分.png",
                                     out_of_100=context.get("scheme_default", True)),
    }
