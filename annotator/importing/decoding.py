"""Bytes → str for text-based import files.

The rule is "never guess silently": a file is read as UTF-8 unless it carries a
byte order mark or the user names an encoding.  Guessing legacy encodings is
how Arabic text silently turns into mojibake that then gets annotated.
"""

from __future__ import annotations

import codecs

from annotator.i18n import N_, Phrase
from annotator.importing.errors import ImportFileError

# (BOM, its name in messages, the codec that decodes the file and drops the BOM)
_BOMS = (
    (codecs.BOM_UTF8, "UTF-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "UTF-16LE", "utf-16"),
    (codecs.BOM_UTF16_BE, "UTF-16BE", "utf-16"),
)

# Encodings a user may name for a file that starts with each BOM.
_COMPATIBLE = {
    "UTF-8": {"utf-8", "utf-8-sig"},
    "UTF-16LE": {"utf-16", "utf-16-le"},
    "UTF-16BE": {"utf-16", "utf-16-be"},
}

NOT_TEXT = N_("not a text file (it contains NUL bytes; is it binary?)")


def detect_bom(data: bytes) -> tuple[str, str] | None:
    """(label, codec) of the byte order mark ``data`` starts with, or None."""
    for bom, label, codec in _BOMS:
        if data.startswith(bom):
            return label, codec
    return None


def _canonical(encoding: str, filename: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ImportFileError(filename, Phrase("unknown encoding '{encoding}'", encoding=encoding)) from None


def _codec_for(encoding: str, bom: tuple[str, str] | None, filename: str) -> str:
    canonical = _canonical(encoding, filename)
    if bom is None:
        return canonical
    label, codec = bom
    if canonical not in _COMPATIBLE[label]:
        raise ImportFileError(
            filename, Phrase("starts with a {label} byte order mark but encoding '{encoding}' was given",
                            label=label, encoding=encoding)
        )
    return codec


def _decode(data: bytes, filename: str, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            filename, Phrase("cannot be decoded as {label} (byte offset {offset})", label=label, offset=exc.start)
        ) from None


def decode_bytes(data: bytes, filename: str, encoding: str | None = None) -> str:
    """Decode an import file's bytes.

    * ``encoding`` given: used as is; a BOM is accepted (and dropped) only if it
      matches (e.g. ``utf-8`` with a UTF-8 BOM).  A contradicting BOM is an
      error rather than mojibake.
    * no ``encoding``: UTF-8 with or without BOM, or UTF-16 LE/BE with a BOM.
      Invalid UTF-8 is an error naming the byte offset and suggesting
      ``--encoding cp1256`` (Windows Arabic, the usual culprit).
    * NUL bytes outside UTF-16 mean a binary file.
    """
    bom = detect_bom(data)
    if encoding is not None:
        codec = _codec_for(encoding, bom, filename)
        label = encoding
    elif bom is not None:
        label, codec = bom
    else:
        codec = label = "utf-8"
    # UTF-16/32 text legitimately contains NUL bytes; in any other encoding
    # they mean the file is binary (images, PDFs, archives).
    if b"\x00" in data and not codec.startswith(("utf-16", "utf-32")):
        raise ImportFileError(filename, NOT_TEXT)
    if encoding is None and bom is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                filename,
                Phrase("invalid UTF-8 at byte offset {offset}; if the file uses a legacy "
                       "encoding, name it, e.g. --encoding cp1256 (Windows Arabic)", offset=exc.start),
            ) from None
    else:
        text = _decode(data, filename, codec, label)
    if "\x00" in text:
        raise ImportFileError(filename, NOT_TEXT)
    return text


def encoding_label(data: bytes, encoding: str | None) -> str:
    """Python's name for the encoding decode_bytes applies to ``data`` (provenance)."""
    if encoding is not None:
        return codecs.lookup(encoding).name
    bom = detect_bom(data)
    return codecs.lookup(bom[0]).name if bom else "utf-8"
