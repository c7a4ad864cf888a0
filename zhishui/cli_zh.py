"""Click in Chinese: the help pages and the usage errors a clerk sees (a misspelt option, a missing
one, a folder where a file is wanted) are Chinese, with what to do.

Click writes its own words in English; they are replaced where they are printed: the help
formatter (headings, 用法, metavars, [必填] and [默认：…]) and one place that turns a usage error
into a Chinese sentence.  Commands use these classes through ``@click.group(cls=ZhGroup)``.
"""
from __future__ import annotations

import re
import sys
import unicodedata

import click
from click.exceptions import BadParameter, MissingParameter, NoSuchOption, UsageError

HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数", "Usage": "用法"}
METAVARS = {"TEXT": "文本", "PATH": "路径", "INTEGER": "整数", "FILE": "文件", "DIRECTORY": "文件夹",
            "FLOAT": "数字", "COMMAND": "命令", "ARGS": "参数", "OPTIONS": "选项", "BOOLEAN": "是/否"}
_METAVAR_RE = re.compile(r"\b(" + "|".join(METAVARS) + r")\b")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` display columns (Chinese breaks anywhere, Latin at spaces)."""
    lines, line = [], ""
    for ch in text:
        if _width(line + ch) > width:
            cut = line.rfind(" ") if ch != " " and line[-1:].isascii() and " " in line else -1
            lines.append(line[:cut] if cut > 0 else line)
            line = (line[cut + 1:] if cut > 0 else "") + ch
        else:
            line += ch
    return lines + [line] if line or not lines else lines


def _metavars(text: str) -> str:
    return _METAVAR_RE.sub(lambda m: METAVARS[m.group(1)], text)


class ZhFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _metavars(args), prefix="用法：")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """Click's definition list, with terms aligned by display width (a Chinese character is two
        columns wide on a terminal)."""
        rows = [(_metavars(term), re.sub(r"\[default: (.*?)\]", r"［默认：\1］", text.replace("[required]", "［必填］")))
                for term, text in rows]
        first = min(max((_width(t) for t, _ in rows), default=0), col_max) + col_spacing
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            if _width(term) <= first - col_spacing:
                self.write(" " * (first - _width(term)))
            else:
                self.write("\n" + " " * (first + self.current_indent))
            lines = _wrap(text, max(self.width - first - self.current_indent, 20))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first + self.current_indent}}{line}\n")


class ZhContext(click.Context):
    formatter_class = ZhFormatter


class ZhCommand(click.Command):
    context_class = ZhContext

    def get_help_option(self, ctx):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = "显示本说明并退出"
        return opt

    def main(self, *args, **kwargs):
        return _main(super().main, *args, **kwargs)


class ZhGroup(click.Group):
    context_class = ZhContext
    command_class = ZhCommand

    def get_help_option(self, ctx):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = "显示本说明并退出"
        return opt

    def main(self, *args, **kwargs):
        return _main(super().main, *args, **kwargs)


ZhGroup.group_class = ZhGroup


def _main(run, *args, standalone_mode: bool = True, **kwargs):
    """Click's main, with its usage errors said in Chinese (exit code 2, as click does)."""
    if not standalone_mode:
        return run(*args, standalone_mode=False, **kwargs)
    try:
        rv = run(*args, standalone_mode=False, **kwargs)
    except UsageError as e:
        where = e.ctx.command_path if e.ctx is not None else "zhishui"
        click.echo(f"错误：{usage_error_cn(e)}\n（查看用法：{where} -h）", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        sys.exit(1)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    sys.exit(rv if isinstance(rv, int) else 0)


def _param_name(param) -> str:
    if param is None:
        return ""
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name


def usage_error_cn(e: UsageError) -> str:
    if isinstance(e, NoSuchOption):
        near = f"，是否为 {' 或 '.join(e.possibilities)}？" if e.possibilities else "。"
        return f"没有「{e.option_name}」这个选项{near}"
    if isinstance(e, MissingParameter):
        what = "选项" if isinstance(e.param, click.Option) else "参数"
        return f"缺少{what}「{_param_name(e.param)}」"
    if isinstance(e, BadParameter):
        return f"「{_param_name(e.param)}」的值不对：{_bad_value_cn(e.message)}"
    text = e.format_message()
    m = re.match(r"No such command '(.+?)'\.?", text)
    if m:
        return f"没有「{m.group(1)}」这个命令"
    m = re.match(r"Got unexpected extra arguments? \((.+)\)", text)
    if m:
        return f"多出了参数：{m.group(1)}（带空格的路径请加引号）"
    m = re.match(r"Option '(.+?)' requires an argument", text)
    if m:
        return f"选项「{m.group(1)}」后面要写一个值"
    m = re.match(r"Missing command", text)
    if m:
        return "没有写要执行的命令"
    return text


_PATH_ERRORS = [
    (r"(?:File|Directory|Path) '(.+?)' does not exist\.?", "「{0}」不存在"),
    (r"File '(.+?)' is a directory\.?", "「{0}」是文件夹，这里要的是文件"),
    (r"Directory '(.+?)' is a file\.?", "「{0}」是文件，这里要的是文件夹"),
    (r"(?:File|Directory|Path) '(.+?)' is not readable\.?", "没有权限读取「{0}」"),
    (r"(?:File|Directory|Path) '(.+?)' is not writable\.?", "没有权限写入「{0}」"),
    (r"'(.+?)' is not a valid integer( range)?\.?", "「{0}」不是整数"),
    (r"'(.+?)' is not one of (.+)\.", "「{0}」不是可选的值（可选：{1}）"),
]


def _bad_value_cn(message: str) -> str:
    for pattern, cn in _PATH_ERRORS:
        m = re.fullmatch(pattern, message.strip())
        if m:
            return cn.format(*m.groups())
    return message
