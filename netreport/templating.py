"""Jinja2 templates: netreport's own, overridable one by one from a folder of the user's."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from netreport.errors import NetreportError

TEXT_SUFFIXES = (".txt.j2", ".txt")


class TemplateProblem(NetreportError):
    """A user's template is missing, or does not render (exit code 2)."""


def package_templates() -> Path:
    """The templates shipped in the wheel (the top-level templates/ folder, installed as
    netreport.templates)."""
    try:
        return Path(str(files("netreport.templates")))
    except ModuleNotFoundError:
        # `python -m netreport` run inside a source checkout that shadows the installed
        # package: the folder sits beside the package there.
        return Path(__file__).resolve().parent.parent / "templates"


def _autoescape(name: str | None) -> bool:
    # Escape everything but plain-text drafts: those are escaped where a page shows them.
    return not (name or "").endswith(TEXT_SUFFIXES)


def environment(user_dir: Path | None = None) -> Any:
    """A Jinja2 environment that looks in `user_dir` first, then in netreport's templates."""
    import jinja2

    folders = [str(user_dir)] if user_dir else []
    folders.append(str(package_templates()))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        # Drafts are prose: a tag must never eat the line break after it.
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=False,
        auto_reload=False,  # templates do not change during a run: skip a stat per render
    )


@lru_cache(maxsize=128)
def _select(env: Any, names: tuple[str, ...]) -> Any:
    # A missing first choice (most drafts have no per-category file) is not cached by Jinja.
    return env.select_template(list(names))


def compiled(env: Any, names: list[str]) -> Callable[[dict[str, Any]], str]:
    """A function that renders the first of `names` that exists, for rendering one template
    many times (a draft per outreach item). A broken user template is a TemplateProblem that
    names the file at fault.

    Jinja's own `Template.render` reads the template's globals (a ChainMap, slow to iterate)
    twice for every new context, which costs more than rendering a draft: here they are
    copied into a plain dict once, and each context is built as `Template.new_context` builds
    it, the globals updated with the call's variables."""
    import jinja2

    try:
        template = _select(env, tuple(names))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"template {exc.filename or exc.name} has an error on line {exc.lineno}: {exc.message}."
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(f"no template named {' or '.join(names)}.") from exc
    shared = dict(template.globals)

    def run(context: dict[str, Any]) -> str:
        try:
            try:
                frame = env.context_class(
                    env, {**shared, **context}, template.name, template.blocks, globals=shared
                )
                return str(env.concat(template.root_render_func(frame))).strip()
            except Exception:
                env.handle_exception()  # re-raised with the template's lines in the traceback
                raise  # not reached: handle_exception always raises
        except jinja2.TemplateError as exc:
            raise TemplateProblem(
                f"template {template.filename or template.name} does not render: {exc}."
            ) from exc

    return run
