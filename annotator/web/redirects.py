"""Where a login may send the browser next: only a path on this site.

Browsers drop tabs and newlines from URLs and read a backslash as a slash, so `/\t/evil.example/`
and `/\\evil.example/` reach them as `//evil.example/`, another site. The target is therefore
judged after the same normalisation a browser makes (control characters and backslashes refuse
it outright; percent-encoding is decoded once, so `/%2F/evil.example` is judged as `///…`), then
parsed: no scheme, no host, and one leading slash. Anything else falls back to the start page.
"""
from __future__ import annotations

from urllib.parse import unquote, urlsplit


def _has_control_or_backslash(text: str) -> bool:
    return any(ord(ch) < 0x20 or ch in "\x7f\\" for ch in text)


def safe_next(target: str | None) -> str | None:
    """The target when it is a same-site path after normalisation, else None."""
    if not target or len(target) > 2000:
        return None
    decoded = unquote(target)
    if _has_control_or_backslash(target) or _has_control_or_backslash(decoded):
        return None
    for candidate in (target, decoded):
        parts = urlsplit(candidate)
        if parts.scheme or parts.netloc or not candidate.startswith("/") or candidate.startswith("//"):
            return None
    return target
