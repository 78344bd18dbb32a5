"""Form helpers shared by the pages: domain errors beside their fields, fast selects, the
state an action form was built on."""

from datetime import UTC, datetime

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe

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


class FastSelect(forms.Select):
    """A <select> rendered in Python, not through one template per option: the category and
    region lists have hundreds of options, which the template path renders in tens of ms.

    `options_lang`: the language of the options' labels where they are data kept in one
    language (category names), so that an English page reads them out as Indonesian."""

    def __init__(self, attrs=None, choices=(), options_lang: str = ""):
        super().__init__(attrs, choices)
        self.options_lang = options_lang

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        lang = f' lang="{escape(self.options_lang)}"' if self.options_lang else ""

        def option(value, label) -> str:
            value = "" if value is None else str(value)
            selected = " selected" if value in chosen else ""
            # The empty choice ("choose…") is the page's own text, in the page's language.
            own = lang if value else ""
            return f'<option value="{escape(value)}"{selected}{own}>{escape(label)}</option>'

        parts = [f'<select name="{escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>']
        for value, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{escape(value)}"{lang}>')
                parts.extend(option(v, lbl) for v, lbl in label)
                parts.append("</optgroup>")
            else:
                parts.append(option(value, label))
        parts.append("</select>")
        return mark_safe("".join(parts))


def seen_state(request) -> datetime | None:
    """The complaint's `updated_at` the page was built on: every action form carries it as
    `seen`, so that a form sent twice acts once (`workflow.apply(seen=...)`)."""
    seen = request.POST.get("seen", "")
    if not seen:
        return None  # a client that does not send it acts on whatever state there is
    try:
        return datetime.fromisoformat(seen)
    except ValueError:
        # Sent but unreadable: no state matches it, so the action is refused as stale (as
        # the API refuses a garbled If-Match), never taken unchecked.
        return datetime.min.replace(tzinfo=UTC)
