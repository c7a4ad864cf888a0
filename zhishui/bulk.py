"""Reading a month in bulk: Python's cyclic garbage collector paused while it is read.

Reading a province's returns makes about a million small objects (one per cell read)
and no reference cycles.  With the collector running, every few thousand new objects
it rescans the growing heap: measured, a third of collect's time at 10,000 tasks and
the part that grew faster than the month.  Reference counting still frees everything.
"""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused_gc():
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
