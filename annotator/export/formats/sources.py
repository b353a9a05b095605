"""The files of an import: one file, a zip archive, or a folder, as (relative path, bytes) pairs."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from ...i18n import Phrase
from .model import ReadResult


def unpack(files: list[tuple[str, bytes]], result: ReadResult) -> list[tuple[str, bytes]]:
    """Every member of every zip, and every other file as it is; hidden files and folders left out."""
    out: list[tuple[str, bytes]] = []
    for name, data in files:
        if name.lower().endswith(".zip"):
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for info in archive.infolist():
                        if not info.is_dir() and not _hidden(info.filename):
                            out.append((info.filename, archive.read(info)))
            except zipfile.BadZipFile:
                result.error(name, "file", Phrase("not a zip archive"))
        elif not _hidden(name):
            out.append((name, data))
    return out


def _hidden(name: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(name).parts)


def read_path(path: Path) -> list[tuple[str, bytes]]:
    """A file as one pair, or a folder as all its files (paths relative to it)."""
    if path.is_dir():
        return [(p.relative_to(path).as_posix(), p.read_bytes()) for p in sorted(path.rglob("*")) if p.is_file()]
    return [(path.name, path.read_bytes())]


def decode(name: str, data: bytes, result: ReadResult) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        result.error(name, "file", Phrase("not UTF-8 text (byte {byte})", byte=exc.start + 1))
        return None


def owner_folder(name: str) -> tuple[str | None, str]:
    """(owner, file name): a file in a folder belongs to the set named by that folder."""
    parts = PurePosixPath(name).parts
    return (parts[-2] if len(parts) > 1 else None), parts[-1]


def zip_bytes(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip whose entries carry a fixed time, so the same data gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
