"""The user name and password rules (annotator.domain.usernames / passwords) as service problems:
422 for a broken rule, 409 for a name taken or looking like one taken, each naming the field."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain import passwords, usernames
from ...errors import Conflict, Invalid, Phrase
from ...models import User


def validated_username(db: Session, name: str) -> str:
    """The name in its normal form, or a problem naming the rule it breaks or the name it looks like."""
    try:
        name = usernames.check(name)
    except usernames.UsernameProblem as exc:
        raise Invalid(Phrase("the user name {problem}", problem=exc.args[0]), "username") from exc
    existing = list(db.scalars(select(User.username)))
    lookalike = usernames.confusable_with(name, existing)
    if lookalike == name:
        raise Conflict(Phrase("user '{name}' already exists", name=name), "username")
    if lookalike is not None:
        raise Conflict(Phrase("the user name '{name}' looks too much like the existing user '{lookalike}'", name=name,
                              lookalike=lookalike), "username")
    return name


def validated_password(password: str, username: str) -> str:
    try:
        passwords.check(password, username)
    except passwords.PasswordProblem as exc:
        raise Invalid(Phrase("the password {problem}", problem=exc.args[0]), "password") from exc
    return password
