"""zhishui import: plan documents -> responsibility list.

Truth is independent of the importer: hand-labelled task lists (tests/data/plans/truth)
for the corpus and seeds 000/002/004, and the sample workbooks built from seeds 001 and
003 by samples/build_samples.py.  Word files are made from the seed text by
scripts/build_plan_docs.py (real Word tables for 001 and 003) and exported to PDF by
LibreOffice.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import openpyxl
import pytest

import plan_scoring as ps
from conftest import LIST001, LIST003, ROOT, SEEDS, office_convert, seed_text
from zhishui.plan import import_plan
from zhishui.plan.leftovers import WHY_TAIL
from zhishui.plan.writer import to_json, write_workbook
from zhishui.tasks import load_list
from zhishui.unitnames import split_units

ZHISHUI = [sys.executable, "-m", "zhishui.cli"]


def _build_module():
    spec = importlib.util.spec_from_file_location("build_plan_docs", ROOT / "scripts" / "build_plan_docs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def plan_docs(tmp_path_factory):
    """seed key -> {"txt", "docx", "pdf"} paths."""
    if not SEEDS.is_dir():
        pytest.skip("seeds absent")
    out = tmp_path_factory.mktemp("plans")
    made = _build_module().build(out, SEEDS)
    docs = {}
    for key, docx in made.items():
        pdf = office_convert(docx, "pdf", out / "pdf")
        docs[key] = {"txt": next(SEEDS.glob(f"{key}_*.txt")), "docx": docx, "pdf": pdf}
    for key in ("001", "003"):
        # the text opened in LibreOffice and saved as Word: one paragraph per line, empty paragraphs
        # between them, table cells kept apart by tabs (w:tab)
        docs[key]["lodocx"] = office_convert(docs[key]["txt"], "docx:MS Word 2007 XML", out / "lo")
    return docs


def _truth(name):
    return json.loads((ps.TRUTH / f"{name}.json").read_text(encoding="utf-8"))["tasks"]


# --- the corpus -----------------------------------------------------------------------------

def _corpus_scores(split: str):
    return ps.corpus_scores(split)


def test_heldout_corpus_recall_roles_deadlines():
    """The first documents set aside before any rule was written (c01, c04, c07); looked at
    since, so no longer clean.  Eight tasks only: one task with a unit in the wrong role costs
    12.5 points, so the role floor here is 85%; the 90% aim is checked on the whole corpus below."""
    t = ps.totals(_corpus_scores("heldout"))
    assert t["tasks"] >= 8
    assert t["recall"] >= 0.95, t
    assert t["role_accuracy"] >= 0.85, t
    assert t["deadline_kept"] >= 0.9, t


def test_whole_corpus_and_seeds_roles():
    """Every document rules may be written on (dev, the old held-out part, seeds 000/002/004)
    meets the issue's aim; the clean held-out part heldout2 is measured separately below."""
    scores = _corpus_scores("dev") + _corpus_scores("heldout")
    for key in ("000", "002", "004"):
        res = import_plan(next(SEEDS.glob(f"{key}_*.txt")))
        scores.append(ps.score_tasks(key, _truth(f"seed{key}"), [t.to_dict() for t in res.tasks]))
    t = ps.totals(scores)
    assert t["tasks"] >= 160
    assert t["recall"] >= 0.95 and t["role_accuracy"] >= 0.9 and t["deadline_kept"] >= 0.95, t


# First run of the importer on heldout2 (tests/data/plans/heldout2_first_run.txt): 26 of 43 tasks
# found, 21 of them with every unit in the right role.  heldout2 was looked at in the round that set
# heldout3 aside (its errors gave the rules of tests/test_plan_layouts_round3.py), so it is no longer
# clean: it now holds what it reads after those rules, and heldout3 is the clean part (below).
HELDOUT2_FIRST_RUN = {"tasks": 43, "found": 26, "roles_ok": 21}
HELDOUT2_NOW = {"tasks": 43, "found": 43, "roles_ok": 43}


def test_heldout2_corpus_not_below_what_it_reads_now():
    t = ps.totals(_corpus_scores("heldout2"))
    assert t["tasks"] == HELDOUT2_NOW["tasks"]
    assert t["found"] >= HELDOUT2_NOW["found"], t
    assert t["roles_ok"] >= HELDOUT2_NOW["roles_ok"], t
    assert t["deadline_kept"] >= 0.95, t


# First run of the importer on heldout3 (tests/data/plans/heldout3_first_run.txt): 30 of 60 tasks found,
# 28 of them with every unit in the right role, 12/12 deadlines kept.  heldout3 was looked at in the round
# that set heldout4 aside (its errors gave the rules of tests/test_plan_layouts_round4.py), so it is no
# longer clean: it now holds what it reads after those rules and the run-together table reader (h307, a
# table whose cells a copy ran together, plan/runtogether.py), and heldout4 is the clean part (below).
HELDOUT3_FIRST_RUN = {"tasks": 60, "found": 30, "roles_ok": 28}
HELDOUT3_NOW = {"tasks": 60, "found": 60, "roles_ok": 60}


def test_heldout3_corpus_not_below_what_it_reads_now():
    t = ps.totals(_corpus_scores("heldout3"))
    assert t["tasks"] == HELDOUT3_NOW["tasks"]
    assert t["found"] >= HELDOUT3_NOW["found"], t
    assert t["roles_ok"] >= HELDOUT3_NOW["roles_ok"], t
    assert t["deadline_kept"] >= 0.95, t


# First run of the importer on each part while it was clean (tests/data/plans/<part>_first_run.txt):
# (tasks labelled, found, found with every unit in the right role, the line the file records).
# - heldout4: 1 of 2 deadlines kept; its errors gave round 5's rules.
# - heldout5: 2 of 2 deadlines kept, 12 extra items; its errors gave round 6's rules (test_plan_layouts_round6).
# - heldout6: on round 6's rules, 6 of 8 deadlines kept, 14 extra items; a second clean run on round 7's
#   generic readers found 49 (heldout6_second_run.txt); its errors gave round 8's rules.
# - heldout7: on round 8's rules and the check of plan/leftovers.py, 12 of 23 deadlines kept, 13 extra items;
#   its errors were looked at in round 10.
# - heldout8: on the same rules as heldout7's first run, 2 of 3 deadlines kept, 12 extra items; a second clean
#   run after rounds 9-10 found 59 (heldout8_second_run.txt); its errors were looked at in round 11.
# - heldout9: on the rules of round 11 and again with round 12's general checks (the same figures), 2 of 3
#   deadlines kept, 16 extra items; its errors were looked at in round 12 (with six labels of h902 put in the
#   corpus's form, its first run reads 76/101, 51/76: heldout9_first_run.txt).
# - heldout10: on the rules of round 11 (and 68/119, 32/68 with all of round 12, which never saw it), 2 of 2
#   deadlines kept, 9 extra items; its errors were looked at in round 13.
# - heldout11: the same figures on the rules of round 11, with round 12 and with round 13 (which never saw it);
#   1 of 6 deadlines kept, 7 extra; its errors were looked at in round 14 (test_plan_layouts_round14).
# - heldout12: on the rules of round 13, 3 of 9 deadlines kept, 10 extra; with round 14 (which never saw it)
#   97/135, 64/97 — the first round that moved the next clean part; its errors were looked at in round 15
#   (test_plan_layouts_round15).
# - heldout13: on the rules of round 13, no deadlines labelled, 14 extra; 45/114, 37/45 with round 14 and 57/114,
#   50/57 with round 15 (neither saw it); its errors were looked at in round 16 (test_plan_layouts_round16).
# - heldout14: on the rules of round 13, 4 of 6 deadlines kept, 25 extra; 62/115, 33/62 with rounds 14-15 and
#   61/115, 34/61 with round 16 (none saw it); its errors were looked at in round 17 (test_plan_layouts_round17).
# - heldout15: on the rules of round 13, 3 of 4 deadlines kept, 23 extra; 78/110, 35/78 with rounds 14-16 and the
#   same with round 17 (none saw it); its errors were looked at in round 18 (test_plan_layouts_round18).
# - heldout16: on the rules of round 13, 1 of 2 deadlines kept, 7 extra; 53/94, 15/53 with rounds 14-17 and 52/94,
#   14/52 with round 18 (none saw it); its errors were looked at in round 19 (test_plan_layouts_round18's last test).
# - heldout17: on the rules of round 13, 53/90 tasks, 20/53 roles; 44/90, 22/44 with rounds 14-19 (none saw it):
#   round 14 lost nine of its tasks (totals on each round's commit, heldout17_first_run.txt); a second run after the
#   fallback's items joined the readers' few tasks (found on heldout13/14): 51/90, 26/51; still clean (totals only).
# No part may fall below its first run, nor below what it reads now (NOW: found, every unit right).
FIRST_RUNS = {
    "heldout4": (49, 29, 25, "import heldout4: tasks 29/49 = 59.2%"),
    "heldout5": (80, 31, 21, "import heldout5: tasks 31/80 = 38.8%, roles all right 21/31 = 67.7%"),
    "heldout6": (82, 38, 20, "import heldout6: tasks 38/82 = 46.3%, roles all right 20/38 = 52.6%"),
    "heldout7": (88, 66, 30, "import heldout7: tasks 66/88 = 75.0%, roles all right 30/66 = 45.5%"),
    "heldout8": (74, 61, 39, "import heldout8: tasks 61/74 = 82.4%, roles all right 39/61 = 63.9%"),
    "heldout9": (101, 70, 45, "import heldout9: tasks 70/101 = 69.3%, roles all right 45/70 = 64.3%"),
    "heldout10": (119, 67, 30, "import heldout10: tasks 67/119 = 56.3%, roles all right 30/67 = 44.8%"),
    "heldout11": (96, 72, 52, "import heldout11: tasks 72/96 = 75.0%, roles all right 52/72 = 72.2%"),
    "heldout12": (135, 93, 56, "import heldout12: tasks 93/135 = 68.9%, roles all right 56/93 = 60.2%"),
    "heldout13": (114, 50, 44, "import heldout13: tasks 50/114 = 43.9%, roles all right 44/50 = 88.0%"),
    "heldout14": (115, 56, 31, "import heldout14: tasks 56/115 = 48.7%, roles all right 31/56 = 55.4%"),
    "heldout15": (110, 77, 34, "import heldout15: tasks 77/110 = 70.0%, roles all right 34/77 = 44.2%"),
    "heldout16": (94, 51, 8, "import heldout16: tasks 51/94 = 54.3%, roles all right 8/51 = 15.7%"),
    # heldout17 fell below its first run with round 14 (44/90) and stayed below after the fallback change (51/90); round
    # 20, written on its errors, took it to 64/90 and 58/64, so its first run is a floor again
    "heldout17": (90, 53, 20, "import heldout17: tasks 53/90 = 58.9%, roles all right 20/53 = 37.7%"),
    # heldout18: 46/77, 29/46 on the rules of round 13; 46/77, 34/46 with rounds 14-19; 49/77, 36/49 with round 20,
    # which never saw it (heldout18_first_run.txt); its errors were looked at in round 21
    "heldout18": (77, 46, 29, "import heldout18: tasks 46/77 = 59.7%, roles all right 29/46 = 63.0%"),
    # heldout19: 76/103, 33/76 on the rules of round 13; 76/103, 41/76 with rounds 14-19; 78/103, 43/78 with rounds 20
    # and 21, which never saw it (heldout19_first_run.txt); its errors were looked at in round 22
    "heldout19": (103, 76, 33, "import heldout19: tasks 76/103 = 73.8%, roles all right 33/76 = 43.4%"),
    # heldout20: 63/97, 46/63 on the rules of round 13; 65/97, 51/65 with rounds 14-19; 66/97, 52/66 with rounds 20-22,
    # none of which saw it (heldout20_first_run.txt); its errors were looked at in round 23
    "heldout20": (97, 63, 46, "import heldout20: tasks 63/97 = 64.9%, roles all right 46/63 = 73.0%"),
    # heldout21: 50/64, 32/50 on the rules of round 13; 51/64, 37/51 with rounds 14-19 and the same with rounds 20-23,
    # none of which saw it (heldout21_first_run.txt); its errors were looked at in round 24
    "heldout21": (64, 50, 32, "import heldout21: tasks 50/64 = 78.1%, roles all right 32/50 = 64.0%"),
    # heldout23: 40/75, 29/40 on the rules of round 13; 44/75, 32/44 with rounds 14-19; 48/75, 36/48 with rounds 20-25
    # and the trial's fixes, none of which saw it (heldout23_first_run.txt); its errors were looked at in round 26
    "heldout23": (75, 40, 29, "import heldout23: tasks 40/75 = 53.3%, roles all right 29/40 = 72.5%"),
    # heldout24: 38/59, 22/38 on the rules of round 13; 39/59, 23/39 with rounds 14-19; 34/59, 23/34 with round 20
    # (which cost it five tasks, h2404's) and 35/59, 24/35 with rounds 20-26, none of which saw it
    # (heldout24_first_run.txt); round 27, written on its errors, won h2404 back (40/59, 32/40): a floor again
    "heldout24": (59, 38, 22, "import heldout24: tasks 38/59 = 64.4%, roles all right 22/38 = 57.9%"),
    # heldout25: 51/86, 33/51 on the rules of round 13; 63/86, 45/63 with rounds 14-19; 60/86, 44/60 with rounds
    # 20-26; 63/86, 45/63 with round 27, none of which saw it (heldout25_first_run.txt); its errors were looked at in
    # round 28
    "heldout25": (86, 63, 45, "import heldout25: tasks 63/86 = 73.3%, roles all right 45/63 = 71.4%"),
    # heldout26: 53/66, 30/53 on the rules of round 13; 55/66, 32/55 with rounds 14-19; 53/66, 32/53 with rounds
    # 20-26; 54/66, 33/54 with rounds 27 and 28, none of which saw it (heldout26_first_run.txt); its errors were
    # looked at in round 29
    "heldout26": (66, 54, 33, "import heldout26: tasks 54/66 = 81.8%, roles all right 33/54 = 61.1%"),
    # heldout27: 46/84, 35/46 on the rules of round 13; 51/84, 44/51 with rounds 14-19; 52/84, 44/52 with rounds
    # 20-26; 63/84, 46/63 with rounds 27-28; 67/84, 46/67 with round 29, none of which saw it
    # (heldout27_first_run.txt); its errors were looked at in round 30
    "heldout27": (84, 67, 46, "import heldout27: tasks 67/84 = 79.8%, roles all right 46/67 = 68.7%"),
    # heldout28: 54/80, 37/54 on the rules of round 13; 61/80, 47/61 with rounds 14-19; 61/80, 48/61 with rounds
    # 20-26 and the same with rounds 27-30, none of which saw it (heldout28_first_run.txt); its errors were looked
    # at in round 31
    "heldout28": (80, 61, 48, "import heldout28: tasks 61/80 = 76.2%, roles all right 48/61 = 78.7%"),
    # heldout30 (h30*, 11 documents): 45/74, 37/45 on the rules of round 13; 48/74, 43/48 with rounds 14-19; 53/74,
    # 45/53 with rounds 20-26; 54/74, 46/54 with rounds 27-32 and the trial's fixes, none of which saw it
    # (heldout30_first_run.txt); its errors were looked at in round 33
    "heldout30": (74, 54, 46, "import heldout30: tasks 54/74 = 73.0%, roles all right 46/54 = 85.2%"),
    # heldout31 (h31*, 15 documents, still clean, totals only): 45/80, 26/45 on the rules of round 13; 48/80, 31/48 with
    # rounds 14-19; 45/80, 30/45 with rounds 20-26; 49/80, 33/49 with rounds 27-32; 50/80, 34/50 with the first part
    # of round 33, none of which saw it (heldout31_first_run.txt)
    "heldout31": (80, 50, 34, "import heldout31: tasks 50/80 = 62.5%, roles all right 34/50 = 68.0%"),
    # heldout33 (h33*, 15 documents): 44/93, 22/44 on the rules of round 13; 50/93, 27/50 with
    # rounds 14-19; 53/93, 29/53 with rounds 20-26; 63/93, 34/63 with rounds 27-32; 64/93, 36/64 with round 33; 65/93,
    # 38/65 with the first part of round 34, none of which saw it (heldout33_first_run.txt); its errors were looked at
    # in round 35
    "heldout33": (93, 65, 38, "import heldout33: tasks 65/93 = 69.9%, roles all right 38/65 = 58.5%"),
    # heldout34 (h34*, 15 documents): 21/46, 10/21 on the rules of round 13; 21/46, 11/21 with
    # rounds 14-19; 22/46, 12/22 with rounds 20-26; 25/46, 12/25 with rounds 27-32; 26/46, 12/26 with round 33; 26/46,
    # 13/26 with round 34, none of which saw it (heldout34_first_run.txt); its errors were looked at in round 38
    "heldout34": (46, 26, 13, "import heldout34: tasks 26/46 = 56.5%, roles all right 13/26 = 50.0%"),
    # heldout35 (h35*, 15 documents): 38/67, 21/38 on the rules of round 13; 40/67, 22/40 with
    # rounds 14-19; 41/67, 22/41 with rounds 20-26; 42/67, 22/42 with rounds 27-32; 43/67, 23/43 with round 33;
    # 48/67, 23/48 with rounds 34-35 and the trial's fixes and the same with round 36, none of which saw it
    # (heldout35_first_run.txt); its errors were looked at in round 37
    "heldout35": (67, 48, 23, "import heldout35: tasks 48/67 = 71.6%, roles all right 23/48 = 47.9%"),
    # heldout36 (h36*, 14 documents): 35/50, 21/35 on the rules of round 13; 37/50, 24/37 with
    # rounds 14-26; 38/50, 25/38 with rounds 27-33; 41/50, 26/41 with rounds 34-37 and the trial's fixes, none of which
    # saw it (heldout36_first_run.txt); its errors were looked at in round 39
    "heldout36": (50, 41, 26, "import heldout36: tasks 41/50 = 82.0%, roles all right 26/41 = 63.4%"),
    # heldout37 (h37*, 15 documents): 26/41, 15/26 on the rules of round 13 and with rounds
    # 14-19; 28/41, 17/28 with rounds 20-26; 30/41, 18/30 with rounds 27-32; 30/41, 19/30 with rounds 33-37 and the
    # same with round 38, none of which saw it (heldout37_first_run.txt); its errors were looked at in round 40 (which
    # also found its labels quote four units' paragraphs with the unit's name: plan_scoring reads such a label by the
    # words after the name now, so 4 of its tasks count as found that did not at its first run)
    "heldout37": (41, 30, 19, "import heldout37: tasks 30/41 = 73.2%, roles all right 19/30 = 63.3%"),
    # heldout38 (h38*, 15 documents): 25/46, 8/25 on the rules of round 13; 25/46, 9/25 with
    # rounds 14-19; 26/46, 10/26 with rounds 20-32; 27/46, 10/27 with rounds 33-37 and the same with round 38, none of
    # which saw it (heldout38_first_run.txt); its errors were looked at in round 41
    "heldout38": (46, 27, 10, "import heldout38: tasks 27/46 = 58.7%, roles all right 10/27 = 37.0%"),
    # heldout39 (h39*, 15 documents): 35/52, 13/35 on the rules of round 13; 33/52, 14/33 with
    # rounds 14-19; 34/52, 16/34 with rounds 20-26; 35/52, 18/35 with rounds 27-32; 35/52, 20/35 with rounds 33-37 and
    # the same with rounds 38 and 39, none of which saw it (heldout39_first_run.txt); its errors were looked at in round 42
    "heldout39": (52, 35, 20, "import heldout39: tasks 35/52 = 67.3%, roles all right 20/35 = 57.1%"),
    # heldout40 (h40*, 14 documents): 23/46, 15/23 on the rules of round 13 and with rounds
    # 14-19; 25/46, 15/25 with rounds 20-26; 24/46, 14/24 with rounds 27-32; 26/46, 17/26 with rounds 33-37 and with
    # round 38; 25/46, 17/25 with rounds 39-42 (round 39 cost it one task), none of which saw it
    # (heldout40_first_run.txt); its errors were looked at in round 43
    "heldout40": (46, 25, 17, "import heldout40: tasks 25/46 = 54.3%, roles all right 17/25 = 68.0%"),
    # heldout41 (h41*, 15 documents, still clean, totals only): 29/46, 16/29 on the rules of round 13; 33/46, 19/33 with
    # rounds 14-19; 33/46, 20/33 with rounds 20-26; 33/46, 21/33 with rounds 27-38; 32/46, 21/32 with rounds 39-41 and the
    # trial of session 13 (round 39 cost it one task), none of which saw it (heldout41_first_run.txt); its task total
    # with round 43 (33) was printed once by mistake, no document of it was
    "heldout41": (46, 32, 21, "import heldout41: tasks 32/46 = 69.6%, roles all right 21/32 = 65.6%"),
    # heldout42 (h42*, 10 documents): 28/40, 17/28 on the rules of round 13; 27/40, 19/27 with
    # rounds 14-26; 28/40, 20/28 with rounds 27-38; 27/40, 20/27 with rounds 39-42 and the trial of session 13 (round 39
    # cost it one task, as it did heldout40 and heldout41), none of which saw it (heldout42_first_run.txt); one of its
    # documents was looked at in round 43, to find the rule that had cost it a role (see NOW)
    "heldout42": (40, 27, 20, "import heldout42: tasks 27/40 = 67.5%, roles all right 20/27 = 74.1%"),
    # heldout43 (h43*, 11 documents): 21/46, 14/21 on the rules of round 13 and with rounds
    # 14-19; 23/46, 14/23 with rounds 20-32; 25/46, 17/25 with rounds 33-37; 26/46, 19/26 with rounds 38-39; 26/46,
    # 20/26 with round 40; 26/46, 21/26 with the trial of session 13, rounds 41-42 and round 43, none of which saw it
    # (heldout43_first_run.txt); 34/46, 27/34 with round 44's label forms, on its first run's rules as on round 44's
    # (heldout43_second_run.txt); its errors were looked at in round 45
    "heldout43": (46, 26, 21, "import heldout43: tasks 26/46 = 56.5%, roles all right 21/26 = 80.8%"),
    # heldout44 (h44*, 13 documents): 32/65, 17/32 on the rules of round 13; 33/65, 17/33
    # with rounds 14-19; 33/65, 18/33 with rounds 20-32; 34/65, 19/34 with rounds 33-39; 34/65, 21/34 with round 40;
    # 33/65, 20/33 with the trial of session 13, rounds 41-42 and round 43, none of which saw it
    # (heldout44_first_run.txt); its errors were looked at in round 44
    "heldout44": (65, 33, 20, "import heldout44: tasks 33/65 = 50.8%, roles all right 20/33 = 60.6%"),
    # heldout45 (h45*, 10 documents of the water field, still clean, totals only): 21/39, 10/21 on the rules of round 13;
    # 21/39, 11/21 with rounds 14-26; 23/39, 11/23 with rounds 27-37; 26/39, 13/26 with round 38; 25/39, 13/25 with
    # round 39 (which cost it one task) and every round since, 43 and 44 included, none of which saw it
    # (heldout45_first_run.txt)
    "heldout45": (39, 25, 13, "import heldout45: tasks 25/39 = 64.1%, roles all right 13/25 = 52.0%"),
    # heldout46 (h46*, 10 documents of task-division tables, still clean, totals only): 24/50, 13/24 on the rules of
    # round 13; 24/50, 14/24 with rounds 14-43; 27/50, 14/27 with round 44 (its table headers read by meaning), none
    # of which saw it (heldout46_first_run.txt); its errors were looked at in round 48
    "heldout46": (50, 27, 14, "import heldout46: tasks 27/50 = 54.0%, roles all right 14/27 = 51.9%"),
    # heldout47 (h47*, 10 documents of county plans with a 职责分工 in prose, still clean, totals only): 35/49, 20/35 on the
    # rules of round 13; 33/49, 19/33 with rounds 14-26; 30/49, 19/30 with rounds 27-32; 29/49 or 30/49 and 21-23 roles
    # with rounds 33-40; 30/49, 23/30 with the trial of session 13 and every round since, 43-45 included, none of which
    # saw it (heldout47_first_run.txt): the later rounds lost it five tasks the rules of round 13 found (each found then
    # with wrong units, inside the numbered-item fallback's one task for a paragraph); its errors were looked at in round 46
    "heldout47": (49, 30, 23, "import heldout47: tasks 30/49 = 61.2%, roles all right 23/30 = 76.7%"),
    # heldout48 (h48*, 14 documents of notices and letters handing units their tasks, still clean, totals only): 40/54,
    # 19/40 on the rules of round 13; 40/54 and 20-24 roles with rounds 14-32; 38/54 with rounds 33-39; 40/54, 26/40
    # with the trial of session 13 and every round since, 43-46 included, none of which saw it (heldout48_first_run.txt);
    # its errors were looked at in round 47
    "heldout48": (54, 40, 26, "import heldout48: tasks 40/54 = 74.1%, roles all right 26/40 = 65.0%"),
    # heldout49 (h49*, 6 documents of water, environment and agriculture offices, still clean, totals only): 11/15, 8/11 on
    # the rules of round 13 and with rounds 14-19; 12/15, 9/12 with rounds 20-26; 13/15, 10/13 with rounds 27-46, none
    # of which saw it (heldout49_first_run.txt)
    "heldout49": (15, 13, 10, "import heldout49: tasks 13/15 = 86.7%, roles all right 10/13 = 76.9%"),
    # heldout50 (h50*, 4 documents from document-sharing sites, still clean, totals only): 13/17, 11/13 on the rules of
    # round 13 to 37; 14/17, 11/14 with rounds 38-46, none of which saw it (heldout50_first_run.txt)
    "heldout50": (17, 14, 11, "import heldout50: tasks 14/17 = 82.4%, roles all right 11/14 = 78.6%"),
    # heldout51 (h51*, 10 documents of flood control, reservoirs, water saving and water supply): 19/47, 9/19 on the rules
    # of round 13; 36/47, 15/36 with rounds 14-38; 26/47, 14/26 with rounds 39-49, none of which saw it
    # (heldout51_first_run.txt: round 39 lost ten of the tasks found)
    "heldout51": (47, 26, 14, "import heldout51: tasks 26/47 = 55.3%, roles all right 14/26 = 53.8%"),
    # heldout52 (h52*, 13 documents of city appearance, veterans, property, anti-drug work, geological hazards, elderly
    # care): 34/54, 12/34 on the rules of round 13; 35/54, 20/35 with rounds 14-48; 35/54, 21/35 with round 49, none of
    # which saw it (heldout52_first_run.txt)
    "heldout52": (54, 35, 20, "import heldout52: tasks 35/54 = 64.8%, roles all right 20/35 = 57.1%"),
    # heldout53 (h53*, 4 documents: livestock and rural environment in towns): 13/17, 8/13 on the rules of round 13 and
    # with every round up to 49; 11/17, 8/11 with round 50, none of which saw it (heldout53_first_run.txt: round 50 lost two
    # of the tasks found, none of them with its roles right)
    "heldout53": (17, 11, 8, "import heldout53: tasks 11/17 = 64.7%, roles all right 8/11 = 72.7%"),
    # heldout54 (h54*, 15 documents handing out a government's year of work): 62/76, 28/62 on the rules of round 13;
    # 66/76, 37/66 with rounds 14-38; 65/76, 37/65 with rounds 39-49; 65/76, 39/65 with round 50, none of which saw it
    # (heldout54_first_run.txt); its errors were looked at in round 51, which lost two of the tasks found (their units
    # were words of the sentence: 「全力支持配合牽頭單位」), so the floor in tasks is 63
    "heldout54": (76, 63, 37, "import heldout54: tasks 65/76 = 85.5%, roles all right 37/65 = 56.9%"),
    # heldout55 (h55*, 10 documents of rural work): 26/66, 19/26 on the rules of round 13; 28/66, 19/28 with rounds
    # 14-48; 30/66, 21/30 with round 49; 33/66, 21/33 with rounds 50-51, none of which saw it (heldout55_first_run.txt)
    "heldout55": (66, 28, 19, "import heldout55: tasks 28/66 = 42.4%, roles all right 19/28 = 67.9%"),
    # heldout56 (h56*, 11 documents: business environment, employment, investment, services): 24/35, 19/24 on the rules
    # of round 13; 28/35, 19/28 with rounds 14-51, none of which saw it (heldout56_first_run.txt)
    "heldout56": (35, 28, 19, "import heldout56: tasks 28/35 = 80.0%, roles all right 19/28 = 67.9%"),
    # heldout57 (h57*, 10 documents of social governance: disputes, audits, religious affairs, ethnic unity, fraud, gas
    # safety, grids): 36/57, 22/36 on the rules of round 13; 36/57, 27/36 with rounds 14-49; 38/57, 26/38 with rounds
    # 50-54, none of which saw it (heldout57_first_run.txt)
    "heldout57": (57, 38, 26, "import heldout57: tasks 38/57 = 66.7%, roles all right 26/38 = 68.4%"),
    # heldout58 (h58*, 10 documents: noise, zero-waste city, soil, biodiversity, farmland, mines, forest chiefs): 21/51,
    # 14/21 on the rules of round 13; 37/51, 20-21/37 with rounds 14-53; 37/51, 22/37 with round 54, none of which saw it
    # (heldout58_first_run.txt)
    "heldout58": (51, 37, 22, "import heldout58: tasks 37/51 = 72.5%, roles all right 22/37 = 59.5%"),
    # heldout59 (h59*, 10 documents of public-safety campaigns: drowning, fire, e-bikes, road traffic, hazardous
    # chemicals): 35/45, 19/35 on the rules of round 13; 41/45, 22-25/41 with rounds 14-55, none of which saw it
    # (heldout59_first_run.txt)
    "heldout59": (45, 41, 25, "import heldout59: tasks 41/45 = 91.1%, roles all right 25/41 = 61.0%"),
    # heldout60 (h60*, 7 documents: cultural services, fitness, funerals, statistics, tourism): 35/40, 26/35 on the rules
    # of round 13 (rounds 14-37 lost four of its tasks found); 31-32/40 with rounds 14-53; 32/40, 31/32 with rounds
    # 54-55, none of which saw it (heldout60_first_run.txt)
    "heldout60": (40, 32, 31, "import heldout60: tasks 32/40 = 80.0%, roles all right 31/32 = 96.9%"),
    # heldout61 (h61*, 10 documents: illegal buildings, expropriation, medical insurance, house safety, parking, old
    # compounds, markets): 21/32, 13/21 on the rules of round 13; 25/32, 13/25 with rounds 14-49; 24/32, 13/24 with
    # rounds 50-56, none of which saw it (heldout61_first_run.txt: round 50 lost one task found, its roles wrong)
    "heldout61": (32, 24, 13, "import heldout61: tasks 24/32 = 75.0%, roles all right 13/24 = 54.2%"),
    # heldout62-66 (session 17), none of which saw them; the same on every commit from rounds 49 to 58 but for heldout64:
    # heldout62 (h62*, 10 documents: elderly care, women and children, barrier-free access, disability, veterans): 24/34,
    # 19/24 on the rules of round 13; 32/34, 24-25/32 with rounds 14-58 (heldout62_first_run.txt)
    "heldout62": (34, 32, 25, "import heldout62: tasks 32/34 = 94.1%, roles all right 25/32 = 78.1%"),
    # heldout63 (h63*, 10 documents: tax, illegal fundraising, township debts, village finance, state assets): 22/53, 6/22
    # on the rules of round 13; 30-32/53, 17-19 with rounds 14-58 (heldout63_first_run.txt)
    "heldout63": (53, 32, 19, "import heldout63: tasks 32/53 = 60.4%, roles all right 19/32 = 59.4%"),
    # heldout64 (h64*, 10 documents: animal epidemics, farm product quality, fishing ban): 39/67, 22/39 on the rules of
    # round 13; 50-54/67, 32-34 with rounds 14-58; 53/67, 34/53 with rounds 54-58 (heldout64_first_run.txt: round 54
    # lost one task found, and round 46-48's re-read four that round 50 found again)
    "heldout64": (67, 53, 34, "import heldout64: tasks 53/67 = 79.1%, roles all right 34/53 = 64.2%"),
    # heldout65 (h65*, 11 documents: e-licences, open government, network security, websites, archives, secrecy): 18/33,
    # 10/18 on the rules of round 13; 21/33, 14-16/21 with rounds 14-58 (heldout65_first_run.txt)
    "heldout65": (33, 21, 16, "import heldout65: tasks 21/33 = 63.6%, roles all right 16/21 = 76.2%"),
    # heldout66 (h66*, 9 documents of water work: rural sewage, river chiefs, water sources, tail water, manure): 26/45,
    # 19/26 on the rules of round 13; 31-33/45, 21-22 with rounds 14-58 (heldout66_first_run.txt)
    "heldout66": (45, 33, 22, "import heldout66: tasks 33/45 = 73.3%, roles all right 22/33 = 66.7%"),
    # heldout67-69 (session 18), none of which saw them; the same on every commit from round 52 (heldout67: from the
    # rules of session 13) to session 18's review form:
    # heldout67 (h67*, 10 documents: civil air defence, conscription, militia, national-defence education, Army Day):
    # 35/58, 23/35 on the rules of round 13; 42/58, 33/42 with rounds 14-61 (heldout67_first_run.txt)
    "heldout67": (58, 42, 33, "import heldout67: tasks 42/58 = 72.4%, roles all right 33/42 = 78.6%"),
    # heldout68 (h68*, 10 documents: social-insurance funds, illegal fund-raising, wage arrears, employment, trade):
    # 22/44, 13/22 on the rules of round 13; 29-30/44, 22-23 with rounds 14-61 (heldout68_first_run.txt)
    "heldout68": (44, 30, 23, "import heldout68: tasks 30/44 = 68.2%, roles all right 23/30 = 76.7%"),
    # heldout69 (h69*, 10 documents: grid management, disputes, funeral customs, intellectual property, audit): 36/53,
    # 22/36 on the rules of round 13; 37/53, 26 with rounds 14-51; 42/53, 30/42 with rounds 52-61 (heldout69_first_run.txt)
    "heldout69": (53, 42, 30, "import heldout69: tasks 42/53 = 79.2%, roles all right 30/42 = 71.4%"),
    # heldout70 (h70*, session 19, 10 documents of education: dropout control, school food safety, campus safety,
    # off-campus training, student aid): 30/50, 12/30 on the rules of round 13; 38/50, 19/38 with rounds 14-37;
    # 36/50, 23/36 with rounds 38-61 and session 18's review form (heldout70_first_run.txt)
    "heldout70": (50, 36, 23, "import heldout70: tasks 36/50 = 72.0%, roles all right 23/36 = 63.9%"),
    # heldout71 (h71*, session 20, 10 documents of city management: waste sorting, 门前三包/四包, street cleaning,
    # small advertisements, fire lanes): 38/60, 29/38 on the rules of round 13; 44/60, 37/44 with rounds 14-37;
    # 45/60, 37/45 with rounds 38-61 and sessions 18-19 (heldout71_first_run.txt)
    "heldout71": (60, 45, 37, "import heldout71: tasks 45/60 = 75.0%, roles all right 37/45 = 82.2%"),
    # heldout72 (h72*, session 20, 10 documents of market regulation: lifts and gas cylinders, consumer rights, fees
    # charged to enterprises, enterprise start-up, 证照分离, weighing instruments): 26/39, 13/26 on the rules of
    # round 13; 29/39, 21/29 with rounds 14-37; 30/39, 23/30 with rounds 38-61 and sessions 18-19
    "heldout72": (39, 30, 23, "import heldout72: tasks 30/39 = 76.9%, roles all right 23/30 = 76.7%"),
    # heldout74 (h74*, session 21, 10 documents of rule of law and records): 15/41, 6/15 on the rules of round 13;
    # 22/41, 9/22 with rounds 14-37; 22/41, 12/22 with rounds 38-61 and sessions 18-20; 24/41, 14/24 with session
    # 21's last reader of a body, written without it (heldout74_first_run.txt)
    "heldout74": (41, 24, 14, "import heldout74: tasks 24/41 = 58.5%, roles all right 14/24 = 58.3%"),
    # heldout75 (h75*, session 22, 10 documents of science, industry and investment): 28/51, 13/28 on the rules of
    # round 13; 30/51, 15/30 with rounds 14-37; 31/51, 15/31 with rounds 38-61 and sessions 18-20; 32/51, 16/32 with
    # session 21's last reader of a body and with session 22's rules from heldout73-74, written without it
    # (heldout75_first_run.txt)
    "heldout75": (51, 32, 16, "import heldout75: tasks 32/51 = 62.7%, roles all right 16/32 = 50.0%"),
    # heldout76 (h76*, session 22, 10 documents of land and natural resources): 36/46, 28/36 on the rules of round 13;
    # 40/46, 30/40 with rounds 14-37; 39/46, 31/39 with rounds 38-61 and sessions 18-20; 41/46, 33/41 with session 21's
    # last reader of a body and with session 22's rules, written without it (heldout76_first_run.txt)
    "heldout76": (46, 41, 33, "import heldout76: tasks 41/46 = 89.1%, roles all right 33/41 = 80.5%"),
    # heldout77-79 (h77*-h79*, session 23, 10 documents each of public health, party and mass work, utilities and
    # resources): 39/56, 27/45, 19/35 on the rules of round 13; 43/56, 40/45, 23/35 with rounds 14-37; 41/56, 41/45,
    # 23/35 with session 21's last reader of a body, session 22's rules and session 23's first rules from
    # heldout75-76, written without them (heldout77_first_run.txt … heldout79_first_run.txt)
    "heldout77": (56, 41, 31, "import heldout77: tasks 41/56 = 73.2%, roles all right 31/41 = 75.6%"),
    "heldout78": (45, 41, 24, "import heldout78: tasks 41/45 = 91.1%, roles all right 24/41 = 58.5%"),
    "heldout79": (35, 23, 11, "import heldout79: tasks 23/35 = 65.7%, roles all right 11/23 = 47.8%"),
    # heldout80 (h80*, session 23, 10 documents of construction and housing): 27/49, 20/27 on the rules of round 13;
    # 35/49, 31/35 with session 21's rules; 34/49, 31/34 at the end of session 22; 35/49, 32/35 with session 23's,
    # written without it (heldout80_first_run.txt)
    "heldout80": (49, 35, 32, "import heldout80: tasks 35/49 = 71.4%, roles all right 32/35 = 91.4%"),
    # heldout81-83 (h81*-h83*, session 24, 10, 9 and 9 documents of transport, rural work and medical care): 26/42,
    # 25/49, 30/57 on the rules of round 13; 34/42, 29/49, 27/57 with rounds 14-37; 34/42, 34/49, 27/57 with all of
    # session 23's rules, written without them (heldout81_first_run.txt … heldout83_first_run.txt); heldout83 was
    # higher on round 13's rules (30/57, 22/30): not a floor there
    "heldout81": (42, 34, 28, "import heldout81: tasks 34/42 = 81.0%, roles all right 28/34 = 82.4%"),
    "heldout82": (49, 34, 29, "import heldout82: tasks 34/49 = 69.4%, roles all right 29/34 = 85.3%"),
    "heldout83": (57, 27, 23, "import heldout83: tasks 27/57 = 47.4%, roles all right 23/27 = 85.2%"),
    # heldout84-85 (h84*, h85*, session 27, 10 documents each: the water field's own; task tables as pages print them):
    # 32/48, 15/32 and 24/34, 22/24 on the rules of round 13; 42/48, 25/42 and 26/34, 23/26 with every rule to session
    # 27, written without them (heldout84_first_run.txt, heldout85_first_run.txt)
    "heldout84": (48, 42, 25, "import heldout84: tasks 42/48 = 87.5%, roles all right 25/42 = 59.5%"),
    "heldout85": (34, 26, 23, "import heldout85: tasks 26/34 = 76.5%, roles all right 23/26 = 88.5%"),
}
# heldout29: 67/101, 39/67 on the rules of round 13; 76/101, 44/76 with rounds 14-19; 69/101, 42/69 with rounds 20-26
# (seven tasks fewer); 73/101, 46/73 with rounds 27-31 and the trial's fixes, none of which saw it
# (heldout29_first_run.txt): below its round-14-19 run in tasks, so not a floor here; its errors were looked at in
# round 32 (the seven tasks rounds 20-26 cost it are still to be found); NOW holds what it reads today
# heldout32 (h32*, 13 documents): 24/46, 5/24 on the rules of round 13; 26/46, 8/26 with rounds
# 14-19; 22/46, 9/22 with rounds 20-26; 22/46, 12/22 with rounds 27-32 and the same with round 33, none of which saw it
# (heldout32_first_run.txt): below its round-14-19 run in tasks, so not a floor here; its errors were looked at in
# round 36; NOW holds what it reads today
# heldout22 (h22*, still clean, totals only): 46/65, 18/46 on the rules of round 13; 43/65, 21/43 with rounds 14-19
# and 43/65, 22/43 with rounds 20-24, none of which saw it (heldout22_first_run.txt): below its first run in tasks,
# so not a floor here; its errors were looked at in round 25 (43/65, 23/43, 5 of 8 deadlines kept); NOW holds what it
# reads today


# heldout67 (clean): 45/58, 36/45 until session 23, 35/45 since a named place written once before its departments is
# given to each (银川市市场监督管理局、工业和信息化局, h7202: +2 roles there); found by its totals with the rule turned off,
# the document and the error were not looked at
NOW = {"heldout6": (82, 76), "heldout7": (84, 70), "heldout8": (73, 65), "heldout9": (94, 81),
       "heldout10": (112, 72), "heldout11": (88, 79), "heldout12": (120, 104), "heldout13": (96, 79),
       "heldout14": (98, 68), "heldout15": (93, 78), "heldout16": (76, 45), "heldout17": (79, 71),
       "heldout18": (65, 51), "heldout19": (86, 71), "heldout20": (85, 71), "heldout21": (57, 46),
       "heldout22": (53, 34), "heldout23": (58, 45), "heldout24": (45, 35), "heldout25": (72, 55),
       "heldout26": (62, 49), "heldout27": (78, 65), "heldout28": (71, 54), "heldout29": (83, 64),
       "heldout30": (63, 58), "heldout31": (69, 60), "heldout32": (31, 23), "heldout33": (75, 58),
       "heldout34": (35, 23), "heldout35": (54, 40), "heldout36": (44, 36), "heldout37": (33, 23),
       "heldout38": (31, 15), "heldout39": (37, 26),
       "heldout40": (35, 30), "heldout41": (34, 23),
       "heldout42": (29, 21), "heldout43": (44, 36), "heldout44": (52, 31),
       "heldout45": (36, 25), "heldout46": (27, 17), "heldout47": (34, 28), "heldout48": (43, 32),
       "heldout49": (14, 12), "heldout50": (14, 11), "heldout51": (30, 21), "heldout52": (37, 24),
       "heldout53": (12, 9), "heldout54": (63, 40), "heldout55": (59, 48), "heldout56": (32, 28),
       "heldout57": (42, 34), "heldout58": (43, 40), "heldout59": (41, 29), "heldout60": (32, 31),
       "heldout61": (27, 22), "heldout62": (32, 25), "heldout63": (37, 31), "heldout64": (54, 35),
       "heldout65": (22, 20), "heldout66": (42, 35),
       "heldout67": (45, 35), "heldout68": (30, 23), "heldout69": (43, 30),
       "heldout70": (37, 24), "heldout71": (46, 37), "heldout72": (31, 28),
       "heldout73": (58, 47), "heldout74": (24, 16), "heldout75": (45, 30), "heldout76": (45, 40),
       "heldout77": (42, 32), "heldout78": (41, 26), "heldout79": (23, 11), "heldout80": (35, 32),
       "heldout81": (34, 28), "heldout82": (34, 29), "heldout83": (27, 23), "heldout84": (42, 25),
       "heldout85": (26, 23)}
# heldout73 (h73*, session 21, 9 documents of culture, heritage and sport): 30/61, 20/30 on the rules of round 13;
# 39/61, 26/39 with rounds 14-37; 40/61, 27/40 with rounds 38-61, sessions 18-20 and session 21's last reader of a
# body, written without it (heldout73_first_run.txt). Opened in session 22: h7302's field lines (主办单位：…) had been
# the lead of every item to the end of the page, and its (三)组织保障 / 各主办、承办单位应做好…组织保障工作 was found only
# as the fallback joined the title to its paragraph without a stop (the unit 「组织保障各主办」); with the title ended it
# is a 组织保障 item naming no body (各主办单位 is a role, as 各责任单位), set aside with its line in 导入核对: below its
# first run in tasks (40 -> 39), so not a floor here; roles 27 -> 33; then h7306, a bureau's target table a page
# printed one cell a line with its merged cells on their first row only, read row by row with the merged cells from
# the row above (celllines.py: 1 -> 20 tasks); NOW holds what it reads today (58/61, 47/58)
# heldout55, session 22: h5509's 考核 table (one unit column, 责任部门, beside 评分部门) read the same way (1 -> 11 tasks)
# heldout40, session 21 (trial 16): 联合X… names X a co-unit as 会同X does (联合财政部门制定…); h4012's news sentence
# 县大气办联合住建、城管…等部门对…进行了现场督办,…按时限不能完成整改的由行业主管部门立案处罚 now gives those departments to
# the clause after it too (31 -> 30 roles), while heldout16 and heldout23 find one task more each and heldout70 one role
# heldout35, round 56: h3506's 「省粮食局要求各地区各单位:一要…;二要…;三要…」 is read as three points asked of them; the
# document had been read by the numbered-item fallback, whose four other tasks (each given all four units named in the
# paragraph, none with its roles right) the fallback no longer adds beside three tasks read (53 -> 49 tasks, 35 roles)
# round 44 taught plan_scoring two label forms (a flattened table's row quoted with its cells, h4407; an item quoted
# with its number, h4408, h2006, h3301): heldout20 and heldout33 each count one task more that the importer read before
# heldout42, round 43 (session 14): its floor test failed once (20 -> 19 roles: 与 inside 市规划与国土资源局 read as
# the word of working with); the per-document diff was printed to find it, so heldout42 is no longer clean
# heldout16 and heldout35, after the trial of session 13: 「主要负责同志」 is a post, so 由相关部门主要负责同志组成 /
# 请各单位主要负责同志准时参加 no longer read 相关部门 / 各单位 as a body that 主要负责s; h1601's numbered-item fallback
# had made that false unit part of its five tasks' units (two right by chance: 38 -> 36 roles), h3502 had found
# 成立…领导小组 only as that false unit's task (54 -> 53 tasks)
# heldout9, round 40: 请各乡镇、各成员单位高度重视,… is the notice's request to those bodies (h914, now right); the
# paragraph's other sentence (县森林消防队伍及各乡镇应急救援队伍…), which the numbered-item fallback had found inside
# its one task for the paragraph with the wrong unit, is no longer found (95 -> 94 tasks, 78 -> 79 roles)
# heldout20, round 39: a phrase opening with 各 is a group of bodies only when it ends like one; h2013's
# 各县(区、市)政府和开发区管委会租赁费各自负担 had been found by the numbered-item fallback with that whole phrase as
# a unit's name (its roles wrong), and is no longer found (82 -> 81 tasks)
# heldout12 and heldout13, round 38: 卫生健康、公安部门要牵头严打… makes the departments the lead, as h3412 labels it;
# h1205 labels 区农业农村局要牵头抓总 responsible (102 -> 101 roles); a stem no longer shares the kind of the unit after
# a comma (近年来,各地区、各有关部门), so h1316's 健全报告制度,各有关部门每年… is no unit list, and the two tasks the
# numbered-item fallback had found with that false name (their roles wrong) are no longer found (91 -> 89 tasks)
# heldout12: round 34 reads 民政部 as a ministry and 民政部要求,各试点单位要…;要在… as the units asked and the clause
# after theirs (h1207); the page's last paragraph (spam glued before 据介绍,国家卫生计生委和民政部将会同…) the
# numbered-item fallback had read as one task with the others is no longer joined in (120/101 -> 119/102)
# heldout15: the trial of session 12 made 牵头… in a unit's paragraph of duties its lead, as seed 000, h1104, h1706,
# h2610 and h816 label it; h1515's label has that unit responsible (69 -> 68 roles; round 36's 通知明确, won one back)
# heldout31: h3109's last paragraph, a list cut by the page store, was found only as part of the fallback's one task
# for the page; round 35 and the trial read the page's other paragraphs, and the fallback no longer joins in (69 -> 68)
# round 33 reads an item's text after its short title as a paragraph of its own, with the sentence rules: the readers
# then take a task from the item, and the numbered-item fallback, which had read the item's other sentences one by
# one, no longer joins in (heldout14: h1417's 风险防范机制 item, 90/58 -> 88/56; heldout21: h2109's 一、…各有关单位要…,
# 57/44 -> 56/43); on h2615 the sentence rules read one duty of three where the fallback had read the item as one
# task (heldout26: 63/48 -> 62/49); heldout29 gains seven tasks (73 -> 80), four of them h2914's
# heldout28: round 32 reads the sentences of an article each with its bodies where the sentence rules read fewer
# than two duties; on h2806, a regulation whose page scrambled its punctuation, that gives one role fewer (51 -> 50)
# heldout7: with round 20 h708's 「二、重点内容(一)编制年度实施方案。」 line heads the next paragraph, which
# 各省农业农村部门要… now opens as a subject (the item's words go to its category, not the task's text: one task
# less); round 21 found one more elsewhere (83/88)


# heldout23: the new user's trial of round 31 found 「领导小组办公室设在X,负责日常协调调度」 under 保障措施 imported as a
# task when the support section's item was numbered ((一)加强组织领导。…), though seed 002's own 组织保障 (the same
# sentences as prose) is not: the rule now holds for numbered items too, and h2302's label, which has the leading
# group and its office under 三、保障措施(一) as tasks, loses them (58 -> 56 tasks, 44 -> 42 roles)


@pytest.mark.parametrize("part", sorted(NOW))
def test_held_out_part_not_below_what_it_reads_now(part):
    t = ps.totals(_corpus_scores(part))
    found, roles_ok = NOW[part]
    assert t["found"] >= found and t["roles_ok"] >= roles_ok, t


@pytest.mark.parametrize("part", sorted(FIRST_RUNS))
def test_held_out_part_not_below_its_first_run(part):
    tasks, found, roles_ok, line = FIRST_RUNS[part]
    t = ps.totals(_corpus_scores(part))
    assert t["tasks"] == tasks
    assert t["found"] >= found, t
    assert t["roles_ok"] >= roles_ok, t
    assert line in (ps.PLANS / f"{part}_first_run.txt").read_text(encoding="utf-8")


# The category (重点任务) of each task found, against the hand label "g" (tests/plan_scoring.py: canon_category).
# First measured on the rules of commit 4407c1c: dev 68/68, heldout 6/8, heldout2 43/43, heldout3 40/60,
# heldout4 45/49, heldout5 73/80, seeds 93/93; after tests/test_plan_categories.py heldout3 56/60, heldout5
# 78/80.  heldout6 has no labels (its files were not opened).  heldout7 was labelled with "g" by the helper
# who gathered it; its first (clean) run: 43/66.  heldout8 the same way: 37/61.  After rounds 9-11: heldout4
# 46/49, heldout5 80/80, heldout7 68/81, heldout8 55/69.  heldout9's first run: 50/70; after round 12 69/89.
# Round 14 (a unit's heading with no heading above it is its duties' category): heldout10 55/90, heldout11 73/80.
# heldout12's first run (round 14's rules): 72/97; after round 15 80/112.  heldout13's first run (round 15's
# rules): 19/57; after round 16 35/73.  heldout14's first run (round 16's rules): 34/61; after round 17 48/77 (51/71 before the
# three-column bar table and 具体要求 found h1401's eight tasks, whose category cells the page prints before the number).
# heldout15's first run (round 17's rules): 46/78; after round 18 61/82.
CATEGORY_FLOOR = {"dev": 68, "heldout": 6, "heldout2": 43, "heldout3": 56, "heldout4": 46, "heldout5": 80,
                  "heldout7": 69, "heldout8": 55, "heldout9": 70, "heldout10": 57, "heldout11": 73, "heldout12": 82,
                  "heldout13": 35, "heldout14": 48, "heldout15": 61, "seeds": 93}


@pytest.mark.parametrize("part", sorted(CATEGORY_FLOOR))
def test_category_not_below_its_floor(part):
    scores = ps.seeds_scores() if part == "seeds" else _corpus_scores(part)
    if part == "seeds" and not scores:
        pytest.skip("seeds absent")
    t = ps.totals(scores)
    assert t["categories"] == t["found"], t          # every task found is labelled
    assert t["categories_ok"] >= CATEGORY_FLOOR[part], [m for s in scores for m in s.category_misses]


def test_category_labels_cover_every_labelled_part():
    for d in ps.manifest():
        if d["split"] == "heldout6":
            continue
        truth = json.loads((ps.TRUTH / f"{d['id']}.json").read_text(encoding="utf-8"))["tasks"]
        assert all("g" in t for t in truth), d["id"]


def test_category_comparison_ignores_numbering_not_words():
    same = ["(一)强化绿色管控", "（一）强化绿色管控", "强化绿色管控", "一、强化绿色管控。", "## 一、强化绿色管控"]
    assert all(ps.category_right(same[0], x) for x in same)
    assert not ps.category_right("(一)强化绿色管控", "(二)加快绿色转型")
    assert not ps.category_right("(一)强化绿色管控", "强化绿色管控 1.加强生态环境分区管控")
    assert ps.category_right(None, "") and not ps.category_right(None, "一、坚持绿色发展")
    assert ps.category_right(["(一)清垃圾。", "三、整治内容"], "整治内容")


# Each held-out part: (its documents' prefix, documents, tasks) as it was committed.  heldout3 was gathered and
# labelled before the rule changes of its round; heldout4 the same and before the importer ran on it (49 tasks,
# fewer than the 60 aimed at: time box); heldout5 onwards by a helper who never ran the importer on it nor read
# its rules, each while a round was written without it (5: round 6 on heldout4's errors; 6: round 7; 7: the
# leftover check and round 9; 8: rounds 9-10; 9: round 12's general checks; 10: round 12; 11: round 13;
# 12: round 14; 13: round 15; 14: round 16; 15: round 17; 16: round 18; 17: round 19; 18: round 20; 19: round 21; 20: round 22; 21: round 23; 22: round 24; 23: round 25; 24: round 26; 25: round 27; 26: round 28; 27: round 29; 28: round 30; 29: round 31; 30: round 32; 31 and 32: round 33; 33: round 34; 34: rounds 34-35; 35: round 36; 36: round 37; 37 and 38: round 38 on heldout34's errors; 39: round 39 on heldout36's errors; 40: round 40 on heldout37's errors; 41: round 41 on heldout38's; 42: round 42 on
# heldout39's — 40, 41 and 42 still clean).  See the
# manifest's note.
HELD_OUT_PARTS = {"heldout3": ("h3", 8, 60), "heldout4": ("h4", 12, 49), "heldout5": ("h5", 15, 80),
                  "heldout6": ("h6", 18, 82), "heldout7": ("h7", 19, 88), "heldout8": ("h8", 17, 74),
                  "heldout9": ("h9", 20, 101), "heldout10": ("h10", 20, 119), "heldout11": ("h11", 19, 96),
                  "heldout12": ("h12", 20, 135), "heldout13": ("h13", 20, 114), "heldout14": ("h14", 20, 115),
                  "heldout15": ("h15", 21, 110), "heldout16": ("h16", 18, 94),
                  "heldout17": ("h17", 15, 90), "heldout18": ("h18", 15, 77), "heldout19": ("h19", 16, 103),
                  "heldout20": ("h20", 15, 97), "heldout21": ("h21", 15, 64),
                  "heldout22": ("h22", 15, 65), "heldout23": ("h23", 15, 75),
                  "heldout24": ("h24", 12, 59), "heldout25": ("h25", 15, 86),
                  "heldout26": ("h26", 15, 66), "heldout27": ("h27", 15, 84),
                  "heldout28": ("h28", 15, 80), "heldout29": ("h29", 15, 101),
                  "heldout30": ("h30", 11, 74), "heldout31": ("h31", 15, 80), "heldout32": ("h32", 13, 46),
                  "heldout33": ("h33", 15, 93), "heldout34": ("h34", 15, 46),
                  "heldout35": ("h35", 15, 67), "heldout36": ("h36", 14, 50),
                  "heldout37": ("h37", 15, 41), "heldout38": ("h38", 15, 46),
                  "heldout39": ("h39", 15, 52), "heldout40": ("h40", 14, 46),
                  "heldout41": ("h41", 15, 46), "heldout42": ("h42", 10, 40),
                  "heldout43": ("h43", 11, 46), "heldout44": ("h44", 13, 65),
                  "heldout45": ("h45", 10, 39), "heldout46": ("h46", 10, 50),
                  "heldout47": ("h47", 10, 49), "heldout48": ("h48", 14, 54),
                  "heldout49": ("h49", 6, 15), "heldout50": ("h50", 4, 17),
                  "heldout51": ("h51", 10, 47), "heldout52": ("h52", 13, 54),
                  "heldout53": ("h53", 4, 17), "heldout54": ("h54", 15, 76),
                  "heldout55": ("h55", 10, 66), "heldout56": ("h56", 11, 35),
                  "heldout57": ("h57", 10, 57), "heldout58": ("h58", 10, 51),
                  "heldout59": ("h59", 10, 45), "heldout60": ("h60", 7, 40), "heldout61": ("h61", 10, 32),
                  "heldout62": ("h62", 10, 34), "heldout63": ("h63", 10, 53), "heldout64": ("h64", 10, 67),
                  "heldout65": ("h65", 11, 33), "heldout66": ("h66", 9, 45), "heldout67": ("h67", 10, 58),
                  "heldout68": ("h68", 10, 44), "heldout69": ("h69", 10, 53), "heldout70": ("h70", 10, 50),
                  "heldout71": ("h71", 10, 60), "heldout72": ("h72", 10, 39),
                  "heldout73": ("h73", 9, 61), "heldout74": ("h74", 10, 41),
                  "heldout75": ("h75", 10, 51), "heldout76": ("h76", 10, 46),
                  "heldout77": ("h77", 10, 56), "heldout78": ("h78", 10, 45), "heldout79": ("h79", 10, 35), "heldout80": ("h80", 10, 49),
                  "heldout81": ("h81", 10, 42), "heldout82": ("h82", 9, 49), "heldout83": ("h83", 9, 57),
                  "heldout84": ("h84", 10, 48), "heldout85": ("h85", 10, 34)}


def test_corpus_parts_are_fixed_and_a_third_of_the_new_documents_is_held_out():
    docs = ps.manifest()
    new = [d for d in docs if d["id"].startswith("d")]
    held = [d for d in new if d["split"] == "heldout2"]
    assert len(new) >= 15 and len(held) * 3 >= len(new)
    assert {d["split"] for d in docs} == {"dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6",
                                          "heldout7", "heldout8", "heldout9", "heldout10", "heldout11",
                                          "heldout12", "heldout13", "heldout14", "heldout15", "heldout16",
                                          "heldout17", "heldout18", "heldout19", "heldout20",
                                          "heldout21", "heldout22", "heldout23", "heldout24", "heldout25",
                                          "heldout26", "heldout27", "heldout28", "heldout29", "heldout30",
                                          "heldout31", "heldout32", "heldout33", "heldout34", "heldout35",
                                          "heldout36", "heldout37", "heldout38", "heldout39", "heldout40",
                                          "heldout41", "heldout42", "heldout43", "heldout44", "heldout45",
                                          "heldout46", "heldout47", "heldout48", "heldout49", "heldout50",
                                          "heldout51", "heldout52", "heldout53", "heldout54", "heldout55",
                                          "heldout56", "heldout57", "heldout58", "heldout59", "heldout60",
                                          "heldout61", "heldout62", "heldout63", "heldout64", "heldout65",
                                          "heldout66", "heldout67", "heldout68", "heldout69", "heldout70",
                                          "heldout71", "heldout72", "heldout73", "heldout74",
                                          "heldout75", "heldout76", "heldout77", "heldout78", "heldout79", "heldout80",
                                          "heldout81", "heldout82", "heldout83", "heldout84", "heldout85"}
    for part, (prefix, n_docs, n_tasks) in HELD_OUT_PARTS.items():
        got = [d for d in docs if d["split"] == part]
        assert len(got) >= n_docs and all(d["id"].startswith(prefix) for d in got), part
        assert sum(len(_truth(d["id"])) for d in got) >= n_tasks, part
    for d in docs:
        assert d["url"].startswith("http") and (ps.CORPUS / f"{d['id']}.txt").exists()
        assert (ps.TRUTH / f"{d['id']}.json").exists()


# --- the seeds in three formats ------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("key", ["000", "002", "004"])
def test_seed_prose_layouts(plan_docs, key, fmt):
    res = import_plan(plan_docs[key][fmt])
    s = ps.score_tasks(key, _truth(f"seed{key}"), [t.to_dict() for t in res.tasks])
    assert (s.found, s.roles_ok, s.deadlines_kept) == (s.truth, s.truth, s.deadlines_want), s.misses
    assert s.extra == 0


def _canon_units(text):
    return [ps.canon(t.name) for t in split_units(text)]


def _same_as_sample(res, sample):
    tl = load_list(sample)
    got = res.tasks
    assert [t.seq for t in got] == [t.seq for t in tl.tasks]
    for t, want in zip(got, tl.tasks):
        assert ps.canon(t.content) == ps.canon(want.content), t.seq
        assert ps.canon(t.deadline) == ps.canon(str(want.row_deadlines[0][1].raw)), t.seq
        for f, names in (("lead", t.lead), ("responsible", t.responsible), ("cooperating", t.cooperating)):
            assert [ps.canon(n) for n in names] == _canon_units(want.raw.get(f, "")), (t.seq, f)
        assert [(ps.canon(c), ps.canon(d)) for c, d, _s in t.continuation] == \
            [(ps.canon(p.content), ps.canon(str(p.deadline.raw))) for p in want.parts]


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf", "lodocx"])
def test_seed001_reproduces_the_sample_list(plan_docs, fmt):
    res = import_plan(plan_docs["001"][fmt])
    assert res.layouts == ["责任清单表格"]
    _same_as_sample(res, LIST001)


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf", "lodocx"])
def test_seed003_reproduces_the_sample_list(plan_docs, fmt):
    res = import_plan(plan_docs["003"][fmt])
    _same_as_sample(res, LIST003)
    # the body's own attributions are listed for the clerk, not imported a second time
    assert sum("未重复导入" in why for _w, _t, why in res.review) >= 15
    # …and so they are not also called duties left unread (plan/leftovers.py)
    assert not [r for r in res.review if r[2].endswith(WHY_TAIL)]


def test_seed003_document_settings(plan_docs):
    res = import_plan(plan_docs["003"]["docx"])
    m = res.meta
    assert (m.number, m.date.isoformat()) == ("新建〔2019〕182号", "2019-11-13")
    assert "新乡市城镇污水处理提质增效三年行动方案" in m.title


# --- the workbook the rest of zhishui reads -----------------------------------------------------------

def test_written_list_reads_back_with_review_settings_and_directory(plan_docs, tmp_path):
    res = import_plan(plan_docs["004"]["docx"])
    out = write_workbook(res, tmp_path / "清单.xlsx")
    tl = load_list(out)
    # the signature's date lost its 年月日 in the web copy (「2017720」): read as 7月20日 (the only
    # month and day those digits make), not the page's 发布日期 7/25; the issuer from the signature
    assert len(tl.tasks) == 47 and tl.ref_date.isoformat() == "2017-07-20"
    t14 = tl.task("14")
    assert [r.name for r in t14.lead] == ["区水务局"] and [r.raw for r in t14.responsible] == ["各相关企业"]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["任务清单", "导入核对", "原文对照", "设置", "单位名录"]
    names = [r[0].value for r in wb["单位名录"].iter_rows(min_row=2)]
    assert "区环境保护局" in names and "各相关企业" not in names
    settings = {r[0].value: r[1].value for r in wb["设置"].iter_rows(min_row=2)}
    assert settings["文号"] == "乐政办〔2017〕125号" and settings["发文机关"] == "海东市乐都区人民政府办公室"
    # pre-reform names are pointed out by the directory note, the 待核实 column carries doubts
    doubts = [r[9].value for r in wb["任务清单"].iter_rows(min_row=2) if r[9].value]
    assert any("定期" in d for d in doubts)


def test_json_has_the_fields_the_issue_names(plan_docs):
    d = to_json(import_plan(plan_docs["001"]["docx"]))
    t = d["tasks"][1]
    assert {"seq", "category", "content", "deadline", "lead_units", "responsible_units", "cooperating_units",
            "persons", "source"} <= set(t)
    assert (t["seq"], t["deadline"], t["responsible_units"], t["cooperating_units"]) == \
        ("2", "2021年12月底", ["卫星湖街道"], ["区农业农村委"])


def test_formula_like_text_stays_text(tmp_path):
    plan = tmp_path / "方案.txt"
    plan.write_text("二、主要任务\n1.=SUM(A1)开展排查。（牵头单位：县水利局）\n", encoding="utf-8")
    out = write_workbook(import_plan(plan), tmp_path / "o.xlsx")
    cell = openpyxl.load_workbook(out)["任务清单"]["C2"]
    assert cell.value.startswith("=SUM(A1)") and cell.data_type == "s"


# --- every format, and bad input ------------------------------------------------------------------

def test_gbk_text(tmp_path):
    plan = tmp_path / "gbk.txt"
    plan.write_bytes(seed_text("000").encode("gb18030"))
    assert len(import_plan(plan).tasks) == 29


def test_doc_through_libreoffice(plan_docs, tmp_path):
    doc = office_convert(plan_docs["004"]["docx"], "doc", tmp_path)
    res = import_plan(doc)
    assert len(res.tasks) == 47 and res.document.kind == "doc"


def test_saved_web_page_with_a_table(tmp_path):
    rows = load_list(LIST001).tasks
    html = ["<html><head><meta charset='utf-8'><title>永川区</title><script>var x=1;</script></head><body>",
            "<div class='nav'>首页 &gt; 政务公开</div><p>永川府办发〔2020〕82号</p>",
            "<p>重庆市永川区人民政府办公室关于印发区人大常委会水污染防治工作情况评议意见整改方案的通知</p>",
            "<table border=1><tr><th>序号</th><th>重点任务</th><th>具体举措</th><th>完成时限</th><th>牵头单位</th>"
            "<th>责任单位</th><th>配合单位</th></tr>"]
    cats: dict[str, int] = {}
    for t in rows:
        cats[t.category] = cats.get(t.category, 0) + 1
    seen = set()
    for t in rows:
        cat = ""
        if t.category not in seen:
            seen.add(t.category)
            cat = f"<td rowspan='{cats[t.category]}'>{t.category}</td>"
        html.append(f"<tr><td>{t.seq}</td>{cat}<td>{t.content}</td><td>{t.deadline.raw}</td>"
                    f"<td>{t.raw.get('lead', '')}</td><td>{t.raw.get('responsible', '')}</td>"
                    f"<td>{t.raw.get('cooperating', '')}</td></tr>")
    html.append("</table><p>抄送：区委办。</p></body></html>")
    page = tmp_path / "page.htm"
    page.write_text("".join(html), encoding="utf-8")
    res = import_plan(page)
    _same_as_sample(res, LIST001)
    assert res.meta.number == "永川府办发〔2020〕82号"
    assert [t.category for t in res.tasks] == [t.category for t in rows]


def _run(*args, cwd=None):
    return subprocess.run([*ZHISHUI, *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_scanned_pdf_is_said_so_and_nothing_written(tmp_path):
    from PIL import Image
    img = Image.new("RGB", (600, 800), "white")
    scan = tmp_path / "扫描件.pdf"
    img.save(scan)
    r = _run("import", scan, "--out", tmp_path / "o.xlsx")
    assert r.returncode == 2 and "扫描件" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "o.xlsx").exists()


def test_plan_without_tasks_says_so_and_writes_nothing(tmp_path):
    plan = tmp_path / "通知.txt"
    plan.write_text("关于召开会议的通知\n各单位：\n定于下周一召开全县治水工作会议，请准时参加。\n", encoding="utf-8")
    r = _run("import", plan, "--out", tmp_path / "o.xlsx", "--json", tmp_path / "o.json")
    assert r.returncode == 2 and "没有找到可识别的任务" in r.stderr
    assert not (tmp_path / "o.xlsx").exists() and not (tmp_path / "o.json").exists()


def test_table_whose_columns_cannot_be_told_apart_names_them(tmp_path):
    from docx import Document
    d = Document()
    d.add_paragraph("附件")
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["甲", "乙", "丙"], ["开展排查", "县水利局", "2020年底"], ["清理河道", "县住建局", "长期"]]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    plan = tmp_path / "表格.docx"
    d.save(plan)
    r = _run("import", plan)
    assert r.returncode == 2
    assert "甲、乙、丙" in r.stderr and "无法分辨" in r.stderr


def test_text_after_the_last_attribution_is_in_the_review():
    res = import_plan(ps.CORPUS / "c07_putian_hezhang.txt")
    assert any(text.startswith("(三)加强") for _w, text, _y in res.review)


# --- the month goes on from the imported list ---------------------------------------------------------------

def test_import_then_check_split_collect_docs_on_seed003(plan_docs, tmp_path):
    lst = tmp_path / "新乡清单.xlsx"
    r = _run("import", plan_docs["003"]["docx"], "--out", lst, "--json", tmp_path / "t.json")
    assert r.returncode == 0, r.stderr
    assert "已导入 37 项任务" in r.stdout
    r = _run("check", lst, "--date", "2019-12-01")
    assert r.returncode in (0, 1) and "37项任务" in r.stdout, r.stderr
    r = _run("tasks", lst)
    assert r.returncode == 0 and "37项任务" in r.stdout
    r = _run("split", lst, "--period", "2019-12", "--date", "2019-12-01", "--out", tmp_path / "报送表")
    assert r.returncode == 0, r.stderr
    files = list((tmp_path / "报送表").glob("*.xlsx"))
    assert len(files) >= 5
    # the units fill their sheets in (the folder split wrote, all blank, is stopped on: 会拦下的输入)
    import datetime as dt
    from returns_factory import fill_return
    for f in files:
        fill_return(f, tmp_path / "收回" / f.name, f.stem.split("_")[1], report_date=dt.date(2019, 12, 20),
                    mtime=dt.datetime(2019, 12, 20, 9, 30))
    r = _run("collect", lst, tmp_path / "收回", "--period", "2019-12", "--date", "2019-12-31",
             "--out", tmp_path / "汇总.xlsx", "--no-history")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "汇总.xlsx").exists()
    r = _run("docs", lst, tmp_path / "收回", "--period", "2019-12", "--date", "2019-12-31",
             "--out", tmp_path / "文书", "--no-history")
    assert r.returncode == 0, r.stderr
    assert list((tmp_path / "文书").rglob("*.docx"))


# --- the add-in's 导入方案 ------------------------------------------------------------------------------

def test_addin_import_fills_the_list_in_one_write(plan_docs, tmp_path):
    """导入方案 in the empty 督办台账 through xlwings' remote engine: 任务清单 is filled below
    its header with one clear and one write; the master then reads it like any list."""
    from zhishui.addin.macros import run
    from zhishui.addin.remote import Replay, remote_book, save_replayed
    template = ROOT / "workbook_templates" / "督办台账.xlsx"
    book, payload = remote_book(template, {("控制台", "B4"): "导入方案",
                                           ("控制台", "B10"): str(plan_docs["001"]["docx"])})
    outcome = run(book)
    actions = book.json()["actions"]
    assert outcome.outcome == "成功", outcome.notes
    writes = [a for a in actions if a["func"] == "setValues" and a["sheet_position"] ==
              [s["name"] for s in payload["sheets"]].index("任务清单")]
    assert len(writes) == 1
    filled = save_replayed(template, Replay(payload, actions), tmp_path / "台账.xlsx")
    tl = load_list(filled, sheet="任务清单")
    want = load_list(LIST001)
    assert [(t.seq, ps.canon(t.content)) for t in tl.tasks] == [(t.seq, ps.canon(t.content)) for t in want.tasks]
    assert "导入 63 项任务" in outcome.counts[0]


def test_review_lists_near_names_and_groups_to_complete(plan_docs):
    from zhishui.plan.writer import doubt_count, review_rows, task_rows
    res = import_plan(plan_docs["001"]["lodocx"])
    rows = review_rows(res)
    near = {r[1] for r in rows if "可能是同一单位" in r[2]}
    assert {"区市场管理局", "区市场监管局"} <= near            # the seed's own slip is put before the clerk
    groups = {r[1]: r[2] for r in rows if "按单位名录中的单位类型展开" in r[2]}
    towns = [u for t in res.tasks for u in t.lead + t.responsible + t.cooperating if u.endswith(("镇", "街道"))]
    assert "各镇街" in groups and f"现有{len(set(towns))}个" in groups["各镇街"]
    # the count printed is the rows with something in 待核实 plus the review rows not about one task
    assert doubt_count(res) == sum(1 for r in task_rows(res) if r[9]) + len(near) + len(groups) + \
        sum(1 for r in rows if r[0] != "单位名录" and not r[2].startswith("序号"))


def test_a_web_pages_short_issuer_gives_way_to_the_documents_own_name(plan_docs):
    # 发布机构「永川区政府办公室」on the page; the document's head says 重庆市永川区人民政府办公室
    res = import_plan(plan_docs["001"]["txt"])
    assert res.meta.issuer == "重庆市永川区人民政府办公室" and "简称" in res.meta.where["issuer"]


def test_a_pdf_of_a_table_printed_one_cell_a_line_says_which_tasks_it_did_not_read(tmp_path):
    """Seed 001's text (its table one cell a line) opened in LibreOffice and exported to PDF: the
    blank lines that told empty cells apart are gone, so most rows cannot be put into columns.
    The import must not drop them silently: the terminal and 导入核对 say how many numbered items
    there were, and each one not imported is listed with its text (a new-user trial found 59 of
    63 tasks dropped without a word)."""
    src = tmp_path / "s001.txt"
    src.write_bytes(next(SEEDS.glob("001_*.txt")).read_bytes())
    pdf = office_convert(office_convert(src, "docx", tmp_path / "docx"), "pdf", tmp_path / "pdf")
    out = tmp_path / "清单.xlsx"
    r = _run("import", pdf, "--out", out)
    assert r.returncode == 0, r.stderr
    imported = len(openpyxl.load_workbook(out)["任务清单"]["A"]) - 1
    assert "编号1—63的63个条目" in r.stderr and f"只导入了其中{imported}项" in r.stderr
    rows = list(openpyxl.load_workbook(out)["导入核对"].iter_rows(values_only=True))
    missed = [row for row in rows if row[2] and row[2].endswith("项未导入：请对照原文手工录入")]
    assert len(missed) == 63 - imported and imported < 63
    assert any(row[1] == "完善农田排灌体系。" for row in missed)


def test_a_web_pages_date_after_the_printing_date_is_not_the_signing_date(tmp_path):
    """Seed 001's web page says 成文日期 2020-09-30, its 版记 says 2020年9月24日印发: a document is
    signed before it is printed, so 设置 takes the printing date and says why, to be checked."""
    out = tmp_path / "清单.xlsx"
    r = _run("import", next(SEEDS.glob("001_*.txt")), "--out", out)
    assert r.returncode == 0, r.stderr
    settings = {row[0]: row[1:] for row in openpyxl.load_workbook(out)["设置"].iter_rows(min_row=2, values_only=True)}
    assert settings["成文日期"][0].date().isoformat() == "2020-09-24"
    assert "晚于印发日期" in settings["成文日期"][1] and "请核实" in settings["成文日期"][1]


def test_a_title_is_not_taken_from_a_line_a_pdf_cut_out_of_a_sentence(tmp_path):
    """A plan whose first line is its name and whose preamble, wrapped by its PDF at 28 characters, has a
    line 「(闽委[*]4号)和《福建省人民政府关于贯彻…」: that line was read as the title (it holds 关于) and went
    into every letter (a new-user trial); the name on the first line is the title."""
    src = tmp_path / "方案.txt"
    src.write_text("省治理“餐桌污染”建设“食品放心工程”工作实施方案\n"
                   "为贯彻落实《中共福建省委关于加强食品安全工作的意见》\n"
                   "(闽委[*]4号)和《福建省人民政府关于贯彻国务院进一步加强\n"
                   "食品安全工作决定的通知》精神，制定本方案。\n"
                   "一、工作任务\n(一)开展农贸市场整治。由省工商局承办,省卫生厅协办。\n", encoding="utf-8")
    res = import_plan(src)
    assert res.meta.title == res.meta.plan_name == "省治理“餐桌污染”建设“食品放心工程”工作实施方案"


def test_a_membership_group_is_told_to_be_completed_by_its_members_group(tmp_path):
    # 县安委会各成员单位 is no kind of office: the 单位名录's 分组 column says who belongs (README 「准备责任清单」); the review
    # said 「按单位名录中的单位类型展开；名录里还没有这类单位」 (session 18's list trials)
    from zhishui.plan.writer import review_rows
    plan = tmp_path / "方案.txt"
    plan.write_text("某县安全生产专项整治工作方案\n一、重点任务\n"
                    "1.开展危险化学品企业隐患排查（牵头单位：县应急管理局；责任单位：县安委会各成员单位；2024年6月底前）。\n"
                    "2.整治城镇燃气安全隐患（牵头单位：县住建局；责任单位：各乡镇；2024年9月底前）。\n", encoding="utf-8")
    rows = {r[1]: r[2] for r in review_rows(import_plan(plan)) if r[0] == "单位名录"}
    assert "按单位名录「分组」一列展开" in rows["县安委会各成员单位"] and "类型" not in rows["县安委会各成员单位"], rows
    assert "按单位名录中的单位类型展开" in rows["各乡镇"]
