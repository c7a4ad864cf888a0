"""A web page's own furniture around the document: the site's footer (主办：XX市人民政府办公室　承办：…
扫一扫在手机上查看), its record numbers and links.  主办/承办 there name who runs the site, not who
leads a duty, so such a line is neither a task nor a duty said in prose."""
from __future__ import annotations

import re

# words only a site's footer or toolbar writes, beside its 主办/承办 fields
_SITE_WORDS = re.compile(r"扫一扫|版权所有|网站标识码|ICP\s*备|公网安备|技术支持|网站地图|联系我们|关于我们|"
                         r"打印本页|关闭窗口|分享到|浏览次数|访问量|最佳分辨率|建议使用")
_SITE_FIELDS = re.compile(r"(?:主办|承办|协办|维护|运维)(?:单位)?\s*[:：]")


# [接上页] / （续上页）: a page's note that its text goes on from the page before (legal databases, PDFs
# printed from them), not the text
CONTINUED_RE = re.compile(r"^\s*[\[【（(]\s*(?:接|续)上页\s*[\]】）)]\s*")


def is_page_furniture(text: str) -> bool:
    """A site footer line: a 主办/承办 field beside the site's own words (扫一扫, 版权所有, ICP备…)."""
    s = text or ""
    return bool(_SITE_FIELDS.search(s) and _SITE_WORDS.search(s))
