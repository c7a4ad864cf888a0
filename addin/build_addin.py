"""Build ``addin/zhishui.xlam`` from the ribbon add-in shipped inside xlwings.

The source is ``quickstart_addin_ribbon.xlam`` of the *installed* xlwings (the
same file ``xlwings quickstart NAME --addin --ribbon`` copies), so the VBA
always matches the Python package version. vbaProject.bin cannot be edited
on Linux, so we only swap the ribbon XML and copy everything else raw:

* every zip entry keeps its order, local header, central-directory record
  (dates, extra field, compression) and even its compressed bytes;
* only ``customUI/customUI.xml`` gets new content (new CRC/sizes, same
  ZipInfo otherwise, deflated like the original);
* the config sheet stays ``_myaddin.conf`` (inactive) on purpose, see README:
  an active ``myaddin.conf`` sheet with its empty ``Interpreter_Win`` row would
  shadow the interpreter written to ``%USERPROFILE%\\.myaddin\\myaddin.conf``.

The output is deterministic: no timestamps are generated, so two builds give
identical bytes (given the same zlib for the one re-deflated part).

Run as ``python -m zhishui.addin.build_addin`` or ``python addin/build_addin.py``.
"""
from __future__ import annotations

import argparse
import struct
import sys
import zlib
from pathlib import Path

CUSTOM_UI_PART = "customUI/customUI.xml"
OUTPUT = Path(__file__).resolve().with_name("zhishui.xlam")

# Namespace of the shipped customUI.xml. Kept as shipped: that file is known to
# load in Excel with the relationship type xlwings uses in _rels/.rels.
CUSTOM_UI_NS = "http://schemas.microsoft.com/office/2006/01/customui"

# The only ribbon callback in the shipped VBA (module RibbonMyAddin):
#   Sub RunMain(control As IRibbonControl)
#       mymodule = Left(ThisWorkbook.Name, ...)   ' "zhishui" for zhishui.xlam
#       RunPython "import " & mymodule & ";" & mymodule & ".main()"
# It ignores control.Id/Tag, so every button would run the same zhishui.main();
# hence one button, and the action is chosen on the 控制台 sheet.
RUN_CALLBACK = "RibbonMyAddin.RunMain"

ACTIONS_TEXT = "一键生成、校验清单、生成报送表、汇总报送、生成催报通知、生成督办通知、生成进展通报"

RIBBON_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<customUI xmlns="{CUSTOM_UI_NS}">
    <ribbon>
        <tabs>
            <tab id="zhishuiTab" label="治水督办">
                <group id="zhishuiGroup" label="本月督办">
                    <button id="zhishuiRun" label="运行" size="large" imageMso="MacroPlay"
                            onAction="{RUN_CALLBACK}"
                            screentip="运行所选操作"
                            supertip="运行「控制台」工作表上选择的操作：{ACTIONS_TEXT}。" />
                </group>
            </tab>
        </tabs>
    </ribbon>
</customUI>
"""

_LOCAL = struct.Struct("<IHHHHHIIIHH")           # local file header, 30 bytes
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")   # central directory record, 46 bytes
_EOCD = struct.Struct("<IHHHHIIH")               # end of central directory, 22 bytes
_LOCAL_SIG, _CENTRAL_SIG, _EOCD_SIG = 0x04034B50, 0x02014B50, 0x06054B50


def shipped_xlam() -> Path:
    """The ribbon add-in template inside the installed xlwings package."""
    import xlwings

    path = Path(xlwings.__file__).resolve().parent / "quickstart_addin_ribbon.xlam"
    if not path.is_file():
        raise FileNotFoundError(f"xlwings {xlwings.__version__} has no {path.name}")
    return path


def ribbon_xml() -> bytes:
    return RIBBON_XML.encode("utf-8")


def _deflate(data: bytes) -> bytes:
    # Same settings as zipfile's ZIP_DEFLATED default (raw deflate, level 6).
    c = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def rewrite_zip(src: bytes, replacements: dict[str, bytes]) -> bytes:
    """Copy a plain (non-zip64, no data descriptor) zip, replacing some parts.

    Done by hand rather than with zipfile so untouched entries keep their exact
    compressed bytes and headers; zipfile would re-deflate them.
    """
    eocd_at = src.rfind(struct.pack("<I", _EOCD_SIG))
    if eocd_at < 0:
        raise ValueError("not a zip file")
    (_, disk, cd_disk, n_disk, n_total, cd_size, cd_offset,
     comment_len) = _EOCD.unpack_from(src, eocd_at)
    if disk or cd_disk or n_disk != n_total or n_total == 0xFFFF:
        raise ValueError("multi-disk or zip64 archives are not supported")

    todo = dict(replacements)
    body, central = bytearray(), bytearray()
    pos = cd_offset
    for _ in range(n_total):
        rec = list(_CENTRAL.unpack_from(src, pos))
        if rec[0] != _CENTRAL_SIG:
            raise ValueError("bad central directory")
        flags, method = rec[3], rec[4]
        name_len, extra_len, comment_len_e = rec[10], rec[11], rec[12]
        tail = src[pos + _CENTRAL.size: pos + _CENTRAL.size + name_len + extra_len + comment_len_e]
        name = tail[:name_len].decode("utf-8" if flags & 0x800 else "cp437")
        local_off = rec[16]
        loc = list(_LOCAL.unpack_from(src, local_off))
        if loc[0] != _LOCAL_SIG or flags & 0x08:
            raise ValueError(f"unsupported zip entry {name!r}")
        loc_head_len = _LOCAL.size + loc[9] + loc[10]
        loc_tail = src[local_off + _LOCAL.size: local_off + loc_head_len]

        if name in todo:
            if method != 8:
                raise ValueError(f"{name}: expected deflate")
            plain = todo.pop(name)
            payload = _deflate(plain)
            crc, csize, usize = zlib.crc32(plain) & 0xFFFFFFFF, len(payload), len(plain)
            loc[6:9] = [crc, csize, usize]
            rec[7:10] = [crc, csize, usize]
        else:
            payload = src[local_off + loc_head_len: local_off + loc_head_len + rec[8]]

        rec[16] = len(body)
        body += _LOCAL.pack(*loc) + loc_tail + payload
        central += _CENTRAL.pack(*rec) + tail
        pos += _CENTRAL.size + len(tail)

    if todo:
        raise KeyError(f"parts not found in the source zip: {sorted(todo)}")
    comment = src[eocd_at + _EOCD.size: eocd_at + _EOCD.size + comment_len]
    eocd = _EOCD.pack(_EOCD_SIG, 0, 0, n_total, n_total, len(central), len(body), comment_len)
    return bytes(body + central + eocd + comment)


def build_bytes(source: Path | None = None) -> bytes:
    src = Path(source or shipped_xlam()).read_bytes()
    return rewrite_zip(src, {CUSTOM_UI_PART: ribbon_xml()})


def build(output: Path | None = None, source: Path | None = None) -> Path:
    out = Path(output or OUTPUT)
    out.write_bytes(build_bytes(source))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="生成 zhishui.xlam（由 xlwings 自带的功能区加载项改写）")
    ap.add_argument("-o", "--output", type=Path, default=OUTPUT, help="输出文件（默认 addin/zhishui.xlam）")
    ap.add_argument("--check", action="store_true", help="只检查现有文件是否为最新，不写入")
    args = ap.parse_args(argv)
    data = build_bytes()
    if args.check:
        if args.output.is_file() and args.output.read_bytes() == data:
            print(f"{args.output} 已是最新。")
            return 0
        print(f"{args.output} 不是最新，请运行 python -m zhishui.addin.build_addin 重新生成。")
        return 1
    args.output.write_bytes(data)
    print(f"已生成 {args.output}（{len(data)} 字节，来源：{shipped_xlam()}）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
