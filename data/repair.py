"""A cleaned copy of a text export whose bytes a CSV reader would misread: NUL bytes, Excel's
text-protected cells (="0123", '0123) and Windows-1252 lines inside a UTF-8 file."""

from __future__ import annotations

import re
from pathlib import Path

CHUNK_BYTES = 1 << 24  # the copy is written a block of whole lines at a time
_HIGH_BYTES = bytes(range(0x80, 0x100))
_UTF8_CHARACTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# A cell written ="0123" (or "=""0123""" once quoted) so that Excel keeps it as text.
EXCEL_TEXT_CELL = re.compile(r'="[^"]*"')
# A number, date or time written after an apostrophe ('0123, '2024-03-04), Excel's mark of a
# value typed as text, as some exports keep it: the value is the rest.
EXCEL_APOSTROPHE_CELL = re.compile(r"'[-+]?\d[\d\s.,:/T+-]*")


class LinesNotUtf8(Exception):
    """A UTF-8 file holds lines in another encoding beyond its sniffed head."""


def mostly_utf8(data: bytes) -> bool:
    """Whether most non-ASCII bytes of `data`, which is no valid UTF-8 as a whole, form UTF-8
    characters: a UTF-8 export with a few lines pasted from a Windows-1252 source."""
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if not high:
        return False
    rest = _UTF8_CHARACTER.sub(b"", data)
    stray = len(rest) - len(rest.translate(None, _HIGH_BYTES))
    return high - stray > stray


def decode_lines(data: bytes) -> tuple[str, list[int]]:
    """`data` decoded line by line: UTF-8 where a line is, else Windows-1252 (Latin-1 for the
    bytes it lacks); and the 0-based numbers of the lines that were not UTF-8."""
    texts, others = [], []
    for number, line in enumerate(data.split(b"\n")):
        try:
            texts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            others.append(number)
            try:
                texts.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                texts.append(line.decode("latin-1"))
    return "\n".join(texts), others


def repaired_copy(
    path: Path,
    name: str,
    folder: Path,
    delimiter: str,
    nul_bytes: bool,
    excel_text: bool,
    mixed_utf8: bool,
) -> tuple[Path, list[str]]:
    """A copy of `path` (an ASCII-compatible encoding) in `folder` without NUL bytes, with
    ="0123" cells as plain quoted "0123" and '0123 ones as 0123, and with UTF-8 throughout when `mixed_utf8`; the
    notes saying what was changed. Lines keep their numbers, so messages name the file's."""
    target = folder / path.name
    cell = re.compile(
        rb'(?:(?<=%s)|(?<=\n)|^)(?:"=""([^"\r\n]*)"""|="([^"\r\n]*)")(?=%s|\r|\n|$)'
        % (re.escape(delimiter.encode()), re.escape(delimiter.encode()))
    )
    # A value after an apostrophe: quoted, it may hold the separator; unquoted, it ends there.
    unquoted = rb"[\d .,:/T+-]".replace(delimiter.encode(), b"")
    apostrophe = re.compile(
        rb'(?:(?<=%s)|(?<=\n)|^)(?:"\'([-+]?\d[\d .,:/T+-]*)"|\'([-+]?\d%s*))(?=%s|\r|\n|$)'
        % (re.escape(delimiter.encode()), unquoted, re.escape(delimiter.encode()))
    )
    nuls = cells = marked = line = 0
    others: list[int] = []

    def repair(block: bytes) -> bytes:
        nonlocal nuls, cells, marked, line
        if nul_bytes:
            nuls += block.count(b"\x00")
            block = block.replace(b"\x00", b"")
        if mixed_utf8:
            text, foreign = decode_lines(block)
            others.extend(line + number for number in foreign)
            block = text.encode("utf-8")
        if excel_text:
            block, found = cell.subn(lambda m: b'"' + (m.group(1) or m.group(2)) + b'"', block)
            cells += found
            block, found = apostrophe.subn(
                lambda m: b'"' + m.group(1) + b'"' if m.group(1) is not None else m.group(2), block
            )
            marked += found
        line += block.count(b"\n")
        return block

    with open(path, "rb") as source, open(target, "wb") as out:
        rest = b""
        for chunk in iter(lambda: source.read(CHUNK_BYTES), b""):
            chunk = rest + chunk
            end = chunk.rfind(b"\n") + 1
            out.write(repair(chunk[:end]))
            rest = chunk[end:]
        out.write(repair(rest))
    notes = []
    if nuls:
        notes.append(
            f"{name}: {nuls:,} NUL byte(s) removed: they are no text (a damaged or padded export)."
        )
    if others:
        notes.append(
            f"{name}: {len(others):,} line(s) are not UTF-8 like the rest of the file (line "
            f"{others[0] + 1} first): read as Windows-1252, so their accented letters match the "
            "other lines'."
        )
    if cells:
        notes.append(
            f'{name}: {cells:,} cell(s) written as Excel text (="0123") read as their text (0123).'
        )
    if marked:
        notes.append(
            f"{name}: {marked:,} cell(s) written after Excel's text apostrophe ('0123) read as "
            "their value (0123)."
        )
    return target, notes
