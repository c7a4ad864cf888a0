"""Document titles break between words (GB/T 9704-2012 7.3.1: 标题回行时，要做到词意完整).

Every plan name below is segmented by hand ("/" between words: the oracle, written without running
the code).  Each is put into the three titles the month writes (通报, 催报通知, 督办通知) by the code that
writes them; each title's lines must be cut only where the hand segmentation (and the fixed words of
the title around the name) allows, fit 18 characters, and keep every character.

DEV: the names the word list (generators/titlewords.py) was written against: the seeds, the plan
corpus's titles (tests/data/plans/corpus/manifest.json, without the notes on where the copy came
from), the demo, the new-user trial.  HELD_OUT: names of real plans gathered afterwards from public
pages (the pages corpus), never looked at while the word list was written; their first run is the
figure reported (README 「标题回行」).
"""
from __future__ import annotations

import pytest

from zhishui.generators import contexts, official, render

DEV = [
    # the trial, the seeds, the demo
    "清溪县/2021年/治水/重点/工作/责任/清单",
    "区人大常委会/水污染/防治/工作/情况/评议/意见/整改/方案",
    "代县/保汛期/水质/稳定/专项/行动/实施/方案",
    "新乡市/城镇/污水/处理/提质/增效/三年/行动/方案/(2019—2021年)",
    "海东市/乐都区/2017年度/水污染/防治/工作/方案",
    "景宁县/全域/“污水零直排区”/创建/工作",
    # the plan corpus (dev and held-out parts alike were seen: all are dev here)
    "2022年度/房县/大气/污染/防治/攻坚/行动/实施/方案",
    "佳木斯市/2018年度/水污染/防治/重点/工作/实施/方案",
    "平顶山市/全面/推行/河长制/主要/任务/分解表",
    "潮州市/打赢/蓝天/保卫战/实施/方案/(2019-2020年)",
    "东安区/城市/黑臭/水体/防治/工作/实施/方案",
    "许昌市/《政府工作报告》/2020年/重点/工作/任务/分解",
    "绵阳市/2023年/市级/民生/实事/项目/清单",
    "将乐县/2022年度/党政/领导/生态/环境/保护/目标/责任书/分解/方案",
    "深化/“放管服”/改革/优化/营商/环境/2021年/重点/任务/分工/方案",
    "立山区/政府/2023年/重点/工作/任务/分解/和/责任/分工/方案",
    "镇江市/太湖/流域/水污染/治理/工作/任务表",
    "鄂州市/创建/国家/园林/城市/工作/任务/分解",
    "浙江省/大气/污染/防治/行动/计划/重点/工作/部门/分工/方案",
    "楚雄州/贯彻/落实/省/环境/保护/督察/反馈/意见/问题/整改/措施/清单",
    "拱墅区/“清洁排放区”/建设/暨/大气/污染/防治/2018年/实施/计划",
    "咸阳市/2022年/深化/“放管服”/改革/优化/营商/环境/工作/要点",
    "2020年/县/土壤/污染/防治/工作/实施/方案",
]

HELD_OUT = [
    "沈阳市/深入/打好/城市/黑臭/水体/治理/攻坚战/实施/方案",
    "昆明市/城市/黑臭/水体/治理/专项/攻坚战/实施/方案",
    "益阳市/城市/黑臭/水体/治理/攻坚战/实施/方案",
    "嘉定区/系统化/全域/推进/海绵/城市/建设/的/实施/方案",
    "靖江市/生态/河湖/行动/实施/方案/(2018-2020年)",
    "贯彻/落实/国务院/水污染/防治/行动/计划/实施/方案",
    "长春市/全面/实施/河长制/工作/方案",
    "吉林省/全面/推行/河长制/实施/工作/方案",
    "江苏省/生态/河湖/行动/计划/(2018—2020年)",
    "广东省/打好/污染/防治/攻坚战/三年/行动/计划/(2018年-2020年)",
    "揭阳市/城市/黑臭/水体/治理/验收/工作/方案",
    "长江/经济带/饮用水/水源地/环境/保护/执法/专项/行动",
    "辽宁省/深入/打好/城市/黑臭/水体/治理/攻坚战/实施/方案",
    "嘉定区/海绵/城市/建设/规划/(2018-2035)",
]

# the words around the plan's name in each title (contexts.default_title, render.supervise_title)
FRAMES = {
    "bulletin": ("关于/2021年2月/", "/推进/情况/的通报"),
    "chase": ("关于/报送/2021年2月/", "/进展/情况/的催报通知"),
    "supervise": ("关于/加快/推进/", "/第7项/任务/的督办通知"),
}


def title_of(kind: str, plan: str) -> str:
    if kind == "supervise":
        return render.supervise_title(f"{plan}第7项")
    return contexts.default_title(kind, {"plan_name": plan, "period_cn": "2021年2月"})


def marked(kind: str, plan: str) -> tuple[str, set[int]]:
    """The title and the positions where the hand segmentation allows a line to start."""
    head, tail = FRAMES[kind]
    text, cuts = "", set()
    for piece in (head + plan + tail).split("/"):
        if text:
            cuts.add(len(text))
        text += piece
    return text, cuts


def bad_cuts(kind: str, plan: str) -> list[str]:
    text, allowed = marked(kind, plan)
    assert title_of(kind, plan.replace("/", "")) == text, "the frame is the code's"
    lines = official.title_lines(text)
    assert "".join(lines) == text
    assert all(official.display_width(x) <= 18 for x in lines), lines
    out, pos = [], 0
    for line in lines[:-1]:
        pos += len(line)
        if pos not in allowed:
            out.append(" / ".join(lines))
    return out


@pytest.mark.parametrize("plan", DEV)
@pytest.mark.parametrize("kind", list(FRAMES))
def test_dev_titles_break_between_words(kind, plan):
    assert bad_cuts(kind, plan) == []


def test_held_out_titles_break_between_words():
    """First run (before any change for them): 42 of 42 titles (14 names × 3 kinds) cut only between
    words.  The figure is kept here as a floor."""
    results = [bad_cuts(k, p) for p in HELD_OUT for k in FRAMES]
    good = sum(1 for r in results if not r)
    assert good >= 42, [r for r in results if r]


def test_the_trial_title():
    """The new-user trial's 通报 broke 「治 / 水」."""
    lines = official.title_lines("关于2021年2月清溪县2021年治水重点工作责任清单推进情况的通报")
    assert lines == ["关于2021年2月清溪县2021年治水", "重点工作责任清单推进情况的通报"]


def test_names_the_document_knows_stay_whole():
    """A unit name no word of the list covers stays whole when the document gives it (contexts.prepare
    gives the office and the recipients)."""
    title = "关于报送2021年2月白沙洲片区整治指挥部督办事项进展情况的催报通知"
    name = "白沙洲片区整治指挥部"
    assert not any(name in line for line in official.title_lines(title))      # cut inside without it
    assert any(name in line for line in official.title_lines(title, words=[name]))
    ctx = contexts.prepare("chase", {**contexts.sample_context("chase"), "title": title, "office": name})
    assert any(name in line for line in ctx["title"].split("\n"))
