"""Turning domain errors into form errors, so a page shows them beside the field."""

from django import forms

from aduan.core.errors import DomainError


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Attach `error` to `form`: field messages beside their fields, the rest at the top."""
    placed = False
    for name, messages in error.fields.items():
        for message in messages:
            if name in form.fields:
                form.add_error(name, message)
                placed = True
    if not placed:
        form.add_error(None, error.message)
