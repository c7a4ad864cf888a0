"""Uploads being received, written down before their file is stored, so a server killed mid-request loses none.

Trial 13 killed ``zhishui serve`` (kill -9) with six uploads in flight: five had their bytes stored by hash and no
row, and after the restart no page mentioned them.  Now ``receive`` first writes a journal entry (the unit, the
receipt number, the server's time, the hash), then stores the file, reads it, records the row, and removes the
entry.  An entry left behind is an upload its server died receiving: the next start records it as
「上传中断，未确认收到」 (``Workspace.recover``).

Several processes may serve one data folder and database: each journals in its own folder and holds an
operating-system lock on ``<folder>.lock`` while it lives (released however it dies: runlock.py), so a starting
server takes over only the entries of servers that are gone, never those of one still receiving.
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import weakref
from pathlib import Path

from ..fileutil import atomic_path
from ..runlock import _read_holder, _try_lock, _write_holder


class Journal:
    def __init__(self, root):
        self.root = Path(root)
        self.instance = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.folder = self.root / self.instance
        self.folder.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.root / f"{self.instance}.lock", os.O_RDWR | os.O_CREAT, 0o666)
        _try_lock(self._fd)                   # a new file of a new name: nobody else holds it
        _write_holder(self._fd, {"pid": os.getpid(), "host": socket.gethostname()})
        weakref.finalize(self, os.close, self._fd)   # held while this server's workspace lives

    def begin(self, entry: dict) -> Path:
        """Write down an upload about to be stored (its receipt number names the entry)."""
        path = self.folder / f"{entry['receipt_no']}.json"
        with atomic_path(path, sweep=False) as tmp:
            tmp.write_text(json.dumps(entry, ensure_ascii=False, default=str), encoding="utf-8")
        return path

    @staticmethod
    def end(path: Path) -> None:
        path.unlink(missing_ok=True)

    def hashes(self) -> set[str]:
        """The files every server (this one, others alive, others gone) is receiving or was."""
        out = set()
        for p in self.root.glob("*/*.json"):
            with contextlib.suppress(OSError, ValueError):
                out.add(json.loads(p.read_text(encoding="utf-8"))["sha256"])
        return out

    def orphaned(self):
        """(entries, release) for each folder whose server is gone: its entries, and a call that removes the
        folder once they are recorded.  A folder whose lock is held belongs to a live server and is left alone."""
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir() and p != self.folder):
            lock = self.root / f"{folder.name}.lock"
            try:
                fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError:
                continue
            holder = _read_holder(fd)
            # (POSIX locks are the process's: one of this process's own workspaces would look gone)
            if holder.get("pid") == os.getpid() and holder.get("host") == socket.gethostname() or not _try_lock(fd):
                os.close(fd)
                continue
            entries = []
            for p in sorted(folder.glob("*.json")):
                with contextlib.suppress(OSError, ValueError):
                    entries.append(json.loads(p.read_text(encoding="utf-8")))

            def release(folder=folder, lock=lock, fd=fd):
                shutil.rmtree(folder, ignore_errors=True)
                os.close(fd)
                with contextlib.suppress(OSError):
                    lock.unlink()
            yield entries, release
