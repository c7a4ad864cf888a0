"""The 水质 part of the browser desk: the 断面清单, the monitoring data kept month by month, the morning's
run and its documents (README 「水质研判」, for clerks whose machines run no Excel).

Nothing here judges.  A run is ``zhishui.water.run`` — what ``zhishui water`` calls — over the month
folders its judging window covers; the page shows the run's JSON (``to_dict``: ``report_day``,
``findings``) and the letters ``make_water_documents`` made.  Registered on the clerk blueprint.

In the data folder (``治水督办台数据/水质``): ``断面清单/<time>/`` the lists loaded (``当前.json`` names the one
in use), ``监测数据/<YYYY-MM>/`` the data files added for each month, ``移出的数据/`` files replaced or taken
out (kept, not read), ``研判/<YYYY-MM>/<time>/`` every run (result workbook, JSON, documents),
``水质文号登记/`` the year's 文号 (one register however many runs: the same letter keeps its number).
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import threading
import zipfile
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for

from ..errors import ZhishuiError
from ..fileutil import safe_filename
from ..findings import SEVERITY_ORDER
from . import auth
from .clerk import _zip_response, bp
from .documents import PREVIEW, preview_page
from .files import LIST_KINDS, accept, check_zip
from .workspace import parse_date, parse_period, period_date

WATER_DIR = "水质"
SECTIONS_DIR, DATA_DIR, MOVED_DIR, RUNS_DIR = "断面清单", "监测数据", "移出的数据", "研判"
REGISTER_DIR = "水质文号登记"
CURRENT = "当前.json"
META = ".研判.json"              # beside a run's files (not in its zip): who ran it, the date used, the letters
DATA_KINDS = LIST_KINDS | {".zip"}
STAMP_RE = re.compile(r"^\d{8}-\d{6}(-\d+)?$")
SHOWN_FINDINGS = 300             # rows of the 问题清单 on the page; the workbook has all


def _stamp(folder: Path) -> Path:
    """A new folder named for now, never one that exists (two runs in one second)."""
    base = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name, i = base, 1
    while (folder / name).exists() or (folder / f".{name}.tmp").exists():
        i += 1
        name = f"{base}-{i}"
    return folder / name


class WaterDesk:
    def __init__(self, data_dir):
        self.root = Path(data_dir) / WATER_DIR
        self._lock = threading.Lock()
        self.added: dict[str, tuple | None] = {}    # clerk -> (month, findings of the files she just added)

    # --- the 断面清单 ------------------------------------------------------------------
    def sections_meta(self) -> dict | None:
        p = self.root / SECTIONS_DIR / CURRENT
        return json.loads(p.read_text(encoding="utf-8")) if p.exists() else None

    def sections_path(self) -> Path | None:
        meta = self.sections_meta()
        return self.root / SECTIONS_DIR / meta["folder"] / meta["file"] if meta else None

    def sections(self):
        from ..water.sections import read_sections
        path = self.sections_path()
        if path is None:
            raise ZhishuiError("还没有断面清单", code="NO_SECTIONS",
                               hint="请先在本页「断面清单」载入断面清单（断面名称、水质目标、责任乡镇和部门），或督办台账")
        return read_sections(path)

    def add_sections(self, name: str, data: bytes, user: str):
        """Read as ``zhishui water --sections`` reads it; kept only when it can be read (its findings, with
        their cells, are shown as the CLI's 问题清单 has them)."""
        from ..water.sections import read_sections
        kind = accept(data, LIST_KINDS, "断面清单（表格文件）")
        folder = _stamp(self.root / SECTIONS_DIR)
        file = safe_filename(Path(name.replace("\\", "/")).stem, default="断面清单") + kind
        folder.mkdir(parents=True)
        (folder / file).write_bytes(data)
        try:
            got = read_sections(folder / file)
        except ZhishuiError as e:
            shutil.rmtree(folder)
            raise ZhishuiError(e.what, file=file, sheet=e.sheet, cell=e.cell, code=e.code, hint=e.hint) from None
        meta = {"folder": folder.name, "file": file, "name": Path(name.replace("\\", "/")).name or file, "by": user,
                "at": dt.datetime.now().isoformat(timespec="seconds")}
        cur = self.root / SECTIONS_DIR / CURRENT
        tmp = cur.with_suffix(".tmp")
        tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        tmp.replace(cur)
        return got

    # --- monitoring data, month by month -------------------------------------------------
    def month_folder(self, key: str) -> Path:
        return self.root / DATA_DIR / key

    def window_months(self, period: dt.date) -> list[str]:
        """The months whose data a run of ``period`` reads: the engine's judging window (the year so far, or from
        the previous quarter), so a run that began last month and the quarter's means are judged as the CLI
        judges them over a folder holding every month."""
        from ..water.readings import Window
        w = Window.for_period(period)
        out, d = [], w.start.replace(day=1)
        while d <= w.end:
            out.append(f"{d.year:04d}-{d.month:02d}")
            d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return out

    def data_folders(self, period: dt.date) -> list[Path]:
        return [f for f in (self.month_folder(k) for k in self.window_months(period))
                if f.is_dir() and any(p.is_file() for p in f.rglob("*"))]

    def data_files(self, period: dt.date) -> list[dict]:
        out = []
        for key in self.window_months(period):
            folder = self.month_folder(key)
            for p in sorted(x for x in folder.rglob("*") if x.is_file()) if folder.is_dir() else []:
                st = p.stat()
                out.append({"month": key, "rel": p.relative_to(folder).as_posix(), "size": st.st_size,
                            "at": dt.datetime.fromtimestamp(st.st_mtime).isoformat(timespec="seconds")})
        return out

    def add_data(self, period: dt.date, name: str, data: bytes) -> tuple[list[str], list]:
        """One file the clerk added (a workbook, a CSV, or a zip of them) into the month's folder, read first alone
        with the engine's reader: a file it cannot read at all is refused and nothing else changes; one it reads is
        kept with its 问题清单 (file, sheet, cell) said at once.  Returns (what was done, findings)."""
        from ..water.readings import read_data
        sections = self.sections()
        kind = accept(data, DATA_KINDS, "监测数据（Excel、WPS、CSV 表格或它们的 zip）")
        clerk = Path(name.replace("\\", "/")).name or "监测数据"
        stem = safe_filename(Path(clerk).stem, default="监测数据")
        members: list[tuple[str, bytes]] = []
        if kind == ".zip":
            check_zip(data)
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for i in z.infolist():
                    if i.is_dir() or Path(i.filename).name.startswith(("~$", ".")):
                        continue
                    parts = [safe_filename(x) for x in i.filename.replace("\\", "/").split("/") if x]
                    members.append((f"{stem}/" + "_".join(parts), z.read(i)))
            if not members:
                raise ZhishuiError("压缩包里没有文件", file=clerk, code="EMPTY_ZIP", hint="请放进监测数据表格后再添加")
        else:
            members.append((stem + kind, data))
        target = self.month_folder(f"{period.year:04d}-{period.month:02d}")
        with self._lock:
            stage = _stamp(self.root / ".添加中")
            stage.mkdir(parents=True)
            try:
                for rel, b in members:
                    (stage / rel).parent.mkdir(parents=True, exist_ok=True)
                    (stage / rel).write_bytes(b)
                try:
                    got = read_data([stage], sections, period)
                except ZhishuiError as e:
                    inner = Path(e.file).relative_to(stage).as_posix() if e.file and stage in Path(e.file).parents \
                        else ""
                    shown = f"{clerk}（其中的{inner.split('/', 1)[-1]}）" if kind == ".zip" and inner else clerk
                    raise ZhishuiError(f"没有加入监测数据，其他文件不受影响：{e.what}", file=shown, sheet=e.sheet,
                                       cell=e.cell, code=e.code, hint=e.hint) from None
                done = []
                for rel, b in members:
                    dest = target / rel
                    if dest.exists() and dest.read_bytes() == b:
                        done.append(f"「{rel}」已经有了（内容相同），没有重复添加")
                        continue
                    if dest.exists():
                        moved = self._move_out(dest, target.name)
                        done.append(f"「{rel}」替换了之前添加的同名文件（原文件已移到{moved}，不再读取）")
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(stage / rel), dest)
                    if not done or not done[-1].startswith(f"「{rel}」替换"):
                        done.append(f"「{rel}」已加入{period.year}年{period.month}月的监测数据")
                findings = [_shown(f, stage) for f in got.findings]
            finally:
                shutil.rmtree(stage, ignore_errors=True)
        return done, findings

    def _move_out(self, path: Path, key: str) -> str:
        dest = self.root / MOVED_DIR / key / (dt.datetime.now().strftime("%Y%m%d-%H%M%S_") + path.name)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), dest)
        return f"「{WATER_DIR}/{MOVED_DIR}/{key}/{dest.name}」"

    def remove_data(self, key: str, rel: str) -> str:
        folder = self.month_folder(key)
        path = (folder / rel).resolve()
        if folder.resolve() not in path.parents or not path.is_file():
            abort(404)
        with self._lock:
            return self._move_out(path, key)

    # --- runs ---------------------------------------------------------------------------
    def runs_folder(self, key: str) -> Path:
        return self.root / RUNS_DIR / key

    def runs(self, key: str) -> list[Path]:
        f = self.runs_folder(key)
        return sorted((p for p in f.iterdir() if p.is_dir() and STAMP_RE.match(p.name)), reverse=True) \
            if f.is_dir() else []

    def run(self, period: dt.date, on: dt.date | None, user: str) -> Path:
        """The same engine call as ``zhishui water <month folders> --sections <list> --period --date --out --json
        --docs``; the 文号 register is the desk's own (``水质文号登记``), kept for the year."""
        from ..generators.water_documents import make_water_documents
        from ..water import check_report_date, run
        from ..water.output import write_json, write_result
        sections = self.sections()
        check_report_date(period, on)
        folders = self.data_folders(period)
        if not folders:
            raise ZhishuiError(f"{period.year}年{period.month}月还没有监测数据", code="NO_DATA",
                               hint="请先在本页「监测数据」添加监测数据文件（自动站导出、手工日报或化验结果）")
        key = f"{period.year:04d}-{period.month:02d}"
        with self._lock:
            res = run(folders, sections, period, on)
            final = _stamp(self.runs_folder(key))
            tmp = final.with_name(f".{final.name}.tmp")
            tmp.mkdir(parents=True)
            out = tmp / f"{period.year}年{period.month}月水质研判结果.xlsx"
            write_result(res, out)
            write_json(res, out.with_suffix(".json"))
            made = make_water_documents(res, tmp, sections.settings, register=self.root / REGISTER_DIR)
            meta = {"report_date": res.report_date.isoformat(), "date_typed": on is not None, "by": user,
                    "at": dt.datetime.now().isoformat(timespec="seconds"),
                    "result": out.name, "json": out.with_suffix(".json").name,
                    "daily": made.daily.name if made.daily else None,
                    "report": [p.relative_to(tmp).as_posix() for p in made.files.get("report", [])],
                    "letters": [{**x, "file": Path(x["file"]).relative_to(tmp).as_posix()} for x in made.letters],
                    "notes": made.notes, "months": [f.name for f in folders],
                    "sections": self.sections_meta()}
            (tmp / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
            tmp.rename(final)       # a run appears whole or not at all
        return final

    def meta(self, folder: Path) -> dict:
        return json.loads((folder / META).read_text(encoding="utf-8"))

    def run_view(self, folder: Path) -> dict:
        meta = self.meta(folder)
        j = json.loads((folder / meta["json"]).read_text(encoding="utf-8"))
        return {"name": folder.name, "meta": meta, "json": j,
                "daily_text": (folder / meta["daily"]).read_text(encoding="utf-8") if meta.get("daily") else "",
                "files": [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"))
                          if p.is_file() and PREVIEW not in p.relative_to(folder).parts and p.name != META
                          and p.suffix in (".docx", ".xlsx", ".txt", ".json")]}


def _shown(f, stage: Path) -> dict:
    """A finding of a file just added, naming the file as it is kept in the month's folder."""
    d = f.to_dict()
    if d["file"] and stage in Path(d["file"]).parents:
        d["file"] = Path(d["file"]).relative_to(stage).as_posix()
    return d


def desk() -> WaterDesk:
    app = current_app
    if "WATER" not in app.config:
        app.config["WATER"] = WaterDesk(app.config["WORKSPACE"].data)
    return app.config["WATER"]


def _key_of(text: str | None) -> str:
    if not text:
        t = dt.date.today()
        return f"{t.year:04d}-{t.month:02d}"
    return parse_period(text)


def _where(f: dict) -> str:
    """file｜sheet｜cell, as the CLI's 问题清单 names them."""
    return "｜".join(x for x in (Path(f.get("file") or "").name if f.get("file") else "", f.get("sheet") or "",
                                f.get("cell") or "") if x)


def _finding_rows(findings: list[dict]) -> list[dict]:
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f["severity"], 9), f.get("file") or "",
                                           f.get("sheet") or ""))


# --- pages --------------------------------------------------------------------------------

@bp.get("/water")
@auth.clerk_required
def water():
    try:
        key = _key_of(request.args.get("period"))
    except ZhishuiError as e:
        flash(e.message, "error")
        key = _key_of(None)
    period = period_date(key)
    d = desk()
    sections = error = None
    if d.sections_meta():
        try:
            sections = d.sections()
        except ZhishuiError as e:
            error = e.message
    runs = [{"name": r.name, **d.meta(r)} for r in d.runs(key)]
    chosen = request.args.get("run")
    shown = next((r["name"] for r in runs if r["name"] == chosen), runs[0]["name"] if runs else None)
    view = d.run_view(d.runs_folder(key) / shown) if shown else None
    if view:
        view["findings"] = _finding_rows(view["json"]["findings"])
    # left empty: the engine then takes the last day with data.  Today was pre-filled once, and each
    # morning's export holds yesterday's readings — a run before today's file came said 「没有超标断面」 on no data.
    default_date = ""
    return render_template("water.html", key=key, period=period, title=f"水质：{period.year}年{period.month}月",
                           meta=d.sections_meta(), sections=sections, sections_error=error,
                           section_findings=_finding_rows([f.to_dict() for f in sections.findings]) if sections else [],
                           months=d.window_months(period), files=d.data_files(period), runs=runs, view=view,
                           default_date=default_date, where=_where, shown=SHOWN_FINDINGS,
                           added=_pop_added(key))


def _pop_added(key: str):
    """The 问题清单 of the files the clerk just added (shown once, on the month they were added to)."""
    got = desk().added.pop(auth.current_user()["name"], None)
    return got[1] if got and got[0] == key else None


@bp.post("/water/sections")
@auth.clerk_required
def water_sections():
    key = request.form.get("period") or None
    f = request.files.get("sections")
    back = url_for("clerk.water", period=key)
    if not f or not f.filename:
        flash("请选择断面清单文件", "error")
        return redirect(back)
    try:
        got = desk().add_sections(f.filename, f.read(), auth.current_user()["name"])
    except ZhishuiError as e:
        flash(e.message, "error")
        return redirect(back)
    errors = sum(1 for x in got.findings if x.severity == "错误")
    flash(f"已载入断面清单「{Path(f.filename).name}」：{len(got.sections)}个断面（工作表「{got.sheet}」）"
          + (f"；有{errors}处错误，见下面的校验结果" if errors else ""), "ok" if not errors else "warning")
    return redirect(back)


@bp.post("/water/data")
@auth.clerk_required
def water_data():
    try:
        key = parse_period(request.form.get("period", ""))
    except ZhishuiError as e:
        flash(e.message, "error")
        return redirect(url_for("clerk.water"))
    back = url_for("clerk.water", period=key)
    files = [(x.filename, x.read()) for x in request.files.getlist("files") if x and x.filename]
    if not files:
        flash("请选择监测数据文件", "error")
        return redirect(back)
    added = []
    for name, data in files:       # each file on its own: a bad one does not stop the others
        try:
            done, findings = desk().add_data(period_date(key), name, data)
        except ZhishuiError as e:
            flash(e.message, "error")
            continue
        for line in done:
            flash(line, "ok")
        added += findings
    desk().added[auth.current_user()["name"]] = (key, _finding_rows(added)) if added else None
    return redirect(back + "#data")


@bp.post("/water/data/remove")
@auth.clerk_required
def water_data_remove():
    key = parse_period(request.form.get("month", ""))
    rel = request.form.get("rel", "")
    moved = desk().remove_data(key, rel)
    flash(f"「{rel}」已移出{key}的监测数据（移到{moved}，不再读取）；请重新研判", "ok")
    return redirect(url_for("clerk.water", period=request.form.get("period") or key) + "#data")


@bp.post("/water/run")
@auth.clerk_required
def water_run():
    try:
        key = parse_period(request.form.get("period", ""))
    except ZhishuiError as e:
        flash(e.message, "error")
        return redirect(url_for("clerk.water"))
    back = url_for("clerk.water", period=key)
    try:
        text = request.form.get("report_date", "").strip()
        on = parse_date(text, "报告日期") if text else None
        folder = desk().run(period_date(key), on, auth.current_user()["name"])
    except ZhishuiError as e:
        flash(e.message, "error")
        return redirect(back)
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    day = dt.date.fromisoformat(meta["report_date"])
    flash(f"已研判（报告日期 {day:%Y-%m-%d}" + ("" if on else "：没有填写，按本期有监测数据的最后一天") + "）", "ok")
    for note in meta["notes"]:      # what the CLI prints after its documents: a 文号 left blank, a register not opened…
        flash(note, "warning")
    return redirect(url_for("clerk.water", period=key, run=folder.name) + "#result")


def _run_folder(key: str, name: str) -> Path:
    parse_period(key)
    if not STAMP_RE.match(name or ""):
        abort(404)
    folder = desk().runs_folder(key) / name
    if not (folder / META).is_file():
        abort(404)
    return folder


def _inside(folder: Path, rel: str) -> Path:
    path = (folder / rel).resolve()
    if folder.resolve() not in path.parents or not path.is_file() or path.name == META:
        abort(404)
    return path


@bp.get("/water/<key>/<name>.zip")
@auth.clerk_required
def water_zip(key, name):
    folder = _run_folder(key, name)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(folder.rglob("*")):
            rel = f.relative_to(folder)
            if f.is_file() and PREVIEW not in rel.parts and f.name != META:
                z.write(f, rel.as_posix())
    return _zip_response(buf.getvalue(), f"水质研判_{key}_{name}.zip")


@bp.get("/water/<key>/<name>/file/<path:rel>")
@auth.clerk_required
def water_file(key, name, rel):
    path = _inside(_run_folder(key, name), rel)
    return send_file(path, as_attachment=True, download_name=path.name)


@bp.get("/water/<key>/<name>/preview/<path:rel>")
@auth.clerk_required
def water_preview(key, name, rel):
    folder = _run_folder(key, name)
    return preview_page(_inside(folder, rel), folder, title=f"水质：{key}",
                        back=url_for("clerk.water", period=key, run=name) + "#result", back_text="返回水质研判",
                        download=url_for("clerk.water_file", key=key, name=name, rel=rel),
                        page_url=lambda pg: url_for("clerk.water_page", key=key, name=name, rel=pg))


@bp.get("/water/<key>/<name>/page/<path:rel>")
@auth.clerk_required
def water_page(key, name, rel):
    path = _inside(_run_folder(key, name), rel)
    if path.suffix != ".png" or PREVIEW not in Path(rel).parts:
        abort(404)
    return send_file(path, mimetype="image/png")
