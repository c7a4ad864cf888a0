"""One list of the words an office's name ends with (zhishui/unitwords.py), and what each reader adds to it."""
from __future__ import annotations

import pytest

from zhishui import columns, unitnames
from zhishui.plan import attributions, unitheadings, unitshapes
from zhishui.unitwords import OFFICE_ENDINGS, SECTION_OFFICE, ending_re

READERS = {
    "list cells (columns)": columns.UNIT_SUFFIX_RE,
    "names (unitnames)": unitnames._UNIT_END_RE,
    "plan text (attributions)": attributions.UNIT_SUFFIX_RE,
    "names run together (unitshapes)": unitshapes.UNIT_END_RE,
    "unit headings (unitheadings)": unitheadings.UNIT_END_RE,
}


@pytest.mark.parametrize("reader", list(READERS))
def test_every_reader_takes_every_office(reader):
    for word in OFFICE_ENDINGS:
        sample = {SECTION_OFFICE: "公路段"}.get(word, word)       # (a pattern of its own: 公路段, 养护段…)
        assert READERS[reader].search("县住建" + sample), word


@pytest.mark.parametrize("name,takes", [
    # a heading is a unit only when it names an office, never a place or a park
    ("工业园区", {"list cells (columns)", "names (unitnames)", "plan text (attributions)",
                 "names run together (unitshapes)"}),
    # a bracket after the name: a heading's, and a closing bracket after a whole name
    ("县城管执法局(综合执法大队)", {"unit headings (unitheadings)", "names (unitnames)"}),
    ("城区环卫专班", {"list cells (columns)"}),
    ("县妇联", {"names (unitnames)", "plan text (attributions)", "names run together (unitshapes)"}),
    ("高新园", {"names run together (unitshapes)"}),
    ("加强河道巡查", set()),
    ("重点路段", set()),
])
def test_what_each_reader_adds(name, takes):
    assert {r for r, rx in READERS.items() if rx.search(name)} == takes


def test_a_bracket_after_the_name():
    assert ending_re(after="[）)]?").search("县水务局）") and not ending_re().search("县水务局）")
