"""Read a file in a child process that may die without taking the collect with it.

A native reader can abort the whole process on a hostile file (python-calamine
aborts when a sheet claims more cells than memory holds), or run long.  On
POSIX one child, forked on first use and reused for every file (fork costs
about 5 ms, a round trip under 1 ms), reads under an address-space limit
(RLIMIT_AS) and a time limit; if it dies or overruns it is replaced and the
file gets a Chinese reason.  Elsewhere (Windows: no fork, no RLIMIT_AS) the
reader runs in-process and only the checks made before reading protect it.
"""
from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
import time

from .errors import ZhishuiError
from .limits import READ_MEMORY, READ_SECONDS, size_cn

ISOLATED = os.name == "posix" and hasattr(os, "fork") and os.environ.get("ZHISHUI_READ_INPROCESS") != "1"


def _vm_size() -> int:
    """This process's address space now (bytes), the base the child's limit is added to."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class _Child:
    def __init__(self):
        import multiprocessing as mp
        self.owner = os.getpid()        # a forked process (a server's worker) starts a child of its own
        ctx = mp.get_context("fork")
        self.conn, child_conn = ctx.Pipe()
        base = _vm_size()
        self.proc = ctx.Process(target=_serve, args=(child_conn, self.conn, base + READ_MEMORY if base else 0),
                                daemon=True)
        self.proc.start()
        child_conn.close()

    def send(self, fn, args) -> None:
        try:
            self.conn.send((fn, args))
        except OSError:     # the child is gone: its exit code says why
            self.proc.join(5)
            raise _Died(self.proc.exitcode)

    def receive(self, deadline: float):
        """The answer to the request sent first and not yet answered; ``deadline`` (monotonic)
        is the time limit counted from when that request was sent."""
        if not self.conn.poll(max(0.0, deadline - time.monotonic())):
            self.stop()
            raise _Timeout
        try:
            ok, value = self.conn.recv()
        except (EOFError, OSError):
            self.proc.join(5)
            raise _Died(self.proc.exitcode)
        if ok:
            return value
        raise value

    def stop(self):
        try:
            self.proc.kill()
            self.proc.join(5)
        except (OSError, ValueError, AttributeError):
            pass
        try:
            self.conn.close()
        except OSError:
            pass


class _Timeout(Exception):
    pass


class _Died(Exception):
    def __init__(self, exitcode):
        super().__init__(exitcode)
        self.exitcode = exitcode


def _close_inherited(keep: int) -> None:
    """Fork copies every descriptor the parent had open: a browser driver's pipe, a server's
    socket, a half-written file.  Held here, their other ends never see EOF (the parent waits
    for a driver that waits for it), so the child keeps only its own pipe and 0-2."""
    try:
        os.closerange(3, keep)
        os.closerange(keep + 1, max(keep + 2, os.sysconf("SC_OPEN_MAX")))
    except (OSError, ValueError):
        pass


def _serve(conn, parent_end, limit: int):
    """The child: read requests until the parent goes away (its end of the pipe closes: the
    child must not hold that end itself, or a killed parent would leave it waiting forever)."""
    parent_end.close()
    _close_inherited(conn.fileno())
    try:   # a native reader's dying words (Rust's "memory allocation failed", a backtrace) are not for the clerk
        import faulthandler
        faulthandler.disable()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl+C is for the parent; it then closes the pipe
    if limit:
        import resource
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            os._exit(0)
        try:
            out = (True, fn(*args))
        except ZhishuiError as e:
            out = (False, e)
        except MemoryError:
            out = (False, _memory_error(args))
        except BaseException as e:  # noqa: BLE001 - any failure of a reader is this file's problem
            out = (False, ZhishuiError("文件内容已损坏或格式不正确，无法读取", file=_name(args), code="CORRUPT",
                                       hint=f"请用Excel或WPS打开后重新保存（技术信息：{type(e).__name__}: {str(e)[:120]}）"))
        try:
            conn.send(out)
        except MemoryError:
            conn.send((False, _memory_error(args)))
        except Exception as e:  # noqa: BLE001 - e.g. a value that cannot be pickled
            conn.send((False, ZhishuiError(f"文件读取结果无法传回（{type(e).__name__}）", file=_name(args),
                                           code="CORRUPT", hint="请用Excel或WPS打开后重新保存")))


def _name(args):
    return args[1] if len(args) > 1 else None


def _memory_error(args):
    return ZhishuiError(f"读取这个文件需要的内存超过{size_cn(READ_MEMORY)}的限制，未读取", file=_name(args),
                        code="TOO_LARGE", hint="文件中可能有大量空白行列或被构造的内容；请删除多余内容后重新保存")


_child: _Child | None = None


def _shutdown():
    global _child
    if _child is not None:
        _child.stop()
        _child = None


atexit.register(_shutdown)


# one request at a time on the child's pipe: the web server reads uploads on several threads, and
# two requests interleaved on one pipe mix their answers (a return read as another unit's, or lost)
_lock = threading.Lock()
# a request sent ahead (prefetch): (fn, args, monotonic time sent)
_pending: tuple | None = None


def run(fn, *args):
    """fn(*args) in the reading child (a module-level function; args[1] names the file for messages).
    ZhishuiError for every failure, including the child's death or a time overrun."""
    global _pending
    if not ISOLATED:
        return fn(*args)
    with _lock:
        if _pending is not None and _pending[0] is fn and _pending[1] == args and _child.owner == os.getpid():
            ahead, _pending = _pending, None
            return _answer(ahead[1], ahead[2])
        _drop()         # another caller's read ahead: its answer is collected and dropped
        return _run(fn, args)


def prefetch(fn, *args) -> None:
    """Send a request the caller will make next with run(fn, *args): the child reads that file
    while this process works on the one before (collect waits for the slower of the two, not for
    both).  At most one request is ahead; if another run() comes first, it drops this one."""
    global _pending
    if not ISOLATED:
        return
    with _lock:
        if _pending is not None:
            return
        try:
            _child_now().send(fn, args)
        except _Died:
            return      # run() will start a new child and say what happened
        _pending = (fn, args, time.monotonic())


def drop_ahead() -> None:
    """Collect and drop a request sent ahead that nobody will ask for (the next file turned out
    not to be read), so that it is not left for whoever reads next, or for a forked process."""
    if not ISOLATED:
        return
    with _lock:
        _drop()


def _drop() -> None:
    """Collect the answer to the request sent ahead and drop it (under _lock).  A request the
    process this one was forked from sent is not ours to read: only forgotten."""
    global _pending
    if _pending is None:
        return
    ahead, _pending = _pending, None
    if _child is not None and _child.owner == os.getpid():
        try:
            _answer(ahead[1], ahead[2])
        except ZhishuiError:
            pass


def _child_now() -> _Child:
    global _child
    if _child is None or _child.owner != os.getpid() or not _child.proc.is_alive() or _child.proc.pid is None:
        _child = _Child()
    return _child


def _run(fn, args):
    sent = time.monotonic()
    try:
        _child_now().send(fn, args)
    except _Died as e:
        return _failed(e, args)
    return _answer(args, sent)


def _answer(args, sent: float):
    try:
        return _child.receive(sent + READ_SECONDS)
    except (_Timeout, _Died) as e:
        return _failed(e, args)


def _failed(e: Exception, args):
    global _child
    _child = None
    if isinstance(e, _Timeout):
        raise ZhishuiError(f"读取超过{READ_SECONDS}秒仍未完成，已停止读取", file=_name(args), code="READ_TIMEOUT",
                           hint="文件可能过大或已损坏；请用Excel或WPS打开后另存为.xlsx再汇总")
    how = _exit_cn(e.exitcode)
    raise ZhishuiError(f"读取这个文件时读取程序异常终止（{how}），文件未读取", file=_name(args), code="READ_ABORTED",
                       hint="文件可能被构造或已损坏，或需要超过"
                            f"{size_cn(READ_MEMORY)}的内存；请用Excel或WPS打开后另存为.xlsx再汇总")


def _exit_cn(code) -> str:
    if code is None:
        return "原因不明"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return {"SIGABRT": "内存分配失败", "SIGKILL": "被系统终止", "SIGSEGV": "内存访问错误"}.get(name, f"信号{name}")
    return f"退出码{code}"


if sys.platform == "darwin":   # RLIMIT_AS is not honoured there; fork after ObjC init is unsafe
    ISOLATED = False
