"""The ``zhishui`` command: the same engine as the Excel add-in, for WPS, Linux and scheduled tasks.

Exit codes: 0 fine, 1 the data has errors (check) , 2 the input cannot be used.
Every failure is a Chinese message naming the file and what to do; never a traceback.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import re
import sys
from pathlib import Path

import click

from .cli_zh import ZhGroup
from .errors import ZhishuiError, log_internal_error
from .findings import code_cn, ERROR, INFO, WARNING

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _echo_err(msg: str) -> None:
    click.echo(msg, err=True)


def guarded(fn):
    """Turn every failure into a Chinese message and exit code 2."""
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        try:
            return fn(*a, **kw)
        except ZhishuiError as e:
            _echo_err(f"错误：{e.message}")
            sys.exit(EXIT_INPUT)
        except click.exceptions.Exit:
            raise
        except BrokenPipeError:   # output piped into head/more that stopped reading
            sys.exit(EXIT_OK)
        except (click.ClickException, click.Abort):
            raise
        except Exception:  # noqa: BLE001 - the last line of defence for the clerk
            log = log_internal_error()
            _echo_err(f"错误：程序内部出错，操作未完成。详细信息已写入 {log}，请把该文件发给维护人员。")
            sys.exit(EXIT_INPUT)
    return wrapper


class AssignParam(click.ParamType):
    name = "文件=单位"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        file, sep, unit = str(value).rpartition("=")
        if not sep or not file.strip() or not unit.strip():
            self.fail(f"「{value}」应写成「文件名=单位」，如 --assign \"自制表.xlsx=区水利局\"", param, ctx)
        return file.strip(), unit.strip()


class DateParam(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"「{value}」不是日期，请写成 2020-11-30 这样的格式", param, ctx)


class PeriodParam(click.ParamType):
    name = "YYYY-MM"

    def convert(self, value, param, ctx):
        try:
            y, m = str(value).split("-")
            return dt.date(int(y), int(m), 1)
        except (ValueError, TypeError):
            self.fail(f"「{value}」不是报送期，请写成 2020-11 这样的格式", param, ctx)


DATE = DateParam()
PERIOD = PeriodParam()


def _json_out(obj) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


@click.group(cls=ZhGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="zhishui", help="显示版本并退出", message="%(prog)s %(version)s")
def cli():
    """治水督办助手：校验责任清单、下发和汇总报送表、生成催报/督办通知和进展通报。"""


# --- deadline ---------------------------------------------------------------

@cli.command("deadline")
@click.argument("texts", nargs=-1, required=True, metavar="时限写法...")
@click.option("--ref", type=DATE, help="文件日期（成文日期），用于「今年」「年底前」等相对写法")
@click.option("--json", "as_json", is_flag=True, help="每个输入输出一行JSON")
@guarded
def deadline_cmd(texts, ref, as_json):
    """解析完成时限，例如：zhishui deadline "2020年12月底完成,并长期坚持" --ref 2020-09-23"""
    from .deadlines import parse_deadline
    for text in texts:
        d = parse_deadline(text, ref)
        if as_json:
            click.echo(json.dumps(d.to_dict(), ensure_ascii=False))
        else:
            click.echo(describe_deadline(d))


def describe_deadline(d) -> str:
    from .checks import cn_date
    bits = []
    if d.due:
        bits.append(f"完成期限 {cn_date(d.due)}" + (f"（{d.action}）" if d.action else ""))
    if d.start:
        bits.append(f"开始 {cn_date(d.start)}")
    for m in d.milestones:
        bits.append(f"节点 {cn_date(m.due)} {m.text}")
    if d.recurrence:
        bits.append(f"周期：{d.recurrence.text or d.recurrence.freq}")
    if d.ongoing:
        bits.append("长期坚持")
    if d.immediate:
        bits.append("立行立改")
    if d.conditional:
        bits.append("适时启动（无明确日期）")
    status = "已识别" if d.understood else "无法识别：" + "；".join(d.problems)
    notes = ("；" + "；".join(d.notes)) if d.notes else ""
    return f"「{d.raw}」→ {'，'.join(bits) or '无日期'}。{status}{notes}"


# --- tasks / check ------------------------------------------------------------

def _load(list_path, directory, settings, sheet, ref, *, for_month: bool = False):
    from .tasks import load_list, require_month_columns, require_tasks
    columns = click.get_current_context().meta.get("zhishui.columns")
    tl = require_tasks(load_list(list_path, directory_path=directory, settings_path=settings,
                                 sheet=sheet, ref=ref, columns=columns))
    for n in tl.notes:   # how the columns were read, when it was not clear-cut: said up front
        if n.code.startswith("COLUMN_"):
            _echo_err(f"{'注意' if n.severity == WARNING else '说明'}：{n.message}" + (f"\n  {n.suggestion}" if n.suggestion else ""))
    return require_month_columns(tl) if for_month else tl


def _unit_errors(tl) -> bool:
    """Say every unit name the directory lacks (they get no return and no letter); True if any."""
    from .checks import group_findings, unit_findings
    found = unit_findings(tl)
    for f in found:
        _echo_err(f"错误：{f.message}（{tl.sheet}!{f.cell}，序号{f.task}）。建议：{f.suggestion}")
    # a group nobody in the directory belongs to is left out the same way; a warning, as in check
    for f in group_findings(tl):
        _echo_err(f"警告：{f.message}，不给它下发报送表、不催报、不发文书（{tl.sheet}!{f.cell}，序号{f.task}）。"
                  f"建议：{f.suggestion}")
    return bool(found)


def _remember_columns(ctx, param, value):
    ctx.meta["zhishui.columns"] = value
    return value


list_options = [
    click.argument("list_path", metavar="清单", type=click.Path(dir_okay=False)),
    click.option("--directory", type=click.Path(dir_okay=False), help="单位名录工作簿（默认用清单里的「单位名录」表）"),
    click.option("--settings", type=click.Path(dir_okay=False), help="设置文件（默认用清单里的「设置」表）"),
    click.option("--sheet", help="清单所在工作表（默认自动查找）"),
    click.option("--ref", type=DATE, help="文件日期（成文日期），默认取设置表中的「成文日期」"),
    click.option("--columns", expose_value=False, callback=_remember_columns,
                 help="列对应，如「内容=D,牵头=E,配合=F」（自动识别不准时给一次，会记住）"),
]


def with_list_options(fn):
    for opt in reversed(list_options):
        fn = opt(fn)
    return fn


# the history on a PostgreSQL server (zhishui/historydb.py), as `zhishui serve --db` takes its database
DB_HELP = ("历史记录放在 PostgreSQL 数据库（每个方案一个库），如 postgresql://用户:密码@主机/库名；"
           "收到的文件仍存档在 --history 文件夹（默认清单旁的「<清单名>_督办档案」）。也可用环境变量 ZHISHUI_HISTORY_DB")
db_option = click.option("--db", "history_db", metavar="postgresql://…", help=DB_HELP)


def _month_options(required: bool = True) -> list:
    return [
    click.argument("returns", nargs=-1, required=required, type=click.Path(), metavar="报送文件或文件夹..."),
    click.option("--period", type=PERIOD, required=required, help="报送期，如 2020-11"),
    click.option("--date", "on", type=DATE, help="报告日期（判断逾期、临期；文书日期），默认今天"),
    click.option("--due", type=DATE, help="报送截止日期（晚于此日期收到的算逾期报送）"),
    click.option("--history", "history_dir", type=click.Path(file_okay=False),
                 help="历史记录与存档文件夹（默认在清单旁的「<清单名>_督办档案」）"),
    click.option("--no-history", is_flag=True,
                 help="试算：历史记录只读不写——不与上期比较（没有上期完成率和变化标记），本期结果不保存，"
                      "收到的文件不存档，--assign 不记住；已批准的销号、已同意的延期、以前报的「已完成」照常算数"),
    db_option,
    click.option("--receipts", multiple=True, type=click.Path(dir_okay=False),
                 help="收件记录（CSV或Excel，列：文件、单位、收到时间），可重复；文件夹里名字含「收件记录」的文件自动采用"),
    click.option("--allow-empty", is_flag=True, help="文件夹里一份报送表都没有时也照常汇总（全部按未报送处理）"),
    click.option("--assign", "assign", multiple=True, type=AssignParam(),
                 help="指定认不出单位的文件是哪个单位的，如 --assign \"自制表.xlsx=区水利局\"，可重复；记在历史记录里，"
                      "同一文件以后不用再指定"),
    ]


def with_month_options(fn, required: bool = True):
    for opt in reversed(_month_options(required)):
        fn = opt(fn)
    return fn


def with_month_options_optional(fn):
    """docs: the month's options, not needed for the year's report (--year)."""
    return with_month_options(fn, required=False)


@contextlib.contextmanager
def _one_run(list_path, history_dir, command, required=True):
    """The list's run lock (see runlock): a second run on the same list waits, then is told who runs.
    A run that writes no history (split, --no-history) takes no lock and leaves nothing beside the list."""
    from .runlock import list_lock
    if not required:
        yield
        return
    notes: list[str] = []
    with list_lock(list_path, history_dir, command, notes):
        for n in notes:
            _echo_err("提示：" + n)
        yield


def _check_out_file(path, option: str, suffix: str, what: str) -> Path:
    """An output file the clerk named: the right extension and a folder that can be written,
    checked before the month is read (not after minutes of work)."""
    p = Path(path)
    if p.suffix.lower() != suffix:
        shown = p.suffix or "（没有扩展名）"
        raise ZhishuiError(f"{option} 应是{what}（{suffix}），而「{p.name}」的扩展名是{shown}", code="OUT_EXT",
                           hint=f"请改为以{suffix}结尾的文件名，例如「{p.stem or '汇总结果'}{suffix}」")
    _check_out_folder(p.parent, option)
    if p.is_dir():
        raise ZhishuiError(f"{option} 指定的「{p.name}」是一个文件夹", file=p, code="OUT_PATH",
                           hint=f"请指定文件名，例如「{p / ('汇总结果' + suffix)}」")
    return p


def _check_out_folder(folder, option: str) -> None:
    folder = Path(folder) if str(folder) else Path(".")
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise ZhishuiError(f"{option} 的上级「{probe}」是文件，不是文件夹", file=probe, code="OUT_PATH",
                           hint="请换一个输出位置")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise ZhishuiError(f"没有权限在「{probe}」中写入（{option}）", file=probe, code="OUT_PATH",
                           hint="请换一个有写入权限的文件夹，例如桌面或「文档」")


def _again(**given) -> str:
    """This command as the clerk would type it to write its files again (outputs.py prints it beside a file gone out
    of date): the arguments and options given, in the command's order; ``given`` overrides values (the report date a
    run took from today is written out); a PostgreSQL address without its password."""
    from .historydb import shown
    ctx = click.get_current_context()
    words = ["zhishui", ctx.info_name]
    values = {**ctx.params, **given}

    def quoted(v) -> str:
        v = str(v)
        return f'"{v}"' if not v or any(c in v for c in ' \t"\'&|<>;()') else v

    def text(p, v) -> str:
        if isinstance(v, tuple):            # --assign 文件=单位
            return "=".join(str(x) for x in v)
        if isinstance(v, dt.date):
            return f"{v:%Y-%m}" if p.name == "period" else v.isoformat()
        return shown(v) if p.name == "history_db" else str(v)
    for p in ctx.command.params:
        if p.name is None or not p.expose_value:
            if p.name == "columns" and ctx.meta.get("zhishui.columns"):
                words += ["--columns", quoted(ctx.meta["zhishui.columns"])]
            continue
        v = values.get(p.name)
        if v is None or v is False or v == ():
            continue
        if isinstance(p, click.Argument):
            words += [quoted(text(p, x)) for x in (v if p.nargs != 1 else (v,))]
        elif p.is_flag:
            words.append(p.opts[0])
        else:
            for x in (v if p.multiple else (v,)):
                words += [p.opts[0], quoted(text(p, x))]
    return " ".join(words)


def _month(list_path, directory, settings, sheet, ref, returns, period, on, due, history_dir, no_history,
           history_db, receipts, allow_empty, assign):
    from .month import run_month
    from .progress import terminal_bar
    tl = _load(list_path, directory, settings, sheet, ref, for_month=True)
    # the history is committed by the caller once its outputs are written: a run killed before
    # then leaves the history as it was, and its re-run gives the same outputs
    with terminal_bar("读取报送表", "个文件") as progress:
        return run_month(tl, returns, period, on or dt.date.today(), due=due, history_folder=history_dir,
                         use_history=not no_history, receipts=receipts, allow_empty=allow_empty, assign=assign,
                         commit_later=True, progress=progress, history_db=history_db)


@cli.command("tasks")
@with_list_options
@click.option("--json", "as_json", is_flag=True, help="输出JSON")
@guarded
def tasks_cmd(list_path, directory, settings, sheet, ref, as_json):
    """列出清单中识别出的任务（序号、重点任务、内容、时限、牵头/责任/配合单位）。"""
    tl = _load(list_path, directory, settings, sheet, ref)
    if as_json:
        _json_out({"file": str(tl.path), "sheet": tl.sheet, "header_row": tl.header_row,
                   "columns": tl.columns, "ref_date": tl.ref_date, "fingerprint": tl.fingerprint,
                   "tasks": [t.to_dict() for t in tl.tasks]})
        return
    click.echo(f"{Path(tl.path).name}：工作表「{tl.sheet}」，{len(tl.tasks)}项任务")
    for t in tl.tasks:
        d = t.deadline
        due = d.due.isoformat() if d.due else ("长期" if d.ongoing else "—")
        lead = "、".join(t.lead_units()) or "—"
        click.echo(f"{t.label:>4}  {due:<10}  牵头：{lead}  {t.content[:30]}")


@cli.command("check")
@with_list_options
@click.option("--date", "on", type=DATE, help="检查日期（判断时限是否已过），默认今天")
@click.option("--json", "as_json", is_flag=True, help="输出JSON")
@guarded
def check_cmd(list_path, directory, settings, sheet, ref, on, as_json):
    """校验清单：单位、牵头单位、时限、序号、责任人。有错误时退出码为1。"""
    from .checks import check_with_history, cn_date, summary_counts
    from .tasks import column_reading
    tl = _load(list_path, directory, settings, sheet, ref)
    on = on or dt.date.today()
    checked = check_with_history(tl, on)
    findings, done = checked.findings, checked.settled
    counts = summary_counts(findings)
    if as_json:
        _json_out({"file": str(tl.path), "sheet": tl.sheet, "date": on.isoformat(), "tasks": len(tl.tasks),
                   "columns": [{"column": c, "header": h, "field": f} for c, h, f in column_reading(tl)],
                   "counts": counts, "findings": [f.to_dict() for f in findings],
                   "settled": {k: {"kind": kind, "new_due": d.isoformat() if kind == "延期" and d else None,
                                   **({"period": d} if kind in ("待销号", "缺佐证") else {})}
                               for k, (kind, d) in done.items()}})
    else:
        click.echo(f"检查清单：{Path(tl.path).name}（工作表「{tl.sheet}」，{len(tl.tasks)}项任务）")
        # another office's header words: the clerk sees what each column was read as before trusting the month
        click.echo("各列读作：" + "；".join(f"{c}列「{h}」→{f}" if h != f else f"{c}列「{h}」" for c, h, f in
                                         ((c, re.sub(r"\s*\n\s*", "", h), f) for c, h, f in column_reading(tl))))
        src = tl.directory.source or "无"
        click.echo(f"单位名录：{len(tl.directory)}个单位（{src}）；检查日期：{cn_date(on)}"
                   + (f"；文件日期：{cn_date(tl.ref_date)}" if tl.ref_date else ""))
        for line in checked.notes:
            click.echo(line)
        click.echo(f"结果：错误 {counts[ERROR]} 项，警告 {counts[WARNING]} 项，提示 {counts[INFO]} 项")
        by_code: dict[str, int] = {}
        for f in findings:
            key = f"{f.severity}「{code_cn(f.code)}」"
            by_code[key] = by_code.get(key, 0) + 1
        click.echo("分类：" + "；".join(f"{k}{v}项" for k, v in by_code.items()))
        click.echo("")
        for f in findings:
            loc = "  ".join(x for x in [f"序号{f.task}" if f.task else "", f.field,
                                        f"{f.sheet}!{f.cell}" if f.sheet and f.cell else f.cell] if x)
            click.echo(f"[{f.severity}] {code_cn(f.code)}  {loc}")
            click.echo(f"      {f.message}")
            if f.suggestion:
                click.echo(f"      建议：{f.suggestion}")
    sys.exit(EXIT_FINDINGS if counts[ERROR] else EXIT_OK)


@cli.command("split")
@with_list_options
@click.option("--period", type=PERIOD, required=True, help="报送期，如 2020-11")
@click.option("--date", "on", type=DATE, help="下发日期（记在报送表的文件属性里；不写时不记日期，不用当前时间）")
@click.option("--due", type=DATE, help="报送截止日期（默认取设置表「报送截止日」，即报送期当月25日）")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True, help="输出文件夹")
@click.option("--history", "history_dir", type=click.Path(file_okay=False),
              help="历史记录文件夹（只读取其中的方案编号，写进报送表；默认按清单查找）")
@click.option("--no-history", is_flag=True,
              help="报送表上的方案编号按清单生成，不用历史记录里的；已销号的任务照样不再下发，销号退回、延期的办理意见照样写上")
@db_option
@click.option("--json", "as_json", is_flag=True, help="输出JSON")
@guarded
def split_cmd(list_path, directory, settings, sheet, ref, period, on, due, out_dir, history_dir, no_history, history_db,
              as_json):
    """为每个有任务的单位生成本期报送表（只含本单位任务，只能填写白色单元格）。"""
    from .progress import terminal_bar
    from .returnsheet import period_cn
    from .split import issue_period, report_due
    _check_out_folder(out_dir, "--out")
    with _one_run(list_path, None, "split", required=False):
        # (a list collect would refuse is not split either: trial 35 sent sheets with no 完成时限 and exit 0)
        tl = _load(list_path, directory, settings, sheet, ref, for_month=True)
        generated = dt.datetime.combine(on, dt.time(9, 0)) if on else None
        with terminal_bar("生成报送表", "份") as progress:
            issued = issue_period(tl, period, out_dir, due=due, generated=generated, history_dir=history_dir,
                                  use_history=not no_history, db=history_db, progress=progress)
    files = issued.files
    unknown = _unit_errors(tl)
    if as_json:
        _json_out({"period": period.strftime("%Y-%m"), "out": str(out_dir), "files": [f.to_dict() for f in files]})
        sys.exit(EXIT_FINDINGS if unknown else EXIT_OK)
    # (the history's line and the plan-date note first: the line that ends with 「：」 introduces the files)
    for line in issued.found_at:
        click.echo(line)
    if issued.plan_date_note:
        click.echo(issued.plan_date_note)
    if issued.due_rest:
        click.echo(issued.due_note("在这条命令加 --due 写顺延后的日期（以后 collect、docs 也加同样的 --due）"))
    click.echo(f"已生成{period_cn(period)}报送表 {len(files)} 份（{Path(out_dir)}），"
               f"报送截止{report_due(period, tl.settings, due):%Y-%m-%d}，方案编号 {issued.plan.plan_id}"
               + (f"；{issued.closed_note}" if issued.closed else "") + "：")
    for f in files:
        flag = "" if f.known else "（没有单位名录，未核对单位名称）"
        click.echo(f"  {f.path.name}　{f.tasks}项任务{flag}")
    _list_errors_said(tl, on)
    if unknown:
        _echo_err("以上不在单位名录中的单位没有生成报送表；改正清单或名录后重新下发。")
        sys.exit(EXIT_FINDINGS)


def _list_errors_said(tl, on) -> None:
    """split goes on when the list has errors (a task with no deadline is still reported on), but says so once:
    the clerk who skipped check would otherwise send the sheets without knowing."""
    from collections import Counter
    from .checks import check_list, unit_findings
    said = {(f.task, f.cell) for f in unit_findings(tl)}
    errors = [f for f in check_list(tl, on or dt.date.today()) if f.severity == ERROR and (f.task, f.cell) not in said]
    if errors:
        kinds = Counter(code_cn(f.code) for f in errors)
        _echo_err(f"注意：清单检查有{len(errors)}项错误（" + "；".join(f"{k}{v}项" for k, v in kinds.items())
                  + "），报送表已照样生成；请运行 zhishui check 查看，改正后重新下发。")


@cli.command("collect")
@with_list_options
@with_month_options
@click.option("--out", "out_path", type=click.Path(dir_okay=False), required=True, help="汇总结果工作簿（.xlsx）")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="同时写出JSON报告")
@click.option("--all-values", is_flag=True,
              help="「原始数据」表写入读到的每一个值（默认只写未采用的值；全部的值都在历史记录里）")
@guarded
def collect_cmd(list_path, directory, settings, sheet, ref, returns, period, on, due, history_dir, no_history,
                history_db, receipts, allow_empty, assign, out_path, json_path, all_values):
    """汇总各单位报送表（文件、文件夹、zip或.eml邮件），判断每项任务状态，写出汇总结果工作簿。"""
    from . import outputs
    from .month import summary_lines
    from .result_writer import write_json, write_result
    _check_out_file(out_path, "--out", ".xlsx", "汇总结果工作簿")
    if json_path:
        _check_out_file(json_path, "--json", ".json", "JSON报告")
    with _one_run(list_path, history_dir, "collect", required=not no_history):
        res = _month(list_path, directory, settings, sheet, ref, returns, period, on, due, history_dir, no_history,
                     history_db, receipts, allow_empty, assign)
        write_result(res, out_path, all_values=all_values)
        if json_path:
            write_json(res, json_path)
        # (recorded with the month: a later close/extend or docs names this file when it no longer agrees)
        disagree = outputs.record(res, "汇总", out_path, json_path, _again(on=res.report_date))
        res.commit_history()
    for line in summary_lines(res):
        click.echo(line)
    click.echo(f"汇总结果：{out_path}" + (f"；JSON：{json_path}" if json_path else ""))
    for line in disagree:
        click.echo(line)
    if _unit_errors(res.tl):      # said last, after the work, so they are not lost in its output
        sys.exit(EXIT_FINDINGS)


@cli.command("docs")
@with_list_options
@with_month_options_optional
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True, help="输出文件夹（按文书种类分子文件夹）")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["催报通知", "督办通知", "进展通报", "chase", "supervise", "bulletin"]),
              help="只生成这些种类（可重复）；默认全部")
@click.option("--year", "year", type=click.IntRange(2000, 2100),
              help="生成这一年的年度工作总结、年度考核结果（Word附件和工作簿），由历史记录中各月的汇总结果累计，不需要报送表")
@guarded
def docs_cmd(list_path, directory, settings, sheet, ref, returns, period, on, due, history_dir, no_history,
             history_db, receipts, allow_empty, assign, out_dir, kinds, year):
    """一次生成本期全部文书：催报通知、督办通知（每个牵头单位一份）、工作进展情况通报（Word，公文格式）；
    加 --year 生成年度工作总结和年度考核结果。"""
    from . import outputs
    from .generators.contexts import kind_of
    from .generators.month_documents import KIND_FOLDERS, make_documents
    from .month import later_text, not_read_text
    from .progress import terminal_bar
    _check_out_folder(out_dir, "--out")
    if year:
        if returns or period or kinds:
            raise ZhishuiError("--year 生成年度报告，不需要报送表文件夹、--period 和 --kind", code="YEAR_OPTIONS",
                               hint=f"请写成：zhishui docs 清单.xlsx --year {year} --out 年度文书/")
        return _year_docs(list_path, directory, settings, sheet, ref, history_dir, year, on, out_dir, history_db)
    if not returns or not period:
        raise ZhishuiError("缺少报送表文件夹或 --period", code="MONTH_OPTIONS",
                           hint="月度文书：zhishui docs 清单.xlsx 收回/ --period 2020-11 --out 文书/；"
                                "年度报告：zhishui docs 清单.xlsx --year 2020 --out 年度文书/")
    with _one_run(list_path, history_dir, "docs", required=not no_history):
        res = _month(list_path, directory, settings, sheet, ref, returns, period, on, due, history_dir, no_history,
                     history_db, receipts, allow_empty, assign)
        chosen = tuple(dict.fromkeys(kind_of(k) for k in kinds)) or ("chase", "supervise", "bulletin")
        aside = outputs.keep_earlier_set(res, outputs.set_kind(chosen), out_dir, [KIND_FOLDERS[k] for k in chosen])
        with terminal_bar("生成文书", "份") as progress:
            made = make_documents(res, out_dir, chosen, progress=progress)
        disagree = outputs.record(res, outputs.set_kind(chosen), out_dir, None, _again(on=res.report_date))
        res.commit_history()
    if res.history_note:
        click.echo(res.history_note)
    if res.not_read_files:
        click.echo(not_read_text(res.not_read_files))
    if res.later_periods:
        click.echo(later_text(res))
    if res.plan_date_note:
        click.echo(res.plan_date_note)
    if res.calendar_note:
        click.echo(res.calendar_note)
    if res.due_rest_note:
        click.echo(res.due_rest_note)
    click.echo(f"已生成{period.year}年{period.month}月文书（{Path(out_dir)}）：")
    for line in made.listing():
        click.echo("  " + line)
    for line in disagree:
        click.echo(line)
    if aside:
        click.echo(aside)
    if _unit_errors(res.tl):
        sys.exit(EXIT_FINDINGS)


# --- the year: 销号, 延期, the history ------------------------------------------------------------

def _year_history(list_path, directory, settings, sheet, ref, history_dir, history_db=None):
    """The list and its history, opened for recording a decision (it must exist: a month was collected)."""
    from .archives import locate
    tl = _load(list_path, directory, settings, sheet, ref)
    place = locate(tl, history_dir, history_db)
    if place.stored is None:
        raise ZhishuiError("这份清单还没有历史记录（还没有汇总过）", file=list_path, code="NO_HISTORY",
                           hint="请先汇总报送（zhishui collect），销号和延期针对汇总过的报送期")
    h = place.open(tl)
    return tl, h


@contextlib.contextmanager
def _deciding(list_path, directory, settings, sheet, ref, history_dir, history_db, command):
    """A 销号/延期 decision: the list's run lock, its history, one transaction (all or nothing)."""
    with _one_run(list_path, history_dir, command):
        tl, h = _year_history(list_path, directory, settings, sheet, ref, history_dir, history_db)
        try:
            with h.transaction():
                yield tl, h
        finally:
            h.close()


@cli.command("close")
@with_list_options
@click.argument("tasks", nargs=-1, required=True, metavar="序号...")
@click.option("--period", type=PERIOD, required=True, help="销号针对的报送期（单位报「已完成」的那一期），如 2020-11")
@click.option("--return", "returned", is_flag=True, help="退回（不同意销号），需写明 --reason")
@click.option("--reason", default="", help="理由（退回时必填，写进单位下期报送表的「办理意见」）")
@click.option("--by", default="", help="办理人（默认当前登录用户）")
@click.option("--date", "on", type=DATE, help="办理日期（默认今天）")
@click.option("--history", "history_dir", type=click.Path(file_okay=False), help="历史记录文件夹（默认按清单查找）")
@db_option
@guarded
def close_cmd(list_path, directory, settings, sheet, ref, tasks, period, returned, reason, by, on, history_dir,
              history_db):
    """销号：批准（或 --return 退回）报了「已完成」并附佐证材料的任务，如 zhishui close 清单.xlsx 7 12 --period 2020-11"""
    from . import outputs
    from .decisions import close_out
    with _deciding(list_path, directory, settings, sheet, ref, history_dir, history_db, "close") as (tl, h):
        before = outputs.decisions_top(h)
        lines = close_out(h, tl, tasks, f"{period:%Y-%m}", approve=not returned, reason=reason, by=by,
                          at=on.isoformat() if on else "")
        stale = outputs.stale_after(h, before)
    for line in lines + stale:
        click.echo(line)


@cli.command("extend")
@with_list_options
@click.argument("task", metavar="序号")
@click.option("--period", type=PERIOD, required=True, help="单位申请延期的报送期，如 2020-11")
@click.option("--unit", help="申请延期的单位（同一任务有几个单位申请时必填）")
@click.option("--refuse", is_flag=True, help="不同意延期")
@click.option("--to", "to", type=DATE, help="同意延期到的日期（默认按单位申请的日期）")
@click.option("--reason", default="", help="理由或说明")
@click.option("--by", default="", help="办理人（默认当前登录用户）")
@click.option("--date", "on", type=DATE, help="办理日期（默认今天）")
@click.option("--history", "history_dir", type=click.Path(file_okay=False), help="历史记录文件夹（默认按清单查找）")
@db_option
@guarded
def extend_cmd(list_path, directory, settings, sheet, ref, task, period, unit, refuse, to, reason, by, on, history_dir,
               history_db):
    """延期：同意（或 --refuse 不同意）单位在报送表中提出的延期申请，如 zhishui extend 清单.xlsx 7 --period 2020-11"""
    from . import outputs
    from .decisions import extend
    with _deciding(list_path, directory, settings, sheet, ref, history_dir, history_db, "extend") as (tl, h):
        before = outputs.decisions_top(h)
        line = extend(h, tl, task, f"{period:%Y-%m}", agree=not refuse, unit=unit, to=to, reason=reason,
                      by=by, at=on.isoformat() if on else "")
        stale = outputs.stale_after(h, before)
    for line in [line] + stale:
        click.echo(line)


@cli.command("history")
@with_list_options
@click.option("--unit", help="单位（全称或简称）")
@click.option("--task", "task", help="任务序号（按现在的清单）")
@click.option("--period", type=PERIOD, help="报送期，如 2020-03")
@click.option("--history", "history_dir", type=click.Path(file_okay=False), help="历史记录文件夹（默认按清单查找）")
@db_option
@click.option("--json", "as_json", is_flag=True, help="输出JSON")
@guarded
def history_cmd(list_path, directory, settings, sheet, ref, unit, task, period, history_dir, history_db, as_json):
    """查历史记录：某单位某月对某项任务报了什么、谁批准了销号，如 zhishui history 清单.xlsx --unit 市住建局 --task 7 --period 2020-03"""
    from .historyquery import ask, lines
    tl = _load(list_path, directory, settings, sheet, ref)
    rows = ask(tl, history_dir, unit=unit, task=task, period=f"{period:%Y-%m}" if period else None, db=history_db)
    if as_json:
        _json_out(rows)
        return
    from .historyquery import meant_note
    meant = rows.meant or None
    if meant_note(unit, meant):
        click.echo(meant_note(unit, meant))
    asked = "".join(x for x in (meant or "", f"{period:%Y年%-m月}" if period else "", f"序号{task}" if task else ""))
    for line in lines(rows, asked):
        click.echo(line)


def _year_docs(list_path, directory, settings, sheet, ref, history_dir, year, on, out_dir, history_db=None):
    from .generators.year_documents import make_year_documents
    from .year import load_year, report_date
    tl = _load(list_path, directory, settings, sheet, ref)
    y = load_year(tl, year, history_dir, history_db)
    made = make_year_documents(y, tl, out_dir, report_date(y, on))
    click.echo(f"已生成{year}年度文书（{Path(out_dir)}；{len(y.periods)}个月：{y.periods[0]}至{y.periods[-1]}）：")
    for line in made.lines():
        click.echo("  " + line)


@cli.command("import")
@click.argument("plan", type=click.Path(dir_okay=False), metavar="方案文件")
@click.option("--out", "out_path", type=click.Path(dir_okay=False),
              help="写出的责任清单工作簿（.xlsx，默认在方案旁，名为「<方案名>_责任清单.xlsx」）")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="同时写出任务JSON")
@click.option("--ref", type=DATE, help="文件日期（成文日期），默认从方案中读取")
@guarded
def import_cmd(plan, out_path, json_path, ref):
    """从方案文件（Word/WPS、PDF、网页、文本）导入责任清单：任务、牵头/责任/配合单位、完成时限。"""
    from .plan import import_plan
    from .plan.leftovers import leftover_note
    from .plan.readthrough import read_through, read_through_note
    from .plan.writer import doubts, write_json, write_workbook
    res = import_plan(plan)
    if ref:
        res.meta.date = ref
        # a plan with no date of its own has an empty (falsy) where: say where the date came from all the same
        res.meta.where = {**(res.meta.where or {}), "date": "导入时用命令行 --ref 指定"}
    if not res.tasks:
        tables = "；".join(why for _w, _t, why in res.review if "无法分辨" in why)
        unread = [(w, t) for w, t, why in res.review if why.startswith("未能从这段文字读出任务")]
        if unread:
            # a layout not read reliably (a table whose cells a copy ran together): say where its text is
            shown = "；".join(f"{w}「{t[:24]}…」" for w, t in unread[:3])
            tables = (tables + "。" if tables else "") + \
                f"有{len(unread)}段文字没有读出任务和单位（若其中写的是任务，可能是版式无法可靠读取，例如表格各格连在一起、" \
                f"没有分隔）：{shown}"
        raise ZhishuiError("方案中没有找到可识别的任务（没有责任清单表格，正文也没有写明牵头/责任单位的段落），"
                           "未写出任何文件" + (f"。{tables}" if tables else ""), file=plan,
                           hint="请确认这是工作方案/实施方案；扫描件请先转成文字；也可以把任务分解表复制到Excel后用 zhishui check 检查")
    out = Path(out_path) if out_path else Path(plan).with_name(Path(plan).stem + "_责任清单.xlsx")
    write_workbook(res, out)
    if json_path:
        write_json(res, json_path)
    d = doubts(res)
    m = res.meta
    click.echo(f"已导入 {len(res.tasks)} 项任务（{'、'.join(res.layouts)}）→ {out}" + (f"；JSON：{json_path}" if json_path else ""))
    click.echo(f"文件：{m.title or Path(plan).name}；文号：{m.number or '—'}；成文日期：{m.date or '未找到'}；发文机关：{m.issuer or '未找到'}")
    # where to look, in the clerk's words: the list's 待核实 column, then the 导入核对 sheet, whose first rows
    # repeat those tasks' notes in the plan's order (said, so they are not counted or checked twice)
    places = d.places()
    if not places:
        click.echo("没有需要核对的地方")
    elif len(places) == 1:
        click.echo(f"需要核对 {d.total} 处：都在「导入核对」表里")
    else:
        click.echo(f"需要核对 {d.total} 处：")
        for line in places:
            click.echo("  " + line)
    for _w, _t, why in res.review:      # tasks seen but not imported: said here, not only in the workbook
        if "只导入了其中" in why:
            click.echo("注意：" + why, err=True)
        elif "各格连在一起的表格" in why:
            click.echo(f"注意：{_w}{why}", err=True)
    left = leftover_note(res.review)
    if left:
        click.echo("注意：" + left, err=True)
    unread = read_through_note(read_through(res))
    if unread:
        click.echo(unread)


@cli.command("water")
@click.argument("data", nargs=-1, required=True, type=click.Path(), metavar="监测数据...")
@click.option("--sections", "sections_path", type=click.Path(dir_okay=False), required=True,
              help="断面清单工作簿（断面名称、水质目标、责任乡镇和部门；可以是督办台账）")
@click.option("--period", type=PERIOD, required=True, help="报告期（月），如 2021-07")
@click.option("--date", "on", type=DATE, help="预警和水质日报的日期（默认本期有数据的最后一天）")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="研判结果工作簿（默认「<年月>水质研判结果.xlsx」）")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="同时写出JSON报告")
@click.option("--docs", "docs_dir", type=click.Path(file_okay=False), help="生成水质预警/督办、水质日报和水质月报的文件夹")
@guarded
def water_cmd(data, sections_path, period, on, out_path, json_path, docs_dir):
    """水质研判：读监测数据（自动站导出、手工日报、化验结果），按GB 3838-2002评价各断面，给出超标预警。"""
    from .water import check_report_date, run
    from .water.output import summary_lines, write_json, write_result
    from .water.sections import read_sections
    sections = read_sections(sections_path)
    check_report_date(period, on, hint="请让 --date 落在 --period 那个月里")
    res = run(data, sections, period, on)
    out_path = out_path or f"{period.year}年{period.month}月水质研判结果.xlsx"
    write_result(res, out_path)
    if json_path:
        write_json(res, json_path)
    for line in summary_lines(res):
        click.echo(line)
    from .water.judge import value_text
    from .generators.water_documents import run_days_note
    for r in res.results:
        d = r.day(res.report_date)
        letter = r.letter_on(res.report_date)
        if letter:
            n = r.run_on(d.day)
            # the run's days by indicator (10日总磷；11日氨氮…) where they differ: the day's own indicator alone
            # made a run of three look like one day over (the session-18 trial)
            click.echo(f"  {r.section.name}：{d.day.month}月{d.day.day}日超标"
                       + (f"，已连续{n}日{run_days_note(r, d.day, n)}" if n > 1 else "")
                       + f"（{letter}）："
                       + "；".join(value_text(r.section, d.params[k]) for k in d.exceeding))
    if docs_dir:
        from .generators.water_documents import make_water_documents
        made = make_water_documents(res, docs_dir, sections.settings)
        for line in made.lines():
            click.echo(line)
    click.echo(f"研判结果：{out_path}" + (f"；JSON：{json_path}" if json_path else ""))


@cli.command("serve")
@click.option("--data", "data_dir", type=click.Path(file_okay=False), default="治水督办台数据", show_default=True,
              help="数据文件夹（清单、上传的文件、文书、历史记录）")
@click.option("--db", "db_url", help="数据库：默认数据文件夹里的 SQLite；办公网服务器可用 postgresql://用户:密码@主机/库名")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址；办公网服务器用 0.0.0.0")
@click.option("--port", default=8765, show_default=True, type=int, help="端口")
@click.option("--public-url", help="各单位访问本服务的地址（写进报送链接），如 http://10.1.2.3:8765")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器")
@guarded
def serve_cmd(data_dir, db_url, host, port, public_url, no_browser):
    """在浏览器里用的督办台（不需要 Excel），以及各单位网上报送的页面。"""
    from .web.app import serve
    serve(data_dir, db_url, host=host, port=port, public_url=public_url, open_browser=not no_browser, echo=click.echo)


@cli.group("addin")
def addin_group():
    """Excel加载项：安装、诊断。"""


@addin_group.command("install")
@click.option("--python", "interpreter", help="加载项使用的Python（默认当前Python）")
@click.option("--dry-run", is_flag=True, help="只显示将要做什么，不实际安装")
@guarded
def addin_install(interpreter, dry_run):
    """在Windows的Excel中安装「治水督办」加载项，并设置Python解释器。"""
    from .addin.install import install
    for line in install(interpreter, dry_run=dry_run):
        click.echo(line)


@addin_group.command("diagnose")
@guarded
def addin_diagnose():
    """检查加载项找不到Python等问题。"""
    from .addin.install import diagnose
    for line in diagnose():
        click.echo(line)


def main():
    cli(prog_name="zhishui")


if __name__ == "__main__":
    main()
