"""The password rule: long enough, not the user name, not a password everyone tries first.

Length is what makes a password hard to guess by brute force, so the rule asks for 12 characters
(NIST SP 800-63B's advice: length, a list of known-bad passwords, no composition rules). The
list (common_passwords.txt, beside this file) holds the most used passwords of 12 characters or
more, keyboard walks and repeats; shorter ones are refused by length already. Compared casefolded,
so `Password1234` is as refused as `password1234`.
"""
from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from ..i18n import Phrase

MIN_LENGTH, MAX_LENGTH = 12, 1000
COMMON_LIST = Path(__file__).resolve().parent / "common_passwords.txt"


class PasswordProblem(ValueError):
    """Why a password is refused."""


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def check(password: str, username: str) -> None:
    """Nothing when the password may be used by ``username``; PasswordProblem otherwise."""
    if len(password) < MIN_LENGTH:
        raise PasswordProblem(Phrase("must be at least {minimum} characters long", minimum=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        raise PasswordProblem(Phrase("must be at most {maximum} characters long", maximum=MAX_LENGTH))
    folded = unicodedata.normalize("NFKC", password).casefold()
    name = unicodedata.normalize("NFKC", username).casefold()
    if name and name in (folded, folded[::-1], folded.rstrip("0123456789!.-_ ")):
        raise PasswordProblem(Phrase("must not be the user name"))
    if len(set(folded)) < 3:
        raise PasswordProblem(Phrase("must use more than two different characters"))
    if folded in common_passwords():
        raise PasswordProblem(Phrase("is one of the most common passwords: choose another"))
