"""The most one collect accepts, in one place (README「限制」lists them for the clerk).

Each limit is far above what a real month needs (a province's 300 returns hold
about 82,000 cells; a return is a few hundred KB) and low enough that whatever an
inbox holds, a collect stays under 1 GB of memory on a clerk's 4 GB machine.
Each has its own anomaly code and message, raised where the limit is checked.
"""
from __future__ import annotations

MB = 1024 * 1024

MAX_FILE_BYTES = 100 * MB          # one file, one zip member, or the unpacked parts of one workbook
MAX_TOTAL_BYTES = 2048 * MB        # everything received by one collect (disk: spooled zip members, the archive)
MAX_FILES = 5000                   # files received by one collect, zip members included
MAX_ZIP_DEPTH = 5                  # a zip inside a zip ... this many levels
MAX_CELL_TEXT = 32767              # characters in one cell: Excel's own limit
MAX_CELLS_PER_FILE = 200_000      # used range (from A1) of all sheets of one file, blanks inside it included
MAX_CELLS_PER_RUN = 500_000       # non-empty cells read by one collect (~550 MB, measured)

# The child process that reads a spreadsheet (POSIX): beyond these it is stopped.
READ_SECONDS = 60
READ_MEMORY = 512 * MB             # address space the reader may add to what it started with


def size_cn(n: int) -> str:
    """Bytes as a clerk reads them: 1.5GB, 190MB, 12KB."""
    if n >= 1024 * MB:
        return f"{n / (1024 * MB):.1f}GB"
    if n >= MB:
        return f"{n / MB:.0f}MB" if n % MB == 0 or n >= 10 * MB else f"{n / MB:.1f}MB"
    return f"{max(1, n // 1024)}KB"


def count_cn(n: int) -> str:
    """A count as Chinese text: 1000000 -> 100万, 17179869184 -> 171.8亿."""
    if n >= 100_000_000:
        return f"{n / 100_000_000:.1f}亿"
    if n >= 10_000:
        return f"{n / 10_000:g}万" if n % 10_000 == 0 else f"{n / 10_000:.1f}万"
    return str(n)
