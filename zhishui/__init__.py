"""治水督办助手 (zhishui): the engine behind the Excel add-in and the ``zhishui`` command."""
import time as _time

__version__ = "0.1.0"
STARTED = _time.perf_counter()   # a click imports this first: the add-in reports its time from here


def main():
    """What the ribbon button runs: xlwings' RunMain imports the module named like the
    add-in file (zhishui.xlam -> ``import zhishui; zhishui.main()``)."""
    from .addin.macros import main as run_addin
    run_addin()
