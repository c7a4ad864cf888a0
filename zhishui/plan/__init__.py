"""Import a plan document (工作方案/实施方案/整改方案) into a responsibility list.

read (readers, texttables) -> understand (tables, attributions, prose, dates) -> assemble -> write.
"""
from __future__ import annotations

from .assemble import PlanImport, PlanTask, assemble
from .readers import read_plan


def import_plan(path) -> PlanImport:
    return assemble(read_plan(path))


__all__ = ["PlanImport", "PlanTask", "import_plan"]
