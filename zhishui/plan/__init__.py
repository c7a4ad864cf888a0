"""Import a plan document (工作方案/实施方案/整改方案) into a responsibility list.

read (readers, texttables; traditional characters read as simplified) -> understand (tables, attributions, prose, dates) -> assemble -> write.
"""
from __future__ import annotations

from .assemble import PlanImport, PlanTask, assemble
from .leftovers import unimported_duties
from .readers import read_plan
from .spacing import close_paragraph_gaps
from .traditional import read_as_simplified, restore_tasks


def import_plan(path) -> PlanImport:
    original = close_paragraph_gaps(read_plan(path))
    doc, restore = read_as_simplified(original)
    res = assemble(doc)
    res.review.extend(unimported_duties(doc.paragraphs, res.tasks, res.review, "责任清单表格" in res.layouts))
    if restore is not None:
        restore_tasks(res.tasks, restore)
        res.review = [(w, restore(t), why) for w, t, why in res.review]
        res.document = original
        original.notes[:] = doc.notes
    return res


__all__ = ["PlanImport", "PlanTask", "import_plan"]
