import codecs

import pytest

from annotator.importing.decoding import decode_bytes, encoding_label
from annotator.importing.errors import ImportFileError

ARABIC = "الطاقة الشمسية في القرى النائية: وعودٌ ونتائج؟"


def test_utf8_without_bom():
    assert decode_bytes(ARABIC.encode("utf-8"), "a.txt") == ARABIC


def test_utf8_bom_is_dropped():
    assert decode_bytes(codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "a.txt") == ARABIC


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    data = bom + ARABIC.encode(codec)
    assert decode_bytes(data, "a.txt") == ARABIC
    assert encoding_label(data, None) == codec


def test_cp1256_needs_to_be_named_and_then_decodes():
    data = ARABIC.encode("cp1256")
    with pytest.raises(ImportFileError) as caught:
        decode_bytes(data, "legacy.txt")
    message = str(caught.value)
    assert message.startswith("legacy.txt: invalid UTF-8 at byte offset 0")
    assert "--encoding cp1256" in message
    assert decode_bytes(data, "legacy.txt", "cp1256") == ARABIC
    assert decode_bytes(data, "legacy.txt", "windows-1256") == ARABIC
    assert encoding_label(data, "windows-1256") == "cp1256"


def test_invalid_utf8_reports_the_byte_offset():
    data = "abc".encode() + b"\xff" + "def".encode()
    with pytest.raises(ImportFileError) as caught:
        decode_bytes(data, "bad.txt")
    assert "byte offset 3" in caught.value.reason
    assert caught.value.filename == "bad.txt"


def test_named_encoding_that_does_not_fit():
    with pytest.raises(ImportFileError) as caught:
        decode_bytes(b"caf\xc3", "a.txt", "utf-8")
    assert str(caught.value) == "a.txt: cannot be decoded as utf-8 (byte offset 3)"


def test_unknown_encoding_name():
    with pytest.raises(ImportFileError) as caught:
        decode_bytes(b"abc", "a.txt", "klingon-8")
    assert caught.value.reason == "unknown encoding 'klingon-8'"


def test_bom_contradicting_the_named_encoding_is_an_error():
    data = codecs.BOM_UTF8 + ARABIC.encode("utf-8")
    with pytest.raises(ImportFileError) as caught:
        decode_bytes(data, "a.txt", "cp1256")
    assert "UTF-8 byte order mark" in caught.value.reason
    # A matching one is fine and dropped.
    assert decode_bytes(data, "a.txt", "utf-8") == ARABIC


def test_utf16_without_bom_when_named():
    assert decode_bytes(ARABIC.encode("utf-16-be"), "a.txt", "utf-16-be") == ARABIC


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        b"text with a \x00 inside",
    ],
)
def test_nul_bytes_mean_binary(data):
    with pytest.raises(ImportFileError) as caught:
        decode_bytes(data, "image.txt")
    assert caught.value.reason.startswith("not a text file")
    # Naming a single-byte encoding does not make it text.
    with pytest.raises(ImportFileError):
        decode_bytes(data, "image.txt", "cp1256")


def test_nul_character_inside_utf16_is_binary_too():
    data = codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le")
    with pytest.raises(ImportFileError, match="not a text file"):
        decode_bytes(data, "a.txt")
