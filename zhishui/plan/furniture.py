"""A web page's own furniture around the document: the site's footer (主办：XX市人民政府办公室　承办：…
扫一扫在手机上查看), its record numbers and links, its navigation bar and the article's information line.
主办/承办 there name who runs the site, not who leads a duty, so such a line is neither a task nor a duty
said in prose, and a navigation bar (首页 | 政务公开 | … | 工作方案) is not the plan's title."""
from __future__ import annotations

import re

# -1- / ―10 ― / — 3 —: a PDF page number left in the text, at a line start or inside a sentence
PAGE_MARK_RE = re.compile(r"(?<![\dA-Za-z\-―—－])\s*[-―—－]\s*\d{1,3}\s*[-―—－](?![\d\-―—－])\s*")
# 第3页，共12页: a document library's page line
LIBRARY_PAGE_RE = re.compile(r"第\s*\d{1,3}\s*页\s*[,，/、]?\s*共\s*\d{1,3}\s*页")


# words only a site's footer or toolbar writes, beside its 主办/承办 fields
_SITE_WORDS = re.compile(r"扫一扫|版权所有|网站标识码|ICP\s*备|公网安备|技术支持|网站地图|联系我们|关于我们|"
                         r"打印本页|关闭窗口|分享到|浏览次数|访问量|最佳分辨率|建议使用")
_SITE_FIELDS = re.compile(r"(?:主办|承办|协办|维护|运维)(?:单位)?\s*[:：]")


# [接上页] / （续上页）: a page's note that its text goes on from the page before (legal databases, PDFs
# printed from them), not the text
CONTINUED_RE = re.compile(r"^\s*[\[【（(]\s*(?:接|续)上页\s*[\]】）)]\s*")


# words no document writes, only a site: two of them make a footer without its 主办 field
# (版权所有：县人民政府　技术支持：县信息中心　网站标识码：…, a new-user trial's saved page)
_STRONG_SITE_WORDS = re.compile(r"扫一扫|版权所有|网站标识码|ICP\s*备|公网安备|网站地图|联系我们|关于我们|打印本页|关闭窗口|"
                                r"最佳分辨率")


def is_page_furniture(text: str) -> bool:
    """A site footer line: a 主办/承办 field beside the site's own words (扫一扫, 版权所有, ICP备…), or
    two words only a site writes."""
    s = text or ""
    return bool(_SITE_FIELDS.search(s) and _SITE_WORDS.search(s)) \
        or len(set(_STRONG_SITE_WORDS.findall(s))) >= 2


# 您当前的位置：首页 > 政务公开 > … / 登录 | 注册: where the reader is on the site
_SITE_PLACE = re.compile(r"您(?:当前|现在)的?位置\s*[:：]|当前位置\s*[:：]|首页\s*[>＞›»]|登录\s*[|｜]\s*注册")
# 首页 | 政务公开 | 通知公告 | 工作方案: the site's menu, short names between bars (its last one may end
# as a plan's title does, 工作方案, and must not be taken for it)
_NAV_SPLIT = re.compile(r"\s*(?:[|｜>＞›»]+|\s{2,}|\u3000+)\s*")
_HOME = {"首页", "网站首页", "主页", "返回首页"}


def is_site_nav(text: str) -> bool:
    """A line of the site's navigation: the breadcrumb (您当前的位置：首页 > …) or the menu (首页 | 政务公开 | …)."""
    s = (text or "").strip()
    if _SITE_PLACE.search(s):
        return True
    items = [x for x in _NAV_SPLIT.split(s) if x]
    return len(items) >= 3 and bool(_HOME & set(items)) and all(len(x) <= 10 for x in items) \
        and not re.search(r"[，,。；;：:]", s)


# 发布时间：2022-03-18　来源：县农业农村局　浏览次数：/ 主题分类: 服务对象: / 发布单位: 发布日期: 2017/7/25: the lines a
# site prints around an article's title — when and from whom it was posted, how it is filed, how often read (the
# document's own 成文日期, 文号 and 发布机构 are read from them by dates.document_meta, which does not need this)
_INFO_LABELS = re.compile(r"(?:发布时间|发布日期|发表时间|更新时间|来源|信息来源|作者|浏览次数|点击数|点击量|阅读次数|访问量|"
                          r"字号|责任编辑|编辑|索引号|主题分类|体裁分类|组配分类|服务对象|发布单位|发布机构|发文机关|成文日期|"
                          r"发文字号|文号|有效性|公开方式|公开范围|所属机构)[:：]")


def is_article_info(text: str) -> bool:
    """The article's information line of a saved page: two of its labels, no sentence."""
    s = (text or "").strip()
    return len(s) <= 120 and "。" not in s and len(_INFO_LABELS.findall(re.sub(r"[ \t\u3000]+", "", s))) >= 2


def is_site_text(text: str) -> bool:
    """Any of the site's own lines around the document: footer, navigation, article information."""
    return is_page_furniture(text) or is_site_nav(text) or is_article_info(text)
