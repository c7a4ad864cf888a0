"""Two labellers' labels of the same plan documents (tests/plan_agreement.py): how labels are paired, and the
agreement the second labels show.  The second labels were written by helpers who never saw the first ones."""
from __future__ import annotations

import json

import pytest

import plan_agreement as pa
import plan_scoring as ps

TEXT = ("一、工作任务\n（一）县人武部负责组织民兵整组，2023年3月底前完成。\n"
        "（二）县财政局：负责保障整组经费。\n（三）各乡镇要做好宣传发动。\n")


def _task(c, L=(), R=(), C=()):
    return {"c": c, "d": "", "L": list(L), "R": list(R), "C": list(C)}


def test_labels_that_start_with_or_without_the_number_or_the_unit_are_the_same_task():
    first = [_task("（一）县人武部负责组织民兵整组", R=["县人武部"]), _task("县财政局：负责保障整组经费", R=["县财政局"])]
    second = [_task("县人武部负责组织民兵", R=["县人武部"]), _task("负责保障整组经费", R=["县财政局"])]
    assert pa.pair(first, second, TEXT) == [(0, 0), (1, 1)]


def test_labels_of_different_sentences_are_not_paired():
    first = [_task("县人武部负责组织民兵整组")]
    second = [_task("各乡镇要做好宣传发动")]
    assert pa.pair(first, second, TEXT) == []


def test_each_label_is_paired_once_with_the_nearest():
    first = [_task("县人武部负责组织民兵整组")]
    second = [_task("（一）县人武部负责组织"), _task("县人武部负责组织民兵整组，2023年")]
    assert pa.pair(first, second, TEXT) == [(0, 1)]


def test_roles_are_the_same_only_when_every_unit_is():
    assert pa.same_roles(_task("x", R=["县财政局"]), _task("y", R=["县财政局"]))
    assert not pa.same_roles(_task("x", R=["县财政局"]), _task("y", L=["县财政局"]))


def test_a_label_not_in_the_text_pairs_with_nothing():
    assert pa.start_of("县水利局负责巡河", TEXT) is None
    assert pa.pair([_task("县水利局负责巡河")], [_task("县水利局负责巡河")], TEXT) == []


PARTS = pa.second_parts()


@pytest.mark.parametrize("part", sorted(PARTS))
def test_every_second_label_quotes_its_document(part):
    for doc in PARTS[part]:
        text = (ps.CORPUS / f"{doc}.txt").read_text(encoding="utf-8")
        for t in pa.labels(doc, second=True):
            assert pa.start_of(t["c"], text) is not None, (doc, t["c"])
            if t["d"]:
                assert ps.canon(t["d"]) in ps.canon(text), (doc, t["d"])


def test_second_labels_cover_whole_parts():
    manifest = {}
    for d in ps.manifest():
        manifest.setdefault(d["split"], []).append(d["id"])
    assert PARTS, "no second labels"
    for part, docs in PARTS.items():
        assert sorted(docs) == sorted(manifest[part]), part
        assert json.loads((pa.SECOND / f"{docs[0]}.json").read_text(encoding="utf-8"))["note"]
