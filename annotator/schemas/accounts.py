"""Account forms: the caps at the edge; the rules themselves are in services.accounts.rules."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from ..domain import passwords

_PASSWORD = validate.Length(min=1, max=passwords.MAX_LENGTH)


class PasswordChangeForm(Schema):
    class Meta:
        unknown = EXCLUDE

    current_password = fields.String(required=True, validate=_PASSWORD)
    new_password = fields.String(required=True, validate=_PASSWORD)
    confirm_password = fields.String(required=True, validate=_PASSWORD)

    @validates_schema
    def _same_twice(self, data, **_kwargs):
        if data.get("new_password") != data.get("confirm_password"):
            raise ValidationError("the two new passwords differ", "confirm_password")


class SetPasswordForm(Schema):
    class Meta:
        unknown = EXCLUDE

    new_password = fields.String(required=True, validate=_PASSWORD)


class NewUserForm(Schema):
    class Meta:
        unknown = EXCLUDE

    # Generous caps: the name's own rule (2-40 characters, which ones) gives the clearer message.
    username = fields.String(required=True, validate=validate.Length(max=200))
    display_name = fields.String(load_default="", validate=validate.Length(max=200))
    password = fields.String(required=True, validate=_PASSWORD)
    is_admin = fields.Boolean(load_default=False)


class ActiveForm(Schema):
    class Meta:
        unknown = EXCLUDE

    active = fields.Boolean(required=True)
