"""One run at a time per list: a lock file beside the list's archive (<清单名>_督办档案.lock).

Two clerks, or a click in Excel and a scheduled task, may start a run on the same
list at once; both would write the same history and outputs.  The second waits
a short time, then is told who holds the lock (process, start time, machine) and
what to do.  The lock is an operating-system lock on the file (fcntl on POSIX,
msvcrt on Windows), so it is released the moment its holder dies however it dies;
the holder's details are written into the file for the message.  A lock file left
by a killed run is therefore simply taken over (and said so).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sys
import time
from pathlib import Path

from .errors import ZhishuiError

WAIT_SECONDS = float(os.environ.get("ZHISHUI_LOCK_WAIT", "15"))
POLL = 0.2


def lock_path(list_path, history_folder=None) -> Path:
    """Where the lock of a list lives: beside its archive folder (or beside --history)."""
    if history_folder:
        h = Path(history_folder)
        return h.parent / f"{h.name}.lock"
    p = Path(list_path)
    return p.parent / f"{p.stem}_督办档案.lock"


def _try_lock(fd) -> bool:
    if os.name == "nt":
        import msvcrt
        try:   # a byte far past the holder's details, so they stay readable while locked
            os.lseek(fd, 1 << 20, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _read_holder(fd) -> dict:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, 4096)
        return json.loads(raw.decode("utf-8").strip() or "{}")
    except (OSError, ValueError, UnicodeDecodeError):
        return {}


def _write_holder(fd, info: dict) -> None:
    data = json.dumps(info, ensure_ascii=False).encode("utf-8")
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, data)
    with contextlib.suppress(OSError):
        os.fsync(fd)


def _holder_cn(h: dict) -> str:
    who = f"进程{h.get('pid', '?')}"
    if h.get("command"):
        who += f"（{h['command']}）"
    return f"{who}，开始于{h.get('started', '未知时间')}，电脑「{h.get('host', '未知')}」" + \
        (f"，用户{h['user']}" if h.get("user") else "")


@contextlib.contextmanager
def list_lock(list_path, history_folder=None, command: str = "", notes: list | None = None):
    """Hold the list's lock for the duration of a run. ``notes`` receives a Chinese line when a
    lock left by a run that did not finish was taken over."""
    path = lock_path(list_path, history_folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as e:
        raise ZhishuiError(f"无法创建运行锁文件（{e.strerror or e}）", file=path,
                           hint="请检查清单所在文件夹的写入权限，或用 --history 指定其他文件夹") from None
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                h = _read_holder(fd)
                raise ZhishuiError(
                    f"同一份清单正在由另一次运行处理：{_holder_cn(h)}；已等待{WAIT_SECONDS:g}秒",
                    file=path, code="BUSY",
                    hint="请等它完成后再运行；如果确认那次运行已经停止（例如电脑已重启、窗口已关闭），"
                         "稍后重试即可自动接管；如果是另一台电脑在处理共享文件夹中的清单，请与使用那台电脑的同事确认")
            time.sleep(POLL)
        before = _read_holder(fd)
        if before and notes is not None:
            notes.append(f"上次运行（{_holder_cn(before)}）没有正常结束，已接管它留下的运行锁；"
                         "请核对上次的输出文件，本次运行会重新生成")
        _write_holder(fd, {"pid": os.getpid(), "host": socket.gethostname(),
                           "user": os.environ.get("USERNAME") or os.environ.get("USER") or "",
                           "started": dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
                           "command": command or " ".join(Path(sys.argv[0]).name.split()[:1] + sys.argv[1:2])})
        try:
            yield path
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)   # an empty lock file: the last run finished
    finally:
        os.close(fd)   # releases the lock
