"""A unit's own page, opened by its link: its tasks, its upload or web form, its receipts.

The token in the link is the only key: it opens one unit in one period and nothing else.
Everything shown is that unit's; an unknown token is a 404 that says nothing about others.
"""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from .. import returnsheet as rs
from ..errors import ZhishuiError
from ..returnsheet import period_cn
from ..collect import ADOPTION_WORDS
from .receipt import adopted_upload, for_unit, interrupted_words, late_words, on_time_upload
from .workspace import VIA_FORM, VIA_LINK, period_date, summary_json

bp = Blueprint("unit", __name__)


def _open(token: str):
    store = current_app.config["STORE"]
    t = store.token(token)
    if t is None:
        abort(404)
    p = store.period_by_id(t["period_id"])
    return t, p


def _tasks(p, unit):
    ws = current_app.config["WORKSPACE"]
    tl = ws.task_list(current_app.config["STORE"].get_list(p["list_id"]))
    roles = tl.units().get(unit, {})
    from ..split import role_text
    from ..targets import target_of
    # the tasks its issued sheet asks for (a task closed out is not), with the clerk's 办理意见 (the sheet's column)
    issue = ws.issue_of(p)
    notices = issue.notices_for(unit)
    # (task, the unit's role, the measured target's words or "": a 本期数值 is asked only where there is one, 办理意见)
    return [(t, role_text(t, roles[t.key]), (m.label if (m := target_of(t)) else ""), notices.get(t.key, ""))
            for t in tl.tasks if t.key in roles and t.key not in issue.closed]


def _state(p, unit):
    """What the unit's page and receipts say of the period: its deadline, and of its uploads what the month
    counts: the one it adopts (``adopted``), and that one's state and note in the month's words."""
    due = dt.date.fromisoformat(p["due"])
    ups = current_app.config["STORE"].uploads(p["id"], unit=unit)
    on_time = on_time_upload(ups, due)
    adopted = adopted_upload(ups)
    word, note = late_words(summary_json(adopted).get("state", ""), due, on_time) if adopted else ("", "")
    return {"due": due, "late": dt.date.today() > due, "closed": p["closed_at"] is not None, "on_time": on_time,
            "adopted": adopted, "adopted_state": word, "adopted_note": note,
            # the engine's rule of which file counts, in its one wording, and what an interrupted upload means now
            "adoption_words": ADOPTION_WORDS,
            "interrupted_note": lambda u: interrupted_words(u, adopted, word)}


@bp.get("/u/<token>")
def page(token):
    t, p = _open(token)
    ups = current_app.config["STORE"].uploads(p["id"], unit=t["unit"])
    return render_template("unit.html", t=t, p=p, tasks=_tasks(p, t["unit"]), uploads=ups, summary=summary_json,
                           title=period_cn(period_date(p["period"])), **_state(p, t["unit"]))


def _receive(token, name: str, data: bytes, via: str):
    t, p = _open(token)
    if p["closed_at"] is not None:
        return render_template("error.html", title="本期报送已关闭",
                               message="办事员已关闭本期的网上报送，请直接与办事员联系。"), 403
    try:
        res = current_app.config["WORKSPACE"].receive(p, t["unit"], name, data, via=via,
                                                     client_addr=request.remote_addr)
    except ZhishuiError as e:
        return render_template("unit.html", t=t, p=p, tasks=_tasks(p, t["unit"]), error=e.message,
                               uploads=current_app.config["STORE"].uploads(p["id"], unit=t["unit"]),
                               summary=summary_json, title=period_cn(period_date(p["period"])), **_state(p, t["unit"])), 400
    return redirect(url_for("unit.receipt", token=token, no=res.row["receipt_no"]), code=303)


@bp.post("/u/<token>/upload")
def upload(token):
    f = request.files.get("file")
    if not f or not f.filename:
        _open(token)
        return redirect(url_for("unit.page", token=token))
    return _receive(token, f.filename, f.read(), VIA_LINK)


@bp.route("/u/<token>/form", methods=["GET", "POST"])
def form(token):
    t, p = _open(token)
    if request.method == "POST":
        data = current_app.config["WORKSPACE"].form_workbook(p, t["unit"], request.form.to_dict())
        return _receive(token, f"网页填写_{t['unit']}.xlsx", data, VIA_FORM)
    return render_template("unit_form.html", t=t, p=p, tasks=_tasks(p, t["unit"]), states=rs.STATES,
                           fill=rs.FILL, footer=rs.FOOTER_FIELDS, title=period_cn(period_date(p["period"])),
                           help=rs.STATE_HELP, today=dt.date.today().isoformat(), **_state(p, t["unit"]))


@bp.get("/u/<token>/r/<no>")
def receipt(token, no):
    t, p = _open(token)
    u = current_app.config["STORE"].upload(no)
    if u is None or u["period_id"] != p["id"] or u["unit"] != t["unit"]:
        abort(404)
    return render_template("receipt.html", t=t, p=p, u=u, s=for_unit(summary_json(u)), clerk=False,
                           title=period_cn(period_date(p["period"])), **_state(p, t["unit"]))
