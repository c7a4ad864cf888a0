"""The clerk's pages for the month's documents (make, list, preview, download) and past months.
Registered on the clerk blueprint (clerk.py)."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from flask import abort, flash, redirect, render_template, request, send_file, url_for

from ..errors import ZhishuiError
from ..returnsheet import period_cn
from . import auth
from .clerk import _fail, _period, _zip_response, bp, store, ws
from .documents import BASIS_NAME, PREVIEW, preview_page, zip_of
from .workspace import parse_date, period_date

SET_RE = re.compile(r"^\d{8}-\d{6}(?:-\d{1,3})?$")   # (…-2: a second set in the same second, documents.publish)


def _doc_set(key: str, name: str) -> Path:
    if not SET_RE.match(name or ""):
        abort(404)
    folder = ws().period_folder(key) / "文书" / name
    if not folder.is_dir():
        abort(404)
    return folder


def _inside(folder: Path, rel: str) -> Path:
    path = (folder / rel).resolve()
    if folder.resolve() not in path.parents or not path.is_file():
        abort(404)
    return path


@bp.get("/p/<key>/docs")
@auth.clerk_required
def docs(key):
    row = _period(key)
    sets = []
    now = ws().basis(row)
    for folder in ws().doc_sets(key):
        files = [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"))
                 if p.is_file() and PREVIEW not in p.relative_to(folder).parts and p.suffix in (".docx", ".xlsx", ".txt", ".json", ".png")
                 and p.name not in ("报告日期.txt", BASIS_NAME)]
        sets.append({"name": folder.name, "files": files, "date": _set_date(folder),
                     "changes": ws().changes_since(row, folder, now)})
    return render_template("docs.html", p=row, sets=sets, title=period_cn(period_date(key)),
                           default_date=row["report_date"] or dt.date.today().isoformat(),
                           reachable=ws().links_reach_units)


def _set_date(folder: Path) -> str:
    return (folder / "报告日期.txt").read_text(encoding="utf-8") if (folder / "报告日期.txt").exists() else ""


def stale_note(key: str, name: str, date: str, changes: list[str]) -> str:
    """Said in a stale set's zip (and the same lines on the 文书 page): what changed since it was made."""
    return (f"这套文书（{name[:4]}-{name[4:6]}-{name[6:8]} {name[9:11]}:{name[11:13]}:{name[13:15]}生成，报告日期{date}）"
            f"生成后本期有变化，文书里的数字和名单已经过时：\r\n" + "".join(f"  · {c}\r\n" for c in changes)
            + f"请在督办台「{period_cn(period_date(key))}」的「文书」页按同一报告日期重新生成，再下载新的一套。\r\n")


@bp.post("/p/<key>/docs")
@auth.clerk_required
def docs_make(key):
    row = _period(key)
    try:
        on = parse_date(request.form.get("report_date", ""), "报告日期")
        store().update_period(row["id"], report_date=on.isoformat())
        folder = ws().make_docs(store().period(key), on)
        note = ws().month(store().period(key), on, date_typed=True).calendar_note     # (the month just used)
    except ZhishuiError as e:
        return _fail(e, url_for("clerk.docs", key=key))
    flash(f"文书已生成（报告日期 {on:%Y-%m-%d}）", "ok")
    if note:
        flash(note, "warning")
    return redirect(url_for("clerk.docs", key=key) + f"#set-{folder.name}")


@bp.get("/p/<key>/docs/<name>.zip")
@auth.clerk_required
def docs_zip(key, name):
    row = _period(key)
    folder = _doc_set(key, name)
    changes = ws().changes_since(row, folder)
    if changes:     # the download of a stale set says so, in its name and in a note inside
        return _zip_response(zip_of(folder, {"注意_生成后有变化.txt": stale_note(key, name, _set_date(folder), changes)}),
                             f"{key}_文书_{name}_已过时.zip")
    return _zip_response(zip_of(folder), f"{key}_文书_{name}.zip")


@bp.get("/p/<key>/docs/<name>/file/<path:rel>")
@auth.clerk_required
def docs_file(key, name, rel):
    _period(key)
    path = _inside(_doc_set(key, name), rel)
    return send_file(path, as_attachment=not request.args.get("inline"), download_name=path.name)


@bp.get("/p/<key>/docs/<name>/preview/<path:rel>")
@auth.clerk_required
def docs_preview(key, name, rel):
    row = _period(key)
    folder = _doc_set(key, name)
    return preview_page(_inside(folder, rel), folder, title=period_cn(period_date(key)),
                        back=url_for("clerk.docs", key=row["period"]) + f"#set-{name}", back_text="返回文书",
                        download=url_for("clerk.docs_file", key=key, name=name, rel=rel),
                        page_url=lambda pg: url_for("clerk.docs_page", key=key, name=name, rel=pg))


@bp.get("/p/<key>/docs/<name>/page/<path:rel>")
@auth.clerk_required
def docs_page(key, name, rel):
    _period(key)
    path = _inside(_doc_set(key, name), rel)
    if path.suffix != ".png" or PREVIEW not in Path(rel).parts:
        abort(404)
    return send_file(path, mimetype="image/png")


# --- past months -----------------------------------------------------------------------

@bp.get("/history")
@auth.clerk_required
def history():
    rows = []
    for p in store().periods():
        sets = ws().doc_sets(p["period"])
        facts = None
        if sets and (sets[0] / "汇总结果.json").exists():
            j = json.loads((sets[0] / "汇总结果.json").read_text(encoding="utf-8"))
            facts = {"totals": j["totals"], "unit_counts": j["unit_counts"], "report_date": j["report_date"],
                     "set": sets[0].name, "changes": ws().changes_since(p, sets[0])}
        rows.append({"p": p, "title": period_cn(period_date(p["period"])), "facts": facts, "sets": len(sets)})
    return render_template("history.html", rows=rows)


# --- the history query (README 「随时查」): zhishui history on the page ------------------------------

@bp.get("/query")
@auth.clerk_required
def query():
    """What a unit reported on a task in a period, and who decided its close-out and extensions: the rows of
    ``historyquery.ask`` (``Workspace.ask_history``) as ``zhishui history`` finds them, shown in the page's words."""
    from ..decisions import NO_EVIDENCE, PENDING
    from ..historyquery import describe, nothing_found
    a = request.args
    form = {k: a.get(k, "").strip()[:100] for k in ("unit", "task", "period")}
    asked = any(k in a for k in form)
    answer = error = None
    units, tasks = [], []
    try:
        tl = ws().task_list()
        units = list(tl.units())
        tasks = [(t.seq or t.label, t.content) for t in tl.tasks]
        if asked:
            answer = ws().ask_history(**form)
    except ZhishuiError as e:
        error = e.message
    desk = {p["period"] for p in store().periods()}
    collected = ws().history_periods() if not error else []
    periods = sorted(desk | set(collected), reverse=True)
    contents = {seq: content if len(content) <= 40 else content[:40] + "…" for seq, content in tasks}
    shown = []
    for r in answer["rows"] if answer else []:
        d = describe(r)
        d["period"] = r["period"]
        d["content"] = contents.get(r.get("seq_now") or "", "")     # what the task is, as the list says now
        if "file" in d:
            d["source"] = ws().source_words(d["file"])
        # on the latest month's report, what still waits for the clerk and where on the desk it is done (earlier
        # months' close-out states are those months'; the command line names no page)
        if collected and r["period"] == collected[-1] and r["period"] in desk and "said" in d:
            waiting = [w for w, on in (("销号", r["closeout"] in (PENDING, NO_EVIDENCE)),
                                       ("延期申请", (r["extend_to"] or r["extend_reason"])
                                        and not any(x["kind"] == "延期" for x in r["decisions"]))) if on]
            if waiting:
                d["todo"] = f"待办理：到{d['month']}的「销号和延期」页办理{'、'.join(waiting)}"
        shown.append(d)
    return render_template("query.html", form=form, asked=asked, answer=answer, error=error, rows=shown,
                           units=units, tasks=tasks, periods=periods, period_cn=lambda k: period_cn(period_date(k)),
                           nothing=nothing_found(answer["rows"], answer["asked"]) if answer and not answer["rows"] else "")
