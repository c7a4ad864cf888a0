"""Progress on long work: a bar on the terminal (tqdm) while collect, split and docs run.

The engine takes a plain callback ``progress(done, total)``; the command line makes
one here.  The bar appears only when standard error is a terminal (not in a pipe, a
log file, a scheduled task or Excel) and only once the work has lasted DELAY seconds:
a short run prints nothing extra.  Labels are Chinese; tqdm is imported only for a
terminal, so a plain run pays nothing for it.
"""
from __future__ import annotations

import contextlib
import os
import sys

DELAY = float(os.environ.get("ZHISHUI_PROGRESS_DELAY", "1.5"))   # seconds before a bar shows
FORMAT = "{desc}：{percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} {unit} [已用{elapsed}，约剩{remaining}]"


def on_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def terminal_bar(label: str, unit: str):
    """Yield a progress(done, total) callback drawing a bar, or None when there is no terminal."""
    if not on_terminal():
        yield None
        return
    from tqdm import tqdm
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:   # made at the first step, when the total is known
            bar = tqdm(total=total, desc=label, unit=unit, delay=DELAY, leave=False, file=sys.stderr,
                       bar_format=FORMAT, dynamic_ncols=True)
        if bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.close()
