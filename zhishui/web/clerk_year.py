"""The clerk's pages for the year's decisions (README 「一年怎么用」): 销号 and 延期 on a period's report, and the
annual summary and 考核 (``zhishui docs --year``).  Registered on the clerk blueprint (clerk.py).

Nothing is judged here: which tasks and requests are listed, and in what state, is the month's (``Month.statuses``'
close-out states, ``Month.requests``); a decision is ``decisions.close_out``/``extend`` through
``Workspace.decide``, whose refusals are shown as the engine words them."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from flask import abort, flash, redirect, render_template, request, send_file, session, url_for

from ..decisions import CLOSE, CLOSED, EXTEND, NO_EVIDENCE, PENDING, STATE_MEANING
from ..errors import ZhishuiError
from ..returnsheet import period_cn
from . import auth
from .clerk import PERIOD_RE, _period, _zip_response, bp, month_or_error, store, ws
from .clerk_docs import SET_RE, _inside
from .documents import PREVIEW, preview_page, zip_of
from .workspace import parse_date, period_date

BY_KEY = "decided_by"       # the 办理人 the clerk typed last, offered again (a name documents print)


@bp.get("/p/<key>/decisions")
@auth.clerk_required
def decisions(key):
    row = _period(key)
    m, error = month_or_error(row)
    return render_template("decisions.html", p=row, m=m, error=error, title=period_cn(period_date(key)),
                           rows=_rows(m, key) if m else None, by=session.get(BY_KEY, ""),
                           login=auth.current_user()["name"], meaning=STATE_MEANING)


def _rows(m, key: str) -> dict:
    """The month's close-out states and extension requests, grouped for the page: what waits for the clerk, what
    was decided on this period's report (who, when), and what is only in force."""
    files: dict[tuple, list[str]] = {}
    for s in m.evidence:
        files.setdefault((s.unit, s.task), []).append(Path(s.file.split("!")[-1]).name)
    rv = m.recalled
    todo, done, closed_before = [], [], []
    for ts in m.statuses:
        if not ts.closeout:
            continue
        item = {"ts": ts, "files": [f for s in ts.shares for f in files.get((s.unit, ts.task.key), [])]}
        if ts.closeout in (PENDING, NO_EVIDENCE):
            todo.append(item)
            continue
        d = (rv.closed if ts.closeout == CLOSED else rv.returned).get(ts.task.key) if rv else None
        if ts.closeout == CLOSED and (d is None or d.period != key):
            closed_before.append(ts)        # closed on an earlier report: no longer asked for
            continue
        item["decision"] = d
        done.append(item)
    waiting = [r for r in m.requests if r.decision is None]
    decided = [r for r in m.requests if r.decision is not None]
    asked = {(r.task.key, r.unit) for r in m.requests}
    in_force = [ts for ts in m.extended if (ts.task.key, ts.extension.unit) not in asked]
    return {"todo": todo, "done": done, "closed_before": closed_before, "waiting": waiting, "decided": decided,
            "in_force": in_force, "files": any(it["files"] for it in todo)}


@bp.post("/p/<key>/decisions")
@auth.clerk_required
def decide(key):
    row = _period(key)
    f = request.form
    kind, yes = f.get("kind", ""), f.get("action") == "yes"
    by = f.get("by", "").strip()
    session[BY_KEY] = by
    back = url_for("clerk.decisions", key=key) + (f"#{f.get('anchor')}" if re.fullmatch(r"[\w-]{1,80}", f.get("anchor", "")) else "")
    if kind not in (CLOSE, EXTEND) or not f.get("task"):
        abort(400)
    period = f.get("period") or key
    if not PERIOD_RE.match(period):
        abort(400)
    try:
        to = parse_date(f["to"], "延期至") if kind == EXTEND and yes and f.get("to") else None
        lines = ws().decide(row, kind, f["task"], yes, period=period, unit=f.get("unit") or None, to=to,
                            reason=f.get("reason", ""), by=by, login=auth.current_user()["name"])
    except ZhishuiError as e:
        flash("没有办理，什么都没有记录：" + e.message, "error")
        return redirect(back)
    said = lines[:1] if kind == EXTEND else [ln for ln in lines if ln.startswith("序号")]
    # (only when documents were made: trial 21 was told of out-of-date documents that did not exist)
    made = "；之前生成的文书在「文书」页标为已过时" if ws().doc_sets(key) else ""
    flash("；".join(said) + "。本期的报送情况、督办名单已按这次办理重新计算" + made, "ok")
    for ln in lines[len(said):]:        # the command line's files of the period it makes out of date
        flash(ln, "warning")
    return redirect(back)


# --- the year ------------------------------------------------------------------------------

def _years() -> list[int]:
    return sorted({int(p["period"][:4]) for p in store().periods()}, reverse=True)


def _year_set(year: str, name: str) -> Path:
    if not SET_RE.match(name or "") or not re.fullmatch(r"\d{4}", year or ""):
        abort(404)
    folder = ws().year_folder(int(year)) / name
    if not folder.is_dir():
        abort(404)
    return folder


@bp.get("/year")
@auth.clerk_required
def year_page():
    years = _years()
    try:
        year = int(request.args.get("year") or (years[0] if years else dt.date.today().year))
    except ValueError:
        abort(404)
    lst = last = None
    used = error = ""
    try:
        lst, last = ws().year_list(year)
        used = ws().list_words(lst)
    except ZhishuiError as e:
        error = e.message
    sets = []
    root = ws().year_folder(year)
    for folder in sorted((p for p in root.iterdir() if p.is_dir() and SET_RE.match(p.name)), reverse=True) \
            if root.is_dir() else []:
        files = [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"))
                 if p.is_file() and PREVIEW not in p.relative_to(folder).parts and p.suffix in (".docx", ".xlsx")]
        sets.append({"name": folder.name, "files": files, "date": _read(folder / "报告日期.txt"),
                     "months": _read(folder / "月份.txt"), "changes": ws().year_changes(year, folder)})
    from ..year import default_report_date      # (the engine, imported when the page is asked for)
    return render_template("year.html", year=year, years=years or [year], used=used, last=last, error=error,
                           sets=sets, last_title=period_cn(period_date(last)) if last else "",
                           default_date=default_report_date(year, dt.date.today()).isoformat(), title=f"{year}年度")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


@bp.post("/year")
@auth.clerk_required
def year_make():
    try:
        year = int(request.form.get("year", ""))
    except ValueError:
        abort(400)
    try:
        on = parse_date(request.form["report_date"], "报告日期") if request.form.get("report_date") else None
        folder = ws().make_year_docs(year, on)
    except ZhishuiError as e:
        flash(e.message, "error")
        return redirect(url_for("clerk.year_page", year=year))
    flash(f"{year}年度文书已生成（{_read(folder / '月份.txt')}，报告日期 {_read(folder / '报告日期.txt')}）", "ok")
    return redirect(url_for("clerk.year_page", year=year) + f"#set-{folder.name}")


@bp.get("/year/<year>/<name>.zip")
@auth.clerk_required
def year_zip(year, name):
    return _zip_response(zip_of(_year_set(year, name)), f"{year}年度文书_{name}.zip")


@bp.get("/year/<year>/<name>/file/<path:rel>")
@auth.clerk_required
def year_file(year, name, rel):
    path = _inside(_year_set(year, name), rel)
    return send_file(path, as_attachment=True, download_name=path.name)


@bp.get("/year/<year>/<name>/preview/<path:rel>")
@auth.clerk_required
def year_preview(year, name, rel):
    folder = _year_set(year, name)
    return preview_page(_inside(folder, rel), folder, title=f"{year}年度",
                        back=url_for("clerk.year_page", year=year) + f"#set-{name}", back_text="返回年度",
                        download=url_for("clerk.year_file", year=year, name=name, rel=rel),
                        page_url=lambda pg: url_for("clerk.year_page_image", year=year, name=name, rel=pg))


@bp.get("/year/<year>/<name>/page/<path:rel>")
@auth.clerk_required
def year_page_image(year, name, rel):
    path = _inside(_year_set(year, name), rel)
    if path.suffix != ".png" or PREVIEW not in Path(rel).parts:
        abort(404)
    return send_file(path, mimetype="image/png")
