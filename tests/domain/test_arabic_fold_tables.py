"""The folding tables, built block by block for speed, are exactly those built char by char."""
from __future__ import annotations

import unicodedata

from annotator.domain.arabic_fold import _UNIFY, REMOVED, _char_class, _fold_char, tables


def _reference_tables():
    # The straightforward loop over every code point (what tables() did before, 0.1 s a process).
    special, cased, marks, punct = {}, [], [], []
    for cp in (*range(0xD800), *range(0xE000, 0x30000)):
        ch = chr(cp)
        if cp < 0x10000:
            if unicodedata.category(ch)[0] == "M":
                marks.append(ch)
            elif not (ch.isspace() or ch.isalnum() or ch == "_"):
                punct.append(ch)
        lower = ch.casefold()
        if lower == ch and ch not in REMOVED and ch not in _UNIFY and unicodedata.is_normalized("NFKC", ch):
            continue
        folded = _fold_char(ch)
        if cp >= 0x10000 or len(lower) != 1 or folded != _UNIFY.get(lower, lower):
            if folded != ch or cp < 0x10000:
                special[ch] = folded
        elif lower != ch:
            cased.append(ch)
    return special, _char_class(cased), f"\\w{_char_class(marks)}", _char_class(punct)


def test_tables_equal_the_char_by_char_reference():
    special, cased, word, punct = _reference_tables()
    built = tables()
    assert built.special == special
    assert built.cased_re.pattern == f"[{cased}]"
    assert built.word == word
    assert built.bmp_punct_re.pattern == f"[{punct}]"
    assert len(special) > 1000 and "\u064b" in special and special["\u064b"] == ""  # a haraka is removed


def test_stored_tables_are_what_this_unicode_version_computes():
    # tables() reads them from fold_tables_stored when the Unicode versions agree; write the
    # file again from stored_tables_source() when this fails (a new Python's Unicode, a rule change).
    from pathlib import Path

    import annotator.domain.fold_tables_stored as stored
    from annotator.domain.arabic_fold import stored_tables_source

    if stored.UNIDATA_VERSION == unicodedata.unidata_version:
        assert Path(stored.__file__).read_text(encoding="utf-8") == stored_tables_source()
