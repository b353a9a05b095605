"""The small part of Markdown the guidelines use, parsed into data that templates autoescape.

No HTML ever passes through: the result is blocks of runs (text with bold/italic/code flags),
so a guideline page cannot inject markup whatever it contains. Supported: ``#``-headings,
paragraphs, ``-``/``*``/``1.`` lists, ``>`` quotes, tables (as rows of cells), ``**bold**``,
``*italic*``/``_italic_``, ```code``` and ``[text](target)`` (kept as its text only: guideline
pages link to each other by relative file names that mean nothing in the app).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*"
    r"|`(?P<code>[^`]+)`"
    r"|\[(?P<link>[^\]]+)\]\([^)]*\)"
    r"|(?<![\w*])\*(?P<star>[^*\s][^*]*?)\*(?!\w)"
    r"|(?<!\w)_(?P<under>[^_\s][^_]*?)_(?!\w)"
)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass(frozen=True)
class Block:
    kind: str  # heading | paragraph | ul | ol | quote | table
    runs: tuple[Run, ...] = ()
    level: int = 0  # heading level
    items: tuple[tuple[Run, ...], ...] = ()  # list items
    rows: tuple[tuple[tuple[Run, ...], ...], ...] = field(default_factory=tuple)  # table cells


def inline(text: str, *, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    runs: list[Run] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            runs.append(Run(text[pos:match.start()], bold, italic))
        if match.group("bold") is not None:
            runs.extend(inline(match.group("bold"), bold=True, italic=italic))
        elif match.group("code") is not None:
            runs.append(Run(match.group("code"), bold, italic, code=True))
        elif match.group("link") is not None:
            runs.extend(inline(match.group("link"), bold=bold, italic=italic))
        else:
            runs.extend(inline(match.group("star") or match.group("under"), bold=bold, italic=True))
        pos = match.end()
    if pos < len(text):
        runs.append(Run(text[pos:], bold, italic))
    return tuple(runs)


def section(markdown: str, headings: tuple[str, ...]) -> tuple[str, str] | None:
    """The first ``## <heading>`` section found (in the order asked) as (heading, body), or None."""
    lines = markdown.splitlines()
    starts = {line[3:].strip(): i for i, line in enumerate(lines) if line.startswith("## ")}
    for heading in headings:
        if heading in starts:
            body = []
            for line in lines[starts[heading] + 1:]:
                if line.startswith("## ") or line.startswith("# "):
                    break
                body.append(line)
            return heading, "\n".join(body).strip()
    return None


def parse(markdown: str) -> list[Block]:
    blocks: list[Block] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            blocks.append(Block("heading", inline(heading.group(2)), level=len(heading.group(1))))
            i += 1
            continue
        for kind, pattern in (("ul", _BULLET), ("ol", _NUMBERED)):
            if pattern.match(line):
                items, i = _list_items(lines, i, pattern)
                blocks.append(Block(kind, items=items))
                break
        else:
            if line.lstrip().startswith(">"):
                quoted, i = _take(lines, i, lambda s: s.lstrip().startswith(">"))
                text = " ".join(s.lstrip()[1:].strip() for s in quoted)
                blocks.append(Block("quote", inline(text)))
            elif line.lstrip().startswith("|"):
                rows, i = _take(lines, i, lambda s: s.lstrip().startswith("|"))
                blocks.append(Block("table", rows=tuple(
                    tuple(inline(cell.strip()) for cell in row.strip().strip("|").split("|"))
                    for row in rows if not _TABLE_RULE.match(row))))
            else:
                para, i = _take(lines, i, lambda s: bool(s.strip()) and not _starts_block(s))
                blocks.append(Block("paragraph", inline(" ".join(s.strip() for s in para))))
    return blocks


def _starts_block(line: str) -> bool:
    stripped = line.lstrip()
    return bool(_HEADING.match(line) or _BULLET.match(line) or _NUMBERED.match(line)
                or stripped.startswith(">") or stripped.startswith("|"))


def _take(lines: list[str], i: int, keep) -> tuple[list[str], int]:
    taken = [lines[i]]
    i += 1
    while i < len(lines) and keep(lines[i]):
        taken.append(lines[i])
        i += 1
    return taken, i


def _list_items(lines: list[str], i: int, pattern: re.Pattern) -> tuple[tuple[tuple[Run, ...], ...], int]:
    items: list[str] = []
    while i < len(lines):
        match = pattern.match(lines[i])
        if match:
            items.append(match.group(1).strip())
        elif lines[i].startswith((" ", "\t")) and lines[i].strip() and items:
            items[-1] += " " + lines[i].strip()  # a wrapped item continues on an indented line
        else:
            break
        i += 1
    return tuple(inline(item) for item in items), i
