"""The base of every dialog over the learner's screen."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen


class Dialog(ModalScreen):
    """A modal screen hides the app's keys; F1 stays, showing help for the screen beneath."""

    BINDINGS = [Binding("f1", "app.help", "Help")]


class FocusOnArrival:
    """An App mixin for browsers: a served app starts without the page's focus, and Textual applies
    a screen's AUTO_FOCUS only while the app has focus, so the join screen's name field was not
    focused and a trainee's first typing went nowhere. When the tab gets focus and nothing on the
    screen has it, focus what the screen would have focused."""

    def watch_app_focus(self, focused: bool) -> None:
        screen = self.screen
        selector = screen.AUTO_FOCUS if screen.AUTO_FOCUS is not None else self.AUTO_FOCUS
        if not focused or screen.focused is not None or not selector:
            return
        target = next((widget for widget in screen.query(selector) if widget.focusable), None)
        if target is not None:
            screen.set_focus(target, scroll_visible=False)
