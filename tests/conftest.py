"""The fixtures every test may use, split by concern into tests/support/ and loaded here."""

pytest_plugins = [
    "support.workbooks",
    "support.libreoffice",
    "support.hostile",
    "support.bombs",
]
