"""File names from user text, and writes that never leave half a file behind."""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from .errors import ZhishuiError

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(text: str, max_len: int = 80, default: str = "未命名") -> str:
    """A name that is safe on Windows and still readable: unit names never become
    paths unsanitised (no separators, no .., no reserved device names)."""
    s = unicodedata.normalize("NFC", str(text or ""))
    s = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", s)   # one "_" per run: 区/水利局 stays distinct from 区水利局
    s = re.sub(r"\s+", " ", s).strip(" ._")
    s = s.replace("..", "_")
    if not s:
        s = default
    if s.split(".")[0].upper() in _RESERVED:
        s = "_" + s
    if len(s) > max_len:
        s = s[:max_len].rstrip(" .")
    return s


def unique_path(folder: Path, stem: str, suffix: str, taken: set | None = None) -> Path:
    """folder/stem.suffix, numbered (2), (3) … when two names collide after sanitising."""
    taken = taken if taken is not None else set()
    cand = folder / f"{stem}{suffix}"
    n = 2
    while cand.name.lower() in taken:
        cand = folder / f"{stem}({n}){suffix}"
        n += 1
    taken.add(cand.name.lower())
    return cand


@contextlib.contextmanager
def atomic_path(target):
    """Yield a temporary path in the target's folder; on success it replaces the
    target in one step, on failure it is removed and the target is untouched."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ZhishuiError(f"无法创建输出文件夹（{e.strerror or e}）", file=target.parent,
                           hint="请检查路径和写入权限")
    fd, tmp = tempfile.mkstemp(prefix=".~zhishui-", suffix=target.suffix, dir=str(target.parent))
    os.close(fd)
    tmp = Path(tmp)
    try:
        yield tmp
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise ZhishuiError("无法写入输出文件，可能正在Excel或Word中打开", file=target,
                               hint="请关闭该文件后重试")
    finally:
        if tmp.exists():
            tmp.unlink()


def save_workbook(wb, target) -> Path:
    """openpyxl workbook -> target, atomically."""
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)
