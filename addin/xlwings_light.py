"""xlwings, imported without numpy, pandas and matplotlib.

Excel starts a fresh Python for every click of the ribbon button.  xlwings imports
numpy, pandas, matplotlib.pyplot, PIL and plotly at import time whenever they are
installed (to convert arrays and insert pictures), and matplotlib is installed for
the 通报's charts: 0.6–0.9 s of every click, before anything happens.  The macros
read and write plain lists, so those packages are hidden while xlwings is imported
(a ``None`` in ``sys.modules`` makes ``import`` fail, which xlwings handles) and
visible again right after: the 通报's charts still import matplotlib themselves.
"""
from __future__ import annotations

import sys

HEAVY = ("numpy", "pandas", "matplotlib", "PIL", "plotly")


def import_xlwings():
    if "xlwings" in sys.modules:
        return sys.modules["xlwings"]
    hidden = [m for m in HEAVY if m not in sys.modules]
    for m in hidden:
        sys.modules[m] = None
    try:
        import xlwings
    finally:
        for m in hidden:
            if sys.modules.get(m, 0) is None:
                del sys.modules[m]
    return xlwings


xlwings = import_xlwings()
