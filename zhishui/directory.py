"""The unit directory (单位名录) and resolving written names against it.

A directory row is a unit: canonical name, aliases, kind (类型), group labels
(分组), contact, phone, e-mail.  It lives as a sheet of the list workbook or
in a workbook of its own.  Names are resolved exact -> alias -> standard
abbreviation -> inherited level prefix -> 2018–2019 renaming; what stays
unknown gets the closest directory names as suggestions.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ZhishuiError
from .hanzi import simplified
from .unitnames import (LEVEL_PREFIXES, RENAMES, Token, expand, group_kinds, group_label, is_department_stem,
                        is_local, level_prefix, norm, split_units)
from .workbook_reader import Book, Grid, cell_ref, read_book

DIRECTORY_SHEET_NAMES = ("单位名录", "单位目录", "名录", "通讯录", "联系人")
# 群团 (共青团、妇联、工会…) and 事业单位 are named apart from 部门 in real directories and plans (「党政机关、事业单位、
# 群团组织」), and a 河长制 list has 团市委 on it (the trial-13 名录 was warned for 「群团」)
KINDS = ("部门", "群团", "事业单位", "街道", "镇", "乡", "县", "县级市", "区", "管委会", "产业促进中心", "企业", "其他")
KIND_WORDS = {"群团组织": "群团"}      # written for a kind

DIR_FIELDS = {
    "name": ("单位名称", "单位全称", "名称", "单位", "责任单位"),
    "aliases": ("简称/别名", "别名", "简称", "简称或别名", "其他写法"),
    "kind": ("类型", "单位类型", "类别", "性质"),
    "groups": ("分组", "所属分组", "所属片区", "片区", "分类"),
    "contact": ("联系人", "填报联系人"),
    "phone": ("联系电话", "电话", "手机", "联系方式"),
    "email": ("电子邮箱", "邮箱", "E-mail", "Email", "电子邮件"),
}


@dataclass
class Unit:
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""
    groups: list[str] = field(default_factory=list)
    contact: str = ""
    phone: str = ""
    email: str = ""
    source: str = ""  # 单位名录!A5

    def to_dict(self) -> dict:
        return {"name": self.name, "aliases": self.aliases, "kind": self.kind, "groups": self.groups,
                "contact": self.contact, "phone": self.phone, "email": self.email}


@dataclass
class UnitRef:
    """One name as written in the list, and what it resolved to."""
    raw: str
    name: str | None            # canonical name; None when unknown
    how: str                    # exact|alias|abbreviation|inherited|renamed|group|unknown|unverified
    note: str = ""              # Chinese, e.g. 2018年机构改革后已更名为…
    suggestions: list[str] = field(default_factory=list)
    is_group: bool = False
    members: list[str] = field(default_factory=list)
    relative: bool = False
    person: str = ""
    bracket: str = ""           # the bracketed note of 应急管理局（安委办）: said to the clerk, no unit of its own
    tail: str = ""              # 区科技局「等区级有关部门」: a catch-all after the name, said as 泛指
    hint: str = ""              # what the clerk can do about a group that opens to no unit, when it is its own

    @property
    def resolved(self) -> bool:
        return self.how not in ("unknown",) and not (self.is_group and not self.members)

    def to_dict(self) -> dict:
        d = {"raw": self.raw, "name": self.name, "how": self.how}
        if self.note:
            d["note"] = self.note
        if self.suggestions:
            d["suggestions"] = self.suggestions
        if self.is_group:
            d["members"] = self.members
            d["relative"] = self.relative
        if self.person:
            d["person"] = self.person
        if self.bracket:
            d["bracket"] = self.bracket
        if self.tail:
            d["tail"] = self.tail
        return d


def infer_kind(name: str) -> str:
    # (a plan or a 名录 copied from a traditional-character page writes 鄉鎮人民政府, 街道辦事處: the trial-19 import typed them 部门)
    s = simplified(norm(name))
    if s.endswith(("街道", "街道办事处")):
        return "街道"
    if s.endswith(("有限公司", "集团", "公司", "分公司")) or "集团" in s:
        return "企业"
    if s.endswith(("管委会", "管理委员会")):
        return "管委会"
    if s.endswith("产业促进中心"):
        return "产业促进中心"
    if re.search(r"县(人民)?政府$", s):
        return "县"
    if re.search(r"区(人民)?政府$", s):
        return "区"
    if re.search(r"市(人民)?政府$", s):
        return "县级市"
    if s.endswith("镇") or s.endswith("镇人民政府"):
        return "镇"
    if s.endswith("乡") or s.endswith("乡人民政府"):
        return "乡"
    return "部门"


def short_level_form(name: str) -> str | None:
    """永川区生态环境局 -> 区生态环境局 (how lists usually write their own level)."""
    s = norm(name)
    m = re.match(r"^(.{1,8}?)([省市州县区])(.+)$", s)
    if m and m.group(1) and is_department_stem(m.group(3)):
        return m.group(2) + m.group(3)
    return None


_GENERIC_END = re.compile(r"(管理委员会|委员会|管理局|监督管理局|管理处|管理所|办公室|指挥部|服务中心|中心|公司|集团|"
                          r"人民政府|政府|街道办事处|办事处|局|委|办|厅|处|所|站|院|队)$")


# 应急管理局(安委办) / 高新园(邹区镇) / (安委办): a name ending in one bracketed note (after norm)
_BRACKETED_RE = re.compile(r"(?P<outer>[^()]*?[^()\s])?\((?P<inner>[^()]{1,20})\)")


def _stem(long_name: str) -> str:
    """The part of a unit's name that tells it apart: no level prefix, no generic ending."""
    s = long_name[1:] if level_prefix(long_name) else long_name
    return _GENERIC_END.sub("", s)


class Directory:
    def __init__(self, units: list[Unit] | None = None, source: str = ""):
        self.units: list[Unit] = []
        self.source = source
        self.problems: list[tuple[str, str]] = []  # (cell, Chinese message)
        self._exact: dict[str, Unit] = {}
        self._alias: dict[str, Unit] = {}
        self._long: dict[str, Unit] = {}
        self._resolved: dict[tuple, UnitRef] = {}   # a list names the same units again and again
        self._forms: dict[str, str] | None = None
        for u in units or []:
            self.add(u)

    def __bool__(self) -> bool:
        return bool(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def add(self, u: Unit) -> None:
        self._resolved.clear()
        self._forms = None
        if is_local(u.name):
            # (a 名录 made by importing a plan before 属地… was known as one, as the session-19 trial's was: the row
            # is no unit, and a unit it would be, of 类型 区, inside 各区政府 too)
            self.problems.append((u.source, f"单位名录中的「{u.name}」不是一个单位：「属地…」指任务所在地的单位，各处不同，"
                                            f"不给它下发报送表；请删去这一行：所在地只有一个单位时，给这个单位（没有就添一行）的「简称/别名」"
                                            f"写上「{u.name}」，有几个时给它们的「分组」都写上「{u.name}」"))
            return
        key = norm(u.name)
        if key in self._exact:
            self.problems.append((u.source, f"单位名录中「{u.name}」重复出现"))
            return
        if key in self._alias and self._alias[key] is not u:
            self.problems.append((u.source, f"「{u.name}」已是「{self._alias[key].name}」的别名"))
        self.units.append(u)
        self._exact[key] = u
        for a in u.aliases + ([short_level_form(u.name)] if short_level_form(u.name) else []):
            ak = norm(a)
            if ak and ak != key:
                other = self._alias.get(ak) or self._exact.get(ak)
                if other is not None and other is not u:
                    self.problems.append((u.source, f"别名「{a}」同时属于「{other.name}」和「{u.name}」"))
                    continue
                self._alias[ak] = u
        for form in [u.name] + u.aliases:
            self._long.setdefault(expand(form), u)

    def get(self, name: str) -> Unit | None:
        k = norm(name)
        return self._exact.get(k) or self._alias.get(k)

    def current(self, name: str) -> str:
        """A name as the history stored it, as the 单位名录 names that unit now (an old name kept as an alias
        after a rename is the same unit); a name the 名录 does not know stays as it is."""
        u = self.get(name)
        return u.name if u else name

    def names_of(self, name: str) -> list[str]:
        """Every name a unit has gone by in the 名录 (its name, then its aliases)."""
        u = self.get(name)
        return [u.name, *u.aliases] if u else [name]

    # --- resolution --------------------------------------------------------

    def _lookup(self, cand: str) -> tuple[Unit | None, str]:
        k = norm(cand)
        if k in self._exact:
            return self._exact[k], "exact"
        if k in self._alias:
            return self._alias[k], "alias"
        u = self._long.get(expand(cand))
        if u is not None:
            return u, "abbreviation"
        return None, ""

    def find(self, name: str) -> Unit | None:
        """The unit this name (or alias, or its standard long form) is, or None."""
        return self._lookup(name)[0] if name else None

    def knows(self, name: str) -> bool:
        """The directory lists this name (or alias, or its standard long form)."""
        return self._lookup(name)[0] is not None

    def split(self, text) -> list[Token]:
        """A cell of unit names split into items; a name the directory lists stays whole (县城管局/执法局)."""
        return split_units(text, self.knows if self.units else None)

    def resolve(self, tok: Token) -> UnitRef:
        """What a written name stands for (a fresh UnitRef: callers set its person)."""
        key = (tok.text, tok.is_group, tok.relative, tok.inherited, tok.tail)
        ref = self._resolved.get(key)
        if ref is None:
            ref = self._resolved[key] = self._resolve(tok)
        fresh = UnitRef.__new__(UnitRef)   # a plain copy: dataclasses.replace re-runs __init__, 10× slower
        fresh.__dict__.update(ref.__dict__)
        fresh.suggestions, fresh.members = list(ref.suggestions), list(ref.members)
        return fresh

    def _resolve(self, tok: Token) -> UnitRef:
        if tok.is_group:
            return self.expand_group(tok)
        ref = self._resolve_name(tok)
        ref.tail = tok.tail
        return ref

    def _resolve_name(self, tok: Token) -> UnitRef:
        m = _BRACKETED_RE.fullmatch(norm(tok.text))
        if m and not (self.units and self.knows(tok.text)):
            return self._bracketed(tok, m.group("outer") or "", m.group("inner"))
        if not self.units:
            return self._unverified(tok)
        tries = [tok.text] + ([tok.name] if tok.inherited else [])
        if not tok.inherited and is_department_stem(tok.text):
            # a bare department name with no item before it to inherit from: the
            # level is implied by the document (区/县/市); accept it only when one fits
            fits = [p + tok.text for p in LEVEL_PREFIXES
                    if self._lookup(p + tok.text)[0] is not None or self._renamed(p + tok.text)]
            if len(fits) == 1:
                tries.append(fits[0])
        for cand in tries:
            u, how = self._lookup(cand)
            if u is not None:
                note = ""
                if norm(cand) != norm(tok.text):
                    how = "inherited"
                    note = f"「{tok.text}」没有写级别（区/县/市），按「{u.name}」处理"
                elif how == "abbreviation":
                    note = f"「{tok.text}」按规范简称识别为「{u.name}」"
                return UnitRef(tok.text, u.name, how, note)
        for cand in tries:
            u = self._renamed(cand)
            if u is not None:
                return UnitRef(tok.text, u.name, "renamed",
                               f"2018—2019年机构改革后「{tok.text}」已更名，按现名「{u.name}」处理")
        return UnitRef(tok.text, None, "unknown", suggestions=self.suggest(tok.name))

    def _bracketed(self, tok: Token, outer: str, inner: str) -> UnitRef:
        """应急管理局（安委办） / 高新园（邹区镇）: one unit with a bracketed note (another name of it, its office,
        the town the zone is run with).  The name before the bracket decides; the note alone when the 名录 knows
        only it; never a unit of its own.  Said in the note, so that check shows it with the cell."""
        written = tok.text
        if not outer:       # a cell that is only a bracket: the name inside it
            ref = self._resolve_name(Token(inner, inherited=tok.inherited))
            ref.raw, ref.bracket = written, inner
            return ref
        ref = self._resolve_name(Token(outer, inherited=tok.inherited))
        other = self._resolve_name(Token(inner)) if self.units else None
        if ref.how == "unknown" and other is not None and other.how != "unknown":
            ref, said = other, f"单位名录里没有「{outer}」，按括号里的「{inner}」即名录中的「{other.name}」处理"
        elif other is not None and other.how != "unknown" and other.name != ref.name and ref.how != "unknown":
            said = (f"按「{ref.name}」一个单位处理；括号里的「{inner}」在单位名录中是另一个单位「{other.name}」，"
                    f"如两个单位都有任务，请分开写")
        elif ref.how == "unknown":
            said = ""
        else:
            said = f"按一个单位「{ref.name}」处理，括号里的「{inner}」作为说明"
        if said:
            ref.note = f"「{written}」{said}" + (f"；{ref.note}" if ref.note else "")
        ref.raw, ref.bracket = written, inner
        ref.suggestions = ref.suggestions or (self.suggest(outer) if ref.how == "unknown" else [])
        return ref

    def _renamed(self, cand: str) -> Unit | None:
        long = expand(cand)
        for old, news in RENAMES.items():
            if old in long:
                for new in news:
                    u, _ = self._lookup(long.replace(old, new))
                    if u is not None:
                        return u
        return None

    def _unverified(self, tok: Token) -> UnitRef:
        # (no 名录: the name is taken as written; 应急管理局（安委办） is handled by _bracketed before this)
        name = tok.name
        note = ""
        long = expand(name)
        for old, news in RENAMES.items():
            if old in long:
                note = f"「{tok.text}」是2018—2019年机构改革前的名称，现名可能是「{long.replace(old, news[0])}」"
                break
        return UnitRef(tok.text, name, "unverified", note)

    def suggest(self, name: str, n: int = 3) -> list[str]:
        if not self.units:
            return []
        target = expand(name)
        if self._forms is None:
            self._forms = {}
            for u in self.units:
                for f in [u.name] + u.aliases:
                    self._forms.setdefault(expand(f), u.name)
        forms = self._forms
        close = difflib.get_close_matches(target, list(forms), n=n * 3, cutoff=0.55)
        out: list[str] = []
        stem = _stem(target)
        for c in close:
            # 区应急管理局 is not 区城市管理局: the shared 区…管理局 says nothing, the stems must agree
            other = _stem(c)
            if stem and other and difflib.SequenceMatcher(None, stem, other).ratio() < 0.5:
                continue
            if forms[c] not in out:
                out.append(forms[c])
        return out[:n]

    def _in_groups(self, labels: set) -> list[str]:
        """The units whose 分组 is one of ``labels`` (as group_label writes them), in the 名录's order."""
        return [u.name for u in self.units if labels & {group_label(g) for g in u.groups}]

    def expand_group(self, tok: Token) -> UnitRef:
        if is_local(tok.text):
            return self._local(tok)
        ref = UnitRef(tok.text, tok.text, "group", is_group=True, relative=tok.relative)
        if tok.relative:
            ref.note = f"「{tok.text}」是泛指，无法确定具体是哪些单位"
            return ref
        label = group_label(tok.text)
        # (a 分组 written as the list writes it, 各办事处, is the same label — the session-16 trial wrote it so;
        # 区安委会各成员单位 are the units whose 分组 is 区安委会成员单位, or the committee's name 区安委会)
        labels = {label, label[:-len("成员单位")]} - {""} if label.endswith("成员单位") else {label}
        members = self._in_groups(labels)
        if not members:
            kinds, _ = group_kinds(tok.text)
            if kinds:
                members = [u.name for u in self.units if u.kind in kinds]
        ref.members = members
        if not members and label.endswith("成员单位"):
            # a committee's members are no kind of unit: only the 名录's 分组 can say who they are
            ref.note = (f"「{tok.text}」是统称，单位名录中没有「分组」为「{label}」的单位" if self.units
                        else f"「{tok.text}」是统称，需要单位名录（在成员单位的「分组」一栏写「{label}」）才能展开")
        elif not members:
            ref.note = (f"单位名录中没有「{tok.text}」所指的单位（类型或分组）" if self.units
                        else f"「{tok.text}」需要单位名录才能展开")
        return ref

    def _local(self, tok: Token) -> UnitRef:
        """属地区政府, 属地乡镇…: the unit whose 简称/别名 it is (the 名录 says where the work is: one place), else the
        units whose 分组 it is; never expanded by 类型 (属地乡镇 is the township of the place, not every township),
        never a unit of its own (unitnames.LOCAL_RE)."""
        u = self._alias.get(norm(tok.text))
        if u is not None:
            return UnitRef(tok.text, u.name, "alias", f"「{tok.text}」按单位名录中的别名处理为「{u.name}」")
        label = group_label(tok.text)
        ref = UnitRef(tok.text, tok.text, "group", is_group=True)
        ref.members = self._in_groups({label})
        if not ref.members:
            ref.note = f"「{tok.text}」是统称（指任务所在地的单位，各处不同），不是一个单位" + (
                "" if self.units else "，需要单位名录才能确定是哪个单位")
            ref.hint = (f"请在清单里写明具体单位；或在单位名录里，所在地只有一个单位时给这个单位（没有就添一行）的「简称/别名」"
                        f"写上「{tok.text}」，有几个时给它们的「分组」都写上「{tok.text}」")
        return ref

    # --- loading -------------------------------------------------------------

    @classmethod
    def from_grid(cls, grid: Grid, path) -> "Directory":
        header_row, cols = _find_header(grid)
        if header_row is None:
            raise ZhishuiError("找不到单位名录的表头（至少要有「单位名称」列）", file=path, sheet=grid.name,
                               hint="请在第一行写上：单位名称、简称/别名、类型、分组、联系人、联系电话、电子邮箱")
        d = cls(source=f"{Path(str(path)).name}!{grid.name}")
        for r in range(header_row + 1, grid.nrows):
            name = grid.text(r, cols["name"]).strip()
            if not name:
                continue

            def get(f):
                return grid.text(r, cols[f]).strip() if f in cols else ""
            aliases = [a.strip() for a in re.split(r"[、，,；;\n]", get("aliases")) if a.strip()]
            kind = get("kind") or infer_kind(name)
            kind = KIND_WORDS.get(kind, kind)
            src = f"{grid.name}!{cell_ref(r, cols['name'])}"
            if kind not in KINDS:
                d.problems.append((src, f"单位「{name}」的类型「{kind}」不在规定范围（{'、'.join(KINDS)}）内"))
            groups = [g.strip() for g in re.split(r"[、，,；;]", get("groups")) if g.strip()]
            if len(groups) > 1 and not re.search(r"[，,；;]", get("groups")):
                # 「各县、市、区政府」 copied from the list into 分组 is one group written with 、 (trial 35)
                groups.append(get("groups"))
            d.add(Unit(name, aliases, kind, groups, get("contact"), get("phone"), get("email"), src))
        return d

    @classmethod
    def from_book(cls, book: Book, required: bool = True) -> "Directory | None":
        grid = find_directory_sheet(book)
        if grid is None:
            if required:
                raise ZhishuiError("工作簿里没有「单位名录」工作表", file=book.path,
                                   hint="请新建名为「单位名录」的工作表，或用 --directory 指定名录文件")
            return None
        return cls.from_grid(grid, book.path)

    @classmethod
    def load(cls, path) -> "Directory":
        book = read_book(path)
        grid = find_directory_sheet(book) or (book.visible_sheets[0] if book.visible_sheets else None)
        if grid is None:
            raise ZhishuiError("单位名录文件里没有工作表", file=path)
        return cls.from_grid(grid, path)


def _find_header(grid: Grid):
    for r in range(min(grid.nrows, 15)):
        texts = [norm(t) for t in grid.row_texts(r)]
        cols = {}
        for f, syns in DIR_FIELDS.items():
            for c, t in enumerate(texts):
                if t and t in {norm(s) for s in syns} and c not in cols.values():
                    cols[f] = c
                    break
        if "name" in cols:
            return r, cols
    return None, {}


def find_directory_sheet(book: Book) -> Grid | None:
    for name in DIRECTORY_SHEET_NAMES:
        g = book.sheet(name)
        if g is not None:
            return g
    return None


def resolve_units(text, directory: Directory) -> list[UnitRef]:
    return [directory.resolve(t) for t in directory.split(text)]
