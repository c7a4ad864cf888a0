"""Install zhishui.xlam into Excel (Windows) and point it at this Python.

Two steps, both grounded in the add-in's own VBA (module ``xlwings``):

1. ``xlwings addin install --file <zhishui.xlam>`` (xlwings/cli.py) copies the
   file into Excel's XLSTART folder and loads it. xlwings has no
   ``__main__``, so ``python -m xlwings`` does not work; we call
   ``xlwings.cli.main()`` through ``python -c``.
2. Write ``INTERPRETER_WIN`` to the user config file the VBA reads:
   ``GetConfigFilePath = Environ("USERPROFILE") & "\\." & PROJECT_NAME & "\\" & PROJECT_NAME & ".conf"``
   with ``Public Const PROJECT_NAME As String = "myaddin"``. The file is read
   with VBA ``Input #`` (``"KEY","value"`` records, ANSI code page), matching
   keys case-insensitively (``LCase(sVarName) = LCase(sName)``).

The add-in's own config sheet stays ``_myaddin.conf`` (inactive), otherwise
its empty ``Interpreter_Win`` row would win over this file (see README).
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from zhishui.errors import ZhishuiError

# VBA: Public Const PROJECT_NAME As String = "myaddin" (same in every quickstart add-in).
PROJECT_NAME = "myaddin"
INTERPRETER_KEY = "INTERPRETER_WIN"
ADDIN_FILE = Path(__file__).resolve().with_name("zhishui.xlam")

CLI_HINT = ("WPS 或 Linux 上请直接使用命令行：zhishui check / zhishui split / "
            "zhishui collect / zhishui docs（运行 zhishui --help 查看用法）")


def _is_windows() -> bool:
    return sys.platform == "win32"


def _file_encoding() -> str:
    # VBA Open/Input #/Write # use the ANSI code page (GBK on Chinese Windows),
    # which Python calls "mbcs". Elsewhere (tests) UTF-8.
    return "mbcs" if _is_windows() else "utf-8"


def user_config_path(home: Path | None = None) -> Path:
    """%USERPROFILE%\\.myaddin\\myaddin.conf, as computed by the VBA GetConfigFilePath."""
    if home is None:
        home = Path(os.environ.get("USERPROFILE") or Path.home())
    return Path(home) / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf"


def default_interpreter() -> str:
    """This Python. python.exe rather than pythonw.exe: the VBA default is
    "python", RunPython hides the console itself (WindowStyle 0) and reads
    stderr via ``2> log``; xlwings' own ``config create`` also writes sys.executable."""
    exe = Path(sys.executable)
    if exe.name.lower() == "pythonw.exe" and exe.with_name("python.exe").is_file():
        return str(exe.with_name("python.exe"))
    return str(exe)


def read_user_config(path: Path, encoding: str | None = None) -> dict[str, str]:
    """Keys (as written) -> values of a ``"KEY","value"`` file; {} if absent."""
    path = Path(path)
    if not path.is_file():
        return {}
    raw = path.read_bytes()
    try:
        text = raw.decode(encoding or _file_encoding())
    except UnicodeDecodeError:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ZhishuiError("配置文件无法读取（编码不对）", file=path,
                               hint="请删除该文件后重新运行 zhishui addin install") from None
    result: dict[str, str] = {}
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))):
        if not row or not row[0].strip():
            continue
        result[row[0].strip()] = row[1] if len(row) > 1 else ""
    return result


def write_user_config(path: Path, interpreter: str, *, encoding: str | None = None) -> dict[str, str]:
    """Set INTERPRETER_WIN in the config file, keeping every other key.

    Returns the merged settings. Keys are matched case-insensitively like the
    VBA does, so an old ``"Interpreter_Win"`` line is replaced, not duplicated.
    """
    path = Path(path)
    if '"' in interpreter:
        raise ZhishuiError(f"Python 路径不能含有英文双引号：{interpreter}")
    settings = read_user_config(path, encoding)
    settings = {k: v for k, v in settings.items() if k.upper() != INTERPRETER_KEY}
    settings[INTERPRETER_KEY] = interpreter
    # Same layout as VBA Write #: "KEY","value" with CRLF.
    text = "".join(f'"{k}","{v}"\r\n' for k, v in settings.items())
    try:
        data = text.encode(encoding or _file_encoding())
    except UnicodeEncodeError:
        raise ZhishuiError(f"Python 路径含有本机系统编码无法表示的字符：{interpreter}",
                           hint="请把 Python 安装到只含英文和数字的文件夹（例如 C:\\Python311）后重试") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return settings


def _xlwings_cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "import xlwings.cli; xlwings.cli.main()", *args]


def _check_interpreter(interpreter: str) -> tuple[bool, str]:
    """Can this interpreter import zhishui and xlwings, and does zhishui.main exist?"""
    code = ("import xlwings, zhishui; "
            "print(xlwings.__version__, hasattr(zhishui, 'main'))")
    try:
        proc = subprocess.run([interpreter, "-c", code], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"无法运行该 Python：{exc}"
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["（无错误输出）"])[-1]
        return False, f"该 Python 无法导入 zhishui/xlwings：{last}"
    version, has_main = (proc.stdout.split() + ["?", "?"])[:2]
    msg = f"该 Python 可以导入 zhishui，xlwings 版本 {version}"
    if has_main != "True":
        return False, msg + "，但 zhishui 没有 main()，加载项的「运行」按钮会出错"
    return True, msg


def install(interpreter: str | None = None, *, dry_run: bool = False,
            home: Path | None = None) -> list[str]:
    """Install the add-in (Windows) or describe the plan (dry_run). Returns Chinese lines."""
    interp = interpreter or default_interpreter()
    cfg = user_config_path(home)
    windows = _is_windows()
    if not windows and not dry_run:
        raise ZhishuiError(
            "Excel 加载项只能安装在装有桌面版 Excel 的 Windows 电脑上，当前系统不是 Windows",
            hint=CLI_HINT, code="PLATFORM")
    build_hint = "请先运行 python -m zhishui.addin.build_addin 生成"
    if not ADDIN_FILE.is_file() and not dry_run:
        raise ZhishuiError("找不到加载项文件", file=ADDIN_FILE, hint=build_hint, code="MISSING")

    existing = read_user_config(cfg)
    kept = [k for k in existing if k.upper() != INTERPRETER_KEY]
    plan = [
        f"加载项文件：{ADDIN_FILE}",
        f"安装方式：xlwings addin install --file \"{ADDIN_FILE}\"（复制到 Excel 的启动文件夹 XLSTART）",
        f"用户配置文件：{cfg}",
        f"写入设置：\"{INTERPRETER_KEY}\",\"{interp}\"",
        f"保留原有设置：{'、'.join(kept)}" if kept else "原有其他设置：无",
    ]
    if dry_run:
        lines = ["【演练】以下操作不会真正执行："] + plan
        if not ADDIN_FILE.is_file():
            lines.append(f"注意：加载项文件尚未生成，{build_hint}。")
        if not windows:
            lines.append("注意：当前系统不是 Windows，真正安装只能在装有桌面版 Excel 的 Windows 电脑上进行；"
                         + CLI_HINT + "。")
        return lines

    if not Path(interp).is_file():
        # VBA ExecuteWindows would only say "Could not find Interpreter!".
        raise ZhishuiError(f"找不到 Python：{interp}", hint="请用 --interpreter 指定 python.exe 的完整路径")

    write_user_config(cfg, interp)
    lines = [f"已写入用户配置文件：{cfg}（{INTERPRETER_KEY} = {interp}）"]

    proc = subprocess.run(_xlwings_cli("addin", "install", "--file", str(ADDIN_FILE)),
                          capture_output=True, text=True)
    output = (proc.stdout + proc.stderr).strip()
    # xlwings prints its errors and still exits 0, so look for its success text.
    if proc.returncode != 0 or "Successfully installed" not in output:
        raise ZhishuiError(f"xlwings 安装加载项失败：{output or '无输出'}",
                           hint="请先关闭所有 Excel 窗口再重试")
    lines.append(f"已安装加载项 zhishui.xlam 到 Excel 启动文件夹（xlwings：{output.splitlines()[-1]}）")
    ok, msg = _check_interpreter(interp)
    lines.append(("检查通过：" if ok else "警告：") + msg)
    lines.append("请重新打开 Excel，功能区会出现「治水督办」选项卡。")
    return lines


def diagnose(home: Path | None = None) -> list[str]:
    """Chinese troubleshooting lines for "Excel cannot find Python"."""
    cfg = user_config_path(home)
    lines = [f"用户配置文件：{cfg}"]
    settings = read_user_config(cfg)
    interp = next((v for k, v in settings.items() if k.upper() == INTERPRETER_KEY), "")
    if not cfg.is_file():
        lines.append("配置文件不存在：Excel 会直接运行 PATH 中的 python。请运行 zhishui addin install。")
    elif not interp:
        lines.append(f"配置文件中没有 {INTERPRETER_KEY}：Excel 会直接运行 PATH 中的 python。请运行 zhishui addin install。")
    else:
        lines.append(f"配置的 Python：{interp}")
        if not Path(interp).is_file():
            lines.append("该文件不存在（Excel 会提示 Could not find Interpreter!）。请重新运行 zhishui addin install。")
        else:
            ok, msg = _check_interpreter(interp)
            lines.append(("正常：" if ok else "问题：") + msg)
            if not ok and "main()" in msg:
                lines.append("请把本工具升级到最新版本（zhishui.main 是「运行」按钮调用的入口）。")
            elif not ok:
                lines.append("请用该 Python 重新安装本工具，或在装有本工具的 Python 下重新运行 zhishui addin install。")
    lines.append(f"提示：工作簿中名为「{PROJECT_NAME}.conf」的工作表、或工作簿同一文件夹中的"
                 f" {PROJECT_NAME}.conf 文件优先于上述配置文件，如有请检查或删除。")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="安装「治水督办」Excel 加载项（仅 Windows）")
    ap.add_argument("--interpreter", help="Excel 调用的 python.exe（默认：当前 Python）")
    ap.add_argument("--dry-run", action="store_true", help="只显示将要做的操作")
    ap.add_argument("--diagnose", action="store_true", help="排查「找不到 Python」问题")
    args = ap.parse_args(argv)
    try:
        lines = diagnose() if args.diagnose else install(args.interpreter, dry_run=args.dry_run)
    except ZhishuiError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
