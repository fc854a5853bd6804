"""The pages' contexts are contracts: each template uses only the names its context dataclass
declares, and every name a context declares for its own page is used by that page."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pytest
from jinja2 import meta

from netreport.render.html import PageContext, SummaryContext
from netreport.render.rollup import IndexContext
from netreport.templating import environment

# Whole results offered to a user's own template; netreport's pages use their parts.
FOR_USERS_OWN_TEMPLATES = {"analysis", "run", "settings", "health"}


def used_names(env: Any, name: str) -> set[str]:
    """The variables a template reads from its context, its includes and imports included."""
    source = env.loader.get_source(env, name)[0]
    tree = env.parse(source)
    names = set(meta.find_undeclared_variables(tree))
    for included in meta.find_referenced_templates(tree):
        assert included, f"{name} includes a template chosen at run time"
        names |= used_names(env, included)
    return names


@pytest.mark.parametrize(
    ("template", "context"),
    [("summary.html.j2", SummaryContext), ("index.html.j2", IndexContext)],
)
def test_a_template_reads_only_what_its_context_declares(template: str, context: type) -> None:
    env = environment()
    declared = {f.name for f in fields(context)}
    used = used_names(env, template) - set(env.globals)
    assert used <= declared, sorted(used - declared)
    own = declared - {f.name for f in fields(PageContext)} - FOR_USERS_OWN_TEMPLATES
    assert own <= used, f"declared for {template} but never used: {sorted(own - used)}"


def test_every_page_field_is_used_by_some_page() -> None:
    env = environment()
    used = used_names(env, "summary.html.j2") | used_names(env, "index.html.j2")
    page = {f.name for f in fields(PageContext)}
    assert page <= used, sorted(page - used)
