"""One colour per category, used by every report so the Excel and HTML outputs agree.

Each category has a strong colour (charts, markers) and a light fill with a dark text colour
that passes WCAG AA contrast on it (table cells, badges)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Swatch:
    strong: str
    fill: str
    text: str


CATEGORY_COLOURS: dict[str, Swatch] = {
    "Warm": Swatch(strong="#D9480F", fill="#FFE8D9", text="#8A2B05"),
    "Luke-warm": Swatch(strong="#E0A100", fill="#FFF4CC", text="#6B4E00"),
    "Cool": Swatch(strong="#1C7C8C", fill="#D7F0F3", text="#0B4F59"),
    "Cold": Swatch(strong="#4C6EF5", fill="#E3E8FC", text="#1E3A8A"),
}
OVERDUE = Swatch(strong="#C92A2A", fill="#F8D7DA", text="#842029")
DUE_SOON = Swatch(strong="#E67700", fill="#FFF3CD", text="#664D03")
ACCENT = "#1F4E79"
MUTED = "#5F6B7A"
