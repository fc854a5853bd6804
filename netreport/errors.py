"""The one base class of the problems a user can fix: the CLI shows each as one line, exit 2."""


class NetreportError(Exception):
    """A file that cannot be read, written or used as asked; the message says what to do.

    `hint`, when a subclass knows it apart from the message, is the fix alone (the JSON error
    object carries it in its own key)."""

    hint: str | None = None
