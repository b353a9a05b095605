"""Files that cannot be imported fail with ImportFileError and a clear reason."""

import pytest

from annotator.importing.errors import ImportFileError, InvalidRecordsError
from annotator.importing.parsers import DEFAULT_MAX_BYTES, parse_file

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def failure(filename, data, **kwargs) -> ImportFileError:
    with pytest.raises(ImportFileError) as caught:
        parse_file(filename, data, **kwargs)
    assert caught.value.filename == filename
    return caught.value


def test_unknown_extension():
    error = failure("report.pdf", b"%PDF-1.4")
    assert str(error) == (
        "report.pdf: unknown format '.pdf' (expected .txt, .md, .docx, .html, .htm, .jsonl, .csv)"
    )


def test_no_extension():
    error = failure("README", b"text")
    assert error.reason == "no file extension (expected .txt, .md, .docx, .html, .htm, .jsonl, .csv)"


@pytest.mark.parametrize("name", ["photo.txt", "photo.md", "photo.html", "photo.jsonl", "photo.csv"])
def test_binary_file_with_a_text_extension(name):
    error = failure(name, PNG)
    assert error.reason == "not a text file (it contains NUL bytes; is it binary?)"


def test_binary_docx():
    error = failure("photo.docx", PNG)
    assert error.reason == "not a valid .docx file (not a zip archive)"


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.jsonl", "a.csv", "a.docx"])
@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n"])
def test_empty_file(name, data):
    assert failure(name, data).reason == "empty: the file has no content"


def test_file_with_only_invisible_characters():
    data = "\ufeff\u202b\u202c\n\x07\n".encode()
    assert failure("a.txt", data).reason == "empty: no text paragraphs found"


def test_invalid_utf8():
    data = "مرحبا".encode() + b"\xd8" + b" world"
    error = failure("a.txt", data)
    assert str(error) == (
        "a.txt: invalid UTF-8 at byte offset 10; if the file uses a legacy encoding, "
        "name it, e.g. --encoding cp1256 (Windows Arabic)"
    )


def test_over_the_size_limit():
    data = b"Title\n\n" + b"x" * 100
    error = failure("big.txt", data, max_bytes=50)
    assert str(error) == f"big.txt: too large: {len(data):,} bytes (limit 50 bytes)"
    # Exactly at the limit is fine.
    assert parse_file("big.txt", data, max_bytes=len(data))[0].title == "Title"


def test_default_size_limit():
    assert DEFAULT_MAX_BYTES == 5_000_000
    error = failure("big.md", b"x" * (DEFAULT_MAX_BYTES + 1))
    assert error.reason == "too large: 5,000,001 bytes (limit 5,000,000 bytes)"


def test_only_a_title_is_empty():
    # A lone short line is body text under a derived title, not an empty article...
    [article] = parse_file("a.txt", b"Just a line")
    assert [p.kind for p in article.paragraphs] == ["title", "body"]
    # ...but a page whose only text is its own title has no body.
    html = b"<html><head><title>Same</title></head><body><article><h1>Same</h1></article></body></html>"
    with pytest.raises(ImportFileError):
        parse_file("a.html", html)


def test_error_classes():
    error = ImportFileError("a.jsonl", "missing", location="line 3", field="text")
    assert str(error) == "a.jsonl line 3: field 'text': missing"
    assert error.args == ("a.jsonl line 3: field 'text': missing",)
    assert str(ImportFileError("a.txt", "empty")) == "a.txt: empty"
    with pytest.raises(ValueError):
        InvalidRecordsError("a.jsonl", [])
