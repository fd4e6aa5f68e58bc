"""Widgets every screen shares. They show what the core returned and decide nothing."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Label, Static

if TYPE_CHECKING:
    from ..core.menus import Menu


class MessageBar(Horizontal):
    """The outcome of the learner's last action: an error's message and code, or a confirmation.
    State is never shown by colour alone: errors carry a mark in words. The message leads; the code
    follows, quieter, for QA and for telling the help desk (the UI driver reads it)."""

    DEFAULT_CSS = """
    MessageBar { height: auto; min-height: 1; padding: 0 1; margin: 0 0 1 0; display: none; }
    MessageBar.-shown { display: block; }
    MessageBar.-error { background: $error 25%; border-left: thick $error; }
    MessageBar.-ok { background: $success 20%; border-left: thick $success; }
    MessageBar #message-mark { width: auto; padding-right: 1; text-style: bold; }
    MessageBar #message-code { width: auto; padding-left: 1; color: $text-muted; }
    MessageBar #message-text { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="message-mark", markup=False)
        yield Static("", id="message-text", markup=False)
        yield Static("", id="message-code", markup=False)

    def show(self, message: str, code: str = "", *, failed: bool = False) -> None:
        """`failed` without a code: the simulator failed, not the learner (no code to learn from)."""
        failed = failed or bool(code)
        self.query_one("#message-mark", Static).update("✖ Error" if failed else ("✔" if message else ""))
        self.query_one("#message-code", Static).update(code)
        self.query_one("#message-text", Static).update(message)
        self.update_classes({"-error": failed, "-ok": bool(message) and not failed, "-shown": bool(message or code)})

    def clear(self) -> None:
        self.show("")

    @property
    def code(self) -> str:
        return str(self.query_one("#message-code", Static).content)

    @property
    def text(self) -> str:
        return str(self.query_one("#message-text", Static).content)


def show_value(value: Any, kind: str = "str") -> str:
    """How a result field reads on screen; `tui.driver.read_value` reads it back."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if kind == "number" and isinstance(value, (int, float)):
        return f"${value:,.2f}"
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def reflow(text: str) -> str:
    """Help is written wrapped at 100 columns, and a narrower dialog would wrap it again into ragged
    lines: join each sentence's lines. A list item ("- "), and a capitalised line after one that ends
    a sentence or introduces something (".", ":", "?"), keep their own line."""
    lines: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        previous = lines[-1].rstrip() if lines else ""
        continues = previous and (previous[-1] not in ".:?" or stripped[:1].islower())
        if stripped and continues and not stripped.startswith("- "):
            lines[-1] = f"{previous} {stripped}"
        else:
            lines.append(line)
    return "\n".join(lines)


class Fields(Vertical):
    """Labelled values, each in a `#field-<name>` widget so the UI driver reads them by name."""

    DEFAULT_CSS = """
    Fields { height: auto; }
    Fields > Horizontal { height: auto; }
    Fields .field-label { width: 22; color: $text-muted; }
    Fields .field-value { width: 1fr; }
    """

    def __init__(self, fields: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self._fields = fields

    def compose(self) -> ComposeResult:
        for name, label in self._fields:
            with Horizontal(id=f"row-{name}") as row:
                row.display = False  # no value yet
                yield Label(label, classes="field-label")
                yield Static("", id=f"field-{name}", classes="field-value", markup=False)

    def set(self, name: str, value: Any, kind: str = "str") -> None:
        self.show_text(name, show_value(value, kind))

    def show_text(self, name: str, text: str) -> None:
        """A field's value as shown; a field with no value hides its row. Hidden by its own display,
        not a class: a class change restyles the row and its cells from the stylesheet (a twentieth
        of a scripted run went on those)."""
        self.query_one(f"#field-{name}", Static).update(text)
        self.query_one(f"#row-{name}").display = bool(text)

    def show_texts(self, texts: dict[str, str]) -> None:
        """Every field at once: those in `texts` shown, the others emptied (so a row is laid out again
        only when it appears or goes, not emptied and filled again)."""
        for name, _ in self._fields:
            self.show_text(name, texts.get(name, ""))


class MenuButton(Button):
    """One menu of the CM/ECF menu bar. An unavailable menu stays visible, marked in words."""

    def __init__(self, menu: Menu, index: int) -> None:
        label = menu.label if menu.available else f"{menu.label} (unavailable)"
        super().__init__(label, id=f"menu-{index}", classes="menu-button" + ("" if menu.available else " -unavailable"),
                         compact=True)
        self.menu = menu


class MenuBar(Horizontal):
    """The court's blue menu bar (R15). Choosing a menu posts `MenuBar.Chosen`; left and right move
    between menus, as in CM/ECF's own menu bar.

    The bar is one stop in the Tab order (a roving focus): only the menu last used takes focus from
    Tab, so tabbing through a form meets the bar once instead of walking every menu up to Log Out."""

    BINDINGS = [
        Binding("left", "move(-1)", "Previous menu", show=False),
        Binding("right", "move(1)", "Next menu", show=False),
        Binding("home", "move_to(0)", "First menu", show=False),
        Binding("end", "move_to(-1)", "Last menu", show=False),
    ]

    DEFAULT_CSS = """
    MenuBar { height: 1; background: $primary-darken-2; }
    MenuBar .menu-button { margin: 0; min-width: 4; }
    MenuBar .-unavailable { text-style: italic dim; }
    """

    class Chosen(Message):
        def __init__(self, menu: Menu) -> None:
            super().__init__()
            self.menu = menu

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.menus: list[Menu] = []

    async def set_menus(self, menus: list[Menu]) -> None:
        """The court's menus as they are now. The buttons are made again only when a label or its
        availability changed (what the learner sees); otherwise each keeps its place and focus and
        takes its menu's new items (Utilities' pages), so a menu chosen is never an earlier one."""
        if [(m.label, m.available) for m in self.menus] == [(m.label, m.available) for m in menus]:
            self.menus = menus
            for button, menu in zip(self.query(MenuButton), menus):
                button.menu = menu
            return
        self.menus = menus
        await self.remove_children()
        await self.mount_all([MenuButton(menu, i) for i, menu in enumerate(menus)])
        self.rove_to(0)
        self.fit()

    def rove_to(self, index: int) -> MenuButton | None:
        """Make the menu at `index` the bar's one Tab stop; the menu it returns is the one to focus."""
        buttons = list(self.query(MenuButton))
        if not buttons:
            return None
        current = buttons[index % len(buttons)]
        for button in buttons:
            button.can_focus = button is current
        return current

    def on_resize(self) -> None:
        self.fit()

    def fit(self) -> None:
        """One line when every menu fits, else as many lines as it takes: a narrow bar (the objectives
        panel open at 100 columns) wraps its menus instead of hiding Utilities and Log Out."""
        widths = [len(str(button.label)) + 4 for button in self.query(MenuButton)]  # a compact button's own cells
        if not widths or not self.size.width:
            return
        per_line = len(widths)
        while per_line > 1 and sum(max(widths[c::per_line]) for c in range(per_line)) > self.size.width:
            per_line -= 1
        if per_line == len(widths):
            self.styles.layout, self.styles.height = "horizontal", 1
        else:
            self.styles.layout = "grid"
            self.styles.grid_size_columns = per_line
            self.styles.grid_columns = "auto"
            self.styles.height = -(-len(widths) // per_line)

    def action_move(self, step: int) -> None:
        buttons = list(self.query(MenuButton))
        current = next((i for i, b in enumerate(buttons) if b.can_focus), -step)
        self.action_move_to(current + step)

    def action_move_to(self, index: int) -> None:
        button = self.rove_to(index)
        if button is not None:
            button.focus()

    def available_labels(self) -> list[str]:
        return [button.menu.label for button in self.query(MenuButton) if "-unavailable" not in button.classes]

    def button_for(self, label: str) -> MenuButton | None:
        return next((b for b in self.query(MenuButton) if b.menu.label == label), None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if isinstance(event.button, MenuButton):
            event.stop()
            self.rove_to(list(self.query(MenuButton)).index(event.button))
            self.post_message(self.Chosen(event.button.menu))


class StatusBar(Static):
    """Simulated time in the zone of the court the learner is at, and who is signed in."""

    DEFAULT_CSS = """
    StatusBar { dock: top; height: 1; background: $panel; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "status_text", self._show, init=True)

    def _show(self, text: str) -> None:
        self.update(Text(text))


class KeyBar(Static):
    """The footer's key hints in one widget: the bindings active on this screen, refreshed when they
    change. Textual's Footer builds a widget per key and rebuilds them on every focus change, which
    made each step of a scripted run several times slower."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    _keys_shown: Text | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._refresh_keys)
        self._refresh_keys()

    def on_resize(self) -> None:
        self._refresh_keys()

    def _refresh_keys(self, *_) -> None:
        """Each key stays on one line with its label: a line breaks between hints, never inside one."""
        text = Text()
        seen = set()
        width, used = self.content_size.width or 10_000, 0
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            shown_key, label = f" {self.app.get_key_display(binding)} ", f" {binding.description}  "
            if used and used + len(shown_key) + len(label.rstrip()) > width:
                text.append("\n")
                used = 0
            text.append(shown_key, style="bold reverse")
            text.append(label)
            used += len(shown_key) + len(label)
        if text != self._keys_shown:  # the bindings change with every focus move, the keys shown seldom
            self._keys_shown = text
            self.update(text)


class NarrationBar(Static):
    """Demo mode: what the step being played is about (the scenario's note), under the status bar."""

    DEFAULT_CSS = """
    NarrationBar { dock: top; height: auto; max-height: 4; background: $accent 30%; padding: 0 1; display: none; }
    NarrationBar.-narrating { display: block; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "narration", self._show, init=True)

    def _show(self, text: str) -> None:
        self.set_class(bool(text), "-narrating")
        self.update(Text(text))


class LazySwitcher(Container):
    """Shows one of several panels, building it when it is first shown. By default the panel it
    replaces is removed, so a big screen holds only the panel in use (styling, layout and screen
    switches stay cheap); with `keep`, built panels stay hidden for the next time (a wizard's pages,
    for the life of the wizard)."""

    DEFAULT_CSS = "LazySwitcher { height: 1fr; }"

    def __init__(self, panels: dict[str, Callable[[], Widget]], *, keep: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.panels = panels
        self.keep = keep
        self.built: dict[str, Widget] = {}
        self.current = ""
        self._switching = asyncio.Lock()

    async def show(self, name: str) -> Widget:
        """The panel `name`, built if need be, shown. One switch at a time: two quick choices must not
        both remove the old panel and mount theirs."""
        async with self._switching:
            widget = self.built.get(name)
            if widget is None:
                if not self.keep:
                    await self.remove_children()
                    self.built.clear()
                widget = self.built[name] = self.panels[name]()
                await self.mount(widget)
            for other in self.built.values():
                other.display = other is widget
            self.current = name
            return widget

    @property
    def panel(self) -> Widget | None:
        return self.built.get(self.current)


class Tickbox(Checkbox):
    """A checkbox whose state reads in characters, [x] or [ ], not only in colour. Space ticks it;
    Enter submits the form it is in, as Enter does in a web form, instead of unticking it."""

    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"
    BINDINGS = [Binding("space", "toggle_button", "Tick", show=False), Binding("enter", "submit", "Submit", show=False)]

    class Submitted(Message):
        """Enter on the box: the form should be sent."""

        def __init__(self, tickbox: "Tickbox") -> None:
            super().__init__()
            self.tickbox = tickbox

        @property
        def control(self) -> "Tickbox":
            return self.tickbox

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self))

    def get_content_height(self, container, viewport, width: int) -> int:
        """As many lines as the label needs at this width (a long acknowledgement wraps, not cut short)."""
        return max(1, len(self.render().wrap(width))) if width > 0 else 1

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - Textual reads the class attribute's name
        return "x" if self.value else " "


class KeyScroll(VerticalScroll):
    """A scrolling panel that moves at once on each key: an animated scroll starts each press from
    where the last one's animation had got to, so quick presses were lost."""

    def action_scroll_down(self) -> None:
        self.scroll_down(animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        self.scroll_up(animate=False, immediate=True)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False, immediate=True)


class ExercisePanel(Static):
    """The live checklist of objectives, beside the learner's screen in play mode."""

    DEFAULT_CSS = """
    ExercisePanel { dock: right; width: 34; height: 100%; padding: 0 1; border-left: solid $primary; display: none; }
    ExercisePanel.-playing { display: block; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "exercise_text", self._show, init=True)

    def _show(self, text: str) -> None:
        self.set_class(bool(text), "-playing")
        self.update(text)
