"""An HTML form that really posts (no Reflex submit handler), for the cookie-setting routes."""

from __future__ import annotations

from reflex_components_core.el.elements.forms import Form


class NativeForm(Form):
    """`rx.el.form` always adds a preventDefault submit handler; this one lets the browser post.

    Used where only an HTTP answer will do: signing in and out sets or clears an HttpOnly
    cookie. Works with JavaScript off and under a strict CSP.
    """

    @classmethod
    def create(cls, *children, **props):
        props.setdefault("method", "post")
        return super(Form, cls).create(*children, **props)


native_form = NativeForm.create
