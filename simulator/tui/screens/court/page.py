"""What every page below a court's menu bar shares: the court screen it lives on."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .screen import CourtScreen


def court_screen(widget) -> CourtScreen:
    """The court screen a page is mounted on (its court id and menus); every court page lives there."""
    return widget.screen
