"""Where a document title may break: word boundaries, found without a segmentation library.

GB/T 9704-2012 7.3.1: "标题回行时，要做到词意完整，排列对称，长短适宜，间距恰当". A title is
cut into pieces that must stay whole (a date such as 2021年2月, 〔2021〕12号, 《…》, (2019—2021年),
第13项) and words of official and water-governance language (below), plus the names the document
itself knows (the issuing office, the unit it is sent to: ``extra`` words).  What no word covers
(a place name such as 清溪县) is an unknown stretch: a cut inside it costs much more than a cut
between words, so it is chosen only when the line widths leave no other way.

``cut_costs(title)`` gives, for every position, the cost of starting a new line there.
"""
from __future__ import annotations

import re

# Words seen in plan names and document titles (the seeds, the plan corpus's dev part, the demo,
# the trial lists); kept short and common, so that unseen titles built of the same words break well.
WORDS = frozenset("""
关于 印发 报送 加快 推进 进展 情况 通报 通知 催报 督办 督查 预警 工作 任务 重点 责任 清单 分解 分工 方案
实施 行动 计划 专项 整改 整治 治理 防治 污染 水污染 大气 土壤 攻坚 攻坚战 保卫战 蓝天 碧水 净土 黑臭 水体
河长制 湖长制 林长制 全面 推行 主要 落实 完成 年度 三年 目标 考核 结果 总结 评议 意见 审议 人大 常委会
人大常委会 领导小组 领导小组办公室 办公室 生态 环境 保护 督察 反馈 问题 措施 民生 实事 项目 工程 建设 城市 城镇 城乡 农村
生活 污水 处理 提质 增效 零直排 饮用水 水源地 水源 水质 断面 超标 稳定 达标 汛期 保汛期 治水 海绵 园林
创建 国家 省级 市级 县级 区级 镇级 政府 工作报告 报告 要点 深化 放管服 改革 优化 营商 生态文明 示范 垃圾
分类 制度 贯彻 卫生 管理 长效 机制 爱国 清洁 活动 规划 纲要 部门 职责 条例 河流 流域 截污 养殖 畜禽 集中
岸线 河湖 沟渠 全镇 全区 全县 全市 全省 主城区 城区 上半年 下半年 季度 一季度 统计表 进度 公示 销号 第三轮
中央 环保 住建局 住建委 水务 水利 湖泊 交办 时段 部分 护城河 河道 不佳 太湖 村庄 区域 街道 乡镇 镇街
排放 清洁排放区 排水 管网 雨污 分流 提标 改造 运维 设施 工业 园区 入河 排污口 排查 巩固 提升 关停 搬迁
地表水 月报 日报 周报 水环境 水生态 水资源 最严格 功能区 节水 供水 防汛 抗旱 河湖长制 智慧 数字
及其 相关 有关 单位 各项 重大 重要 年度 市委 县委 区委 市政府 县政府 区政府 人民政府 委员会 管委会
住房 城乡建设 生态环境 生态环境局 环境保护 自然资源 农业农村 发展改革 发改委 财政 经信 交通运输 市场监管
卫生健康 文化旅游 应急管理 公安 城管 综合执法 国考 省考 考核断面 反弹 处置 次级 最后 一公里 全域
大气污染 水污染防治 大气污染防治 土壤污染 土壤污染防治 污染防治 污水处理 污水零直排区 黑臭水体 饮用水源
实施方案 工作方案 行动方案 整改方案 行动计划 工作要点 任务分解 责任分工 任务分工 重点工作 重点任务 工作任务
责任清单 问题清单 任务清单 进展情况 推进情况 落实情况 完成情况 工作情况 评议意见 审议意见 反馈意见 督察反馈
第一轮 第二轮 文明城市 卫生城市 园林城市 创文 创卫 双创 美丽乡村 人居环境 厕所革命 专项行动 攻坚行动
""".split())

# Pieces that never break, whatever the words: dates and periods, document numbers, book-title
# marks, short parenthesised notes, ordinals, Latin/digit runs.
_ATOMS = re.compile(
    r"\d{4}\s*[—–\-~至到]\s*\d{4}\s*年度?"           # 2019—2021年
    r"|\d{4}年(?:度|\d{1,2}(?:[—–\-~至到]\d{1,2})?月份?(?:\d{1,2}日)?|第[一二三四1-4]季度|[上下]半年)?"
    r"|\d{1,2}(?:[—–\-~至到]\d{1,2})?月份?(?:\d{1,2}日)?"
    r"|〔\d{4}〕\d+号"
    r"|《[^《》]{1,24}》"
    r"|[（(][^（）()]{1,12}[）)]"
    r"|第[0-9一二三四五六七八九十百零]+[项批期号次个条轮]"
    r"|[0-9]+(?:\.[0-9]+)?[项个件批条%％]?"
    r"|[A-Za-z][A-Za-z0-9.\-]*")

_MAX_WORD = max(len(w) for w in WORDS)
# a line should not start with these (closing marks, enumeration marks) nor end with the opening ones
_NO_LINE_START = "，。、；：？！）》〕】”’)…—"
_NO_LINE_END = "（《〔【“‘("
# a new line may well start here (the issuing office ends before 关于; 的通报/的通知 close a title)
_GOOD_BEFORE = ("关于", "的通报", "的通知", "的催报通知", "的督办通知", "的预警通知", "情况", "进展", "推进", "工作",
                "任务", "实施", "方案", "第")

WORD_CUT = 100.0     # inside a word or an atom: only when nothing else fits
UNKNOWN_CUT = 12.0   # inside a stretch no word covers (it may be a name)
EDGE_CUT = 2.0       # between an unknown character and a word


def spans(title: str, extra=()) -> list[tuple[int, int, bool]]:
    """The title as (start, end, known) pieces: atoms and words are known, the rest single unknown
    characters.  Dynamic programme over the title: the most characters covered by known pieces,
    then the fewest pieces (a long word beats two short ones)."""
    n = len(title)
    words = WORDS | {w for w in extra if w and 1 < len(w) <= 24}
    longest = max(_MAX_WORD, max((len(w) for w in extra if w), default=0))
    atoms: dict[int, list[int]] = {}
    for m in _ATOMS.finditer(title):
        atoms.setdefault(m.start(), []).append(m.end())
    # best[i] = (uncovered characters, pieces) for title[i:]
    best: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    choice: list[tuple[int, bool]] = [(n, False)] * (n + 1)
    for i in range(n - 1, -1, -1):
        cands = [(i + 1, False)]
        cands += [(e, True) for e in atoms.get(i, [])]
        for k in range(2, min(longest, n - i) + 1):
            if title[i:i + k] in words:
                cands.append((i + k, True))
        scored = []
        for e, known in cands:
            un, pieces = best[e]
            scored.append(((un + (0 if known else e - i), pieces + 1), e, known))
        cost, e, known = min(scored, key=lambda x: (x[0], -x[1]))
        best[i], choice[i] = cost, (e, known)
    out, i = [], 0
    while i < n:
        e, known = choice[i]
        out.append((i, e, known))
        i = e
    return out


def cut_costs(title: str, extra=()) -> list[float]:
    """cost[c] of starting a new line at character c (0 < c < len(title))."""
    n = len(title)
    pieces = spans(title, extra)
    cost = [WORD_CUT] * (n + 1)
    for k, (s, e, known) in enumerate(pieces):
        if k == 0:
            continue
        prev_known = pieces[k - 1][2]
        if known and prev_known:
            c = 0.0
        elif known or prev_known:
            c = EDGE_CUT
        else:
            c = UNKNOWN_CUT
        cost[s] = c
    for c in range(1, n):
        if cost[c] >= WORD_CUT:
            continue
        before, after = title[c - 1], title[c]
        if after in _NO_LINE_START or before in _NO_LINE_END:
            cost[c] += 50.0
        if before in "的和与及对":      # a line does not end on a particle (「…情况的」/「通报」)
            cost[c] += 4.0
        if title.startswith("关于", c - 2) and c >= 2:
            cost[c] += 1.0               # 「…关于」/「2021年…」 is allowed, not preferred
        if any(title.startswith(w, c) for w in _GOOD_BEFORE):
            cost[c] = max(0.0, cost[c] - 1.0)
        head = title[:c]
        if any(head.count(a) > head.count(b) for a, b in ("（）", "()", "《》", "〔〕", "“”")):
            cost[c] += 6.0               # inside brackets or quotes
    return cost
