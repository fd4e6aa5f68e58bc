"""The UI driver (SPEC §4, "The two drivers"): each step done through the real app, headless, the way
a person would do it, and every result field read back from the screen.

After loading the world it never calls the core: it sets inputs, presses buttons and keys, picks rows
and options, switches tabs, and reads the message bar, the screen's location and the labelled result
fields. Like a person with a phone, it keeps the authenticator secrets it has seen (the world file's,
and those shown when enrolling) and reads the simulated time off the MFA page to type a code.

Speed: typing key by key costs ~60 ms a key, so inputs are set and submitted with one action; waiting
is on message queues and workers (`settle`), never on sleeps or CPU-idle polling.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Any

import pyotp
from textual.widget import Widget
from textual.widgets import Button, Checkbox, ContentSwitcher, DataTable, Input, OptionList, Select, Static, TabbedContent

from ..core import accounts, signon
from ..core.context import Simulation
from ..core.world import private_world
from ..scenario.loader import Scenario, Step
from ..scenario.spec import ACTIONS, FIELD_KINDS
from .app import SimApp
from .screens.account import OWN_QUESTION, AccountScreen
from .screens.console import DEFAULTS as CONSOLE_DEFAULTS
from .screens.court import CourtScreen, FilingWizard
from .screens.court_page import CourtPageScreen
from .screens.dialogs import ChangePasswordScreen, InboxScreen, MfaEnrolledScreen
from .screens.home import HomeScreen
from .screens.logins import CourtLoginScreen, MfaScreen, PacerLoginScreen, PromptScreen
from .widgets import MenuBar, MessageBar

SIZE = (120,44)


class UiDriverError(RuntimeError):
    """The app could not be driven as the step needs (a screen lost its control, say)."""


def read_value(text: str, kind: str) -> Any:
    """A result field as the screen shows it, back to its value (inverse of widgets.show_value)."""
    if kind == "bool":
        return text == "Yes"
    if kind == "int":
        return int(text)
    if kind == "number":
        return float(text.replace("$", "").replace(",", ""))
    if kind == "str_list":
        return text.split("\n") if text else []
    if kind == "datetime":
        return datetime.fromisoformat(text)
    if kind == "date_or_datetime":
        return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    return text


def as_text(value: Any) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class UiDriver:
    name = "ui"

    def __init__(self, scenario: Scenario, size: tuple[int, int] = SIZE, app: SimApp | None = None) -> None:
        """Headless on a private world; or, given a running `app` (demo mode), in front of the class."""
        self.demo = app is not None
        if app is None:
            app = SimApp(Simulation(private_world(scenario.world)))
        self.app = app
        self.size = size
        self._start(scenario)

    def _start(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.authenticator = {
            entry["username"].lower(): entry["mfa_secret"]
            for entry in scenario.world.get("pacer_accounts", [])
            if entry.get("mfa_secret")
        }
        self.signed_in_as: str | None = None
        self.learner_location = ""  # read off the learner's screen when the trainer turns to the console

    async def load(self, scenario: Scenario) -> None:
        """The next scenario on the same running app, as a trainer starts the next exercise: a fresh
        world, the learner back at the court list, the console closed and any dialog dismissed.
        Screens are built once per app, which is most of what a scenario's first steps cost."""
        engine = private_world(scenario.world)
        previous = self.app.simulation
        self.app.start_world(Simulation(engine))
        previous.engine.dispose()
        self._start(scenario)
        if self.app.current_mode != "learner":
            await self.key("f2")
        while len(self.app.screen_stack) > 2:
            self.app.pop_screen()
            await self.settle()
        self.app.act(signon.go_home)
        await self.settle()

    @property
    def reusable(self) -> bool:
        """Whether the next scenario can run on this app (one that failed or stopped is not reused)."""
        return self.app.is_running

    @property
    def simulation(self):
        return self.app.simulation

    async def __aenter__(self) -> "UiDriver":
        self._running = self.app.run_test(size=self.size)
        self.pilot = await self._running.__aenter__()
        self.app.animation_level = "none"
        await self.settle()
        return self

    async def __aexit__(self, *exc) -> None:
        await self._running.__aexit__(*exc)
        self.app.simulation.engine.dispose()

    # --- waiting and acting like a person ------------------------------------------------------------

    async def settle(self) -> None:
        """Until the app is quiet: no core worker running, every widget's message queue empty, and the
        app and screen past any handler still running (a callback posted to each runs after it)."""
        loop = asyncio.get_running_loop()
        quiet = 0
        for _ in range(20000):
            await asyncio.sleep(0)
            if not self.app.is_running:
                raise UiDriverError("the app stopped (it failed inside; see its error above)")
            busy = [worker for worker in self.app.workers if worker.group == "core" and worker.is_running]
            if busy:
                await self.app.workers.wait_for_complete(busy)
                quiet = 0
                continue
            nodes = [self.app, *self.app.screen.walk_children(with_self=True)]
            if any(node._message_queue.qsize() for node in nodes):
                quiet = 0
                continue
            barriers = []
            for node in (self.app, self.app.screen):
                done = loop.create_future()
                if node.call_later(lambda done=done: done.done() or done.set_result(None)):
                    barriers.append(done)
            await asyncio.gather(*barriers)
            quiet += 1
            if quiet >= 2:
                return
        raise UiDriverError("the app did not settle")

    @property
    def screen(self):
        return self.app.screen

    def find(self, selector: str, kind: type[Widget] = Widget) -> Widget | None:
        found = self.screen.query(selector)
        return found.first(kind) if found else None

    def need(self, selector: str, kind: type[Widget] = Widget) -> Widget:
        widget = self.find(selector, kind)
        if widget is None:
            raise UiDriverError(f"{type(self.screen).__name__} has no {selector}")
        return widget

    def shown(self, widget: Widget) -> bool:
        """On the screen for a person to see: the widget and every container around it displayed (a
        ContentSwitcher hides its other pages by not displaying them)."""
        return all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget))

    def visible(self, selector: str, kind: type[Widget] = Widget) -> Widget:
        widget = self.need(selector, kind)
        if not self.shown(widget):
            raise UiDriverError(f"{selector} is not shown on {type(self.screen).__name__}: a person could not use it")
        return widget

    async def press(self, selector: str) -> None:
        self.visible(selector, Button).press()
        await self.settle()

    async def key(self, key: str) -> None:
        """A key press (the app's own simulate_key: the same path as a real key, without idle polling)."""
        self.app.simulate_key(key)
        await self.settle()

    def fill(self, selector: str, value: Any) -> None:
        widget = self.visible(selector)
        if isinstance(widget, Checkbox):
            widget.value = bool(value)
        elif isinstance(widget, Select):
            widget.value = value if value not in (None, "") else Select.NULL
        else:
            widget.value = "" if value is None else as_text(value)

    async def submit(self, selector: str) -> None:
        """Enter in an input, as a person does after typing."""
        widget = self.visible(selector, Input)
        widget.focus()
        await widget.action_submit()
        await self.settle()

    async def pick_row(self, selector: str, key: str) -> bool:
        table = self.visible(selector, DataTable)
        for index, row_key in enumerate(table.rows):
            if row_key.value == key:
                table.move_cursor(row=index)
                table.action_select_cursor()
                await self.settle()
                return True
        return False

    async def pick_option(self, selector: str, option_id: str) -> bool:
        options = self.visible(selector, OptionList)
        for index in range(options.option_count):
            if options.get_option_at_index(index).id == option_id:
                options.highlighted = index
                options.action_select()
                await self.settle()
                return True
        return False

    # --- reading results -------------------------------------------------------------------------------

    def read_field(self, name: str, root=None) -> Any:
        root = root or self.screen
        widget = root.query(f".result-fields #field-{name}")
        if not widget:
            raise UiDriverError(f"{type(root).__name__} shows no {name}")
        return read_value(str(widget.first(Static).content), FIELD_KINDS[name])

    def outcome(self, root=None) -> dict[str, Any]:
        bar = (root or self.screen).query_one("#message", MessageBar)
        result: dict[str, Any] = {"ok": not bar.code, "message": bar.text}
        if bar.code:
            result["error"] = bar.code
        return result

    async def perform(self, step: Step) -> dict[str, Any]:
        """One step. Headless, the screen is painted once at the step's end (painting in between shows
        nobody anything and was most of the cost); in demo mode every screen is painted."""
        if self.demo:
            return await self._perform(step)
        with self.app.batch_update():
            return await self._perform(step)

    async def _perform(self, step: Step) -> dict[str, Any]:
        self.app.internal_errors = []
        action = ACTIONS[step.action]
        if action.kind != "learner":
            result = await self.console(step)
        else:
            if self.app.current_mode == "console":
                await self.key("f2")  # back to the learner's screen, re-read after the trainer's changes
            if isinstance(self.screen, ChangePasswordScreen) and step.action != "change_password":
                await self.key("escape")  # a refused change left its dialog open: close it, as a person would
            fields = await getattr(self, f"do_{step.action}")(step.params)
            result = self.outcome()
            if result["ok"]:
                for name in action.fields:
                    if name in fields:
                        result[name] = fields[name]
                    elif name != "menu":
                        result[name] = self.read_field(name)
            result["location"] = self.screen.location
        if self.app.internal_errors:
            raise UiDriverError(f"the app failed inside: {self.app.internal_errors[0]!r}")
        return result

    # --- navigation a person makes -----------------------------------------------------------------

    async def home(self) -> None:
        if not isinstance(self.screen, HomeScreen):
            await self.key("f9")

    async def court_page(self, court: str) -> bool:
        """From the court list to the court's page; False when the court is not in the list or refused."""
        await self.home()
        if not await self.pick_row("#courts", court):
            self.fill("#court-address", court)
            await self.submit("#court-address")
        return isinstance(self.screen, CourtPageScreen) and self.screen.court_id == court

    async def court_function(self, court: str, function: str) -> bool:
        """Open a page of the court's CM/ECF: from its menu bar when there, else as a bookmark (Go to)."""
        screen = self.screen
        bar = screen.query_one(MenuBar) if isinstance(screen, CourtScreen) and screen.court_id == court else None
        if bar is not None and bar.button_for("Utilities") is not None:
            await self.press_menu("Utilities")
            if isinstance(self.screen, CourtScreen) and self.screen.panel == "utilities":
                if await self.pick_option("#utilities-list", function):
                    return self.on_panel(court, function)
        await self.key("ctrl+g")
        self.fill("#goto-court", court)
        await self.pick_option("#goto-pages", function)
        return self.on_panel(court, function)

    def on_panel(self, court: str, function: str) -> bool:
        panel = {"create_agent": "create-agent", "change_user": "change-user", "file": "filing"}.get(function, function)
        screen = self.screen
        return isinstance(screen, CourtScreen) and screen.court_id == court and screen.panel == panel

    async def press_menu(self, label: str) -> None:
        button = self.need("#menubar", MenuBar).button_for(label)
        if button is None:
            raise UiDriverError(f"the menu bar has no {label}")
        button.press()
        await self.settle()

    async def manage_account(self) -> bool:
        if isinstance(self.screen, AccountScreen) and self.need("#account-pages", ContentSwitcher).current != "account-main":
            await self.key("escape")  # out of the upgrade wizard, back to the tabs
        if not isinstance(self.screen, AccountScreen):
            await self.home()
            await self.press("#manage-account")
        return isinstance(self.screen, AccountScreen)

    async def account_tab(self, tab: str) -> None:
        self.need("#account-main", TabbedContent).active = tab
        await self.settle()

    async def pacer_login_page(self) -> None:
        if isinstance(self.screen, (MfaScreen, PromptScreen)):
            await self.press("#back-to-login")
        if isinstance(self.screen, CourtLoginScreen) and self.shown(self.need("#to-pacer-login")):
            await self.press("#to-pacer-login")  # a NextGen court's login page: its link to PACER, and back
        if not isinstance(self.screen, PacerLoginScreen):
            await self.home()
            await self.press("#pacer-login")

    # --- learner actions -------------------------------------------------------------------------------

    async def do_visit(self, p: dict) -> dict:
        if await self.court_page(p["court"]):
            await self.press("#dfs")
        return self.menu_if_at_court()

    def menu_if_at_court(self) -> dict:
        if isinstance(self.screen, CourtScreen) and self.outcome()["ok"]:
            return {"menu": self.need("#menubar", MenuBar).available_labels()}
        return {}

    async def do_ecf_login(self, p: dict) -> dict:
        screen = self.screen
        if not (isinstance(screen, CourtLoginScreen) and screen.court_id == p["court"]):
            if await self.court_page(p["court"]):
                await self.press("#court-login")
        if isinstance(self.screen, CourtLoginScreen):
            self.fill("#login", p["login"])
            self.fill("#password", p["password"])
            self.fill("#client-code", p.get("client_code", ""))
            self.fill("#redaction", p.get("redaction_ack", True))
            await self.press("#submit-login")
        return self.menu_if_at_court()

    async def do_pacer_login(self, p: dict) -> dict:
        await self.pacer_login_page()
        self.fill("#username", p["username"])
        self.fill("#password", p["password"])
        self.fill("#client-code", p.get("client_code", ""))
        self.fill("#redaction", p.get("redaction_ack", True))
        await self.press("#submit-login")
        if isinstance(self.screen, MfaScreen) and self.outcome().get("error") == "MFA_REQUIRED" and p.get("otp"):
            self.fill("#otp", self.code_for(p["username"], p["otp"]))
            await self.press("#submit-otp")
        if isinstance(self.screen, PromptScreen) and not self.screen.LOCATION.endswith("update_required"):
            await self.press("#skip-update")
        if self.outcome()["ok"]:
            self.signed_in_as = p["username"].lower()
        return self.menu_if_at_court()

    def code_for(self, username: str, otp: str) -> str:
        """What the learner types: a given code, or (otp = "auto") their authenticator's code for the
        simulated time the page shows."""
        if otp != "auto":
            return otp
        secret = self.authenticator.get(username.lower())
        if secret is None:
            return ""
        clock = str(self.need("#mfa-clock", Static).content)
        moment = datetime.fromisoformat(clock.removeprefix("Simulated time: ").split(". ")[0])
        return pyotp.TOTP(secret).at(moment)

    async def do_logout(self, p: dict) -> dict:
        await self.key("f10")
        self.signed_in_as = None
        return {}

    async def do_forgot_password(self, p: dict) -> dict:
        if p.get("court"):
            if await self.court_page(p["court"]):
                await self.press("#court-login")
            if isinstance(self.screen, CourtLoginScreen):
                self.fill("#forgot-login", p.get("login", ""))
                await self.press("#forgot-send")
        else:
            await self.home()
            await self.press("#pacer-login")
            self.fill("#forgot-username", p["username"])
            await self.press("#forgot-send")
        return {}

    async def do_reset_password(self, p: dict) -> dict:
        account = p.get("login") if p.get("court") else p["username"]
        await self.key("f3")
        inbox = self.screen
        if isinstance(inbox, InboxScreen):
            table = self.need("#mail-table", DataTable)
            for row_key in list(table.rows):
                message = inbox.emails[int(row_key.value)]
                if message.link_kind and f"'{account.lower()}'" in message.body.lower():
                    await self.pick_row("#mail-table", row_key.value)
                    inbox._select(int(row_key.value))
                    await self.press("#open-link")
                    break
            else:
                await self.key("escape")
        if self.find("#reset") is not None and self.find("#reset").display:
            self.fill("#reset-password", p["new_password"])
            await self.press("#reset-submit")
        return {}

    async def register(self, p: dict, kind: str) -> dict:
        await self.home()
        await self.press("#pacer-login")
        await self.press("#register")
        self.fill("#register-kind", kind)
        for key in ("username", "password", "name", "email"):
            self.fill(f"#register-{key}", p[key])
        await self.press("#submit-register")
        return {}

    async def do_register_pacer_account(self, p: dict) -> dict:
        return await self.register(p, "individual")

    async def do_register_firm_account(self, p: dict) -> dict:
        return await self.register(p, "firm")

    async def do_upgrade_account(self, p: dict) -> dict:
        if not await self.manage_account():
            return {}
        await self.account_tab("tab-account")
        await self.press("#start-upgrade")
        wizard_pages = self.find("#upgrade-pages", ContentSwitcher)
        if wizard_pages is None or self.find("#account-pages", ContentSwitcher).current != "account-upgrade":
            return {}
        self.fill("#date-of-birth", p["date_of_birth"])
        await self.press("#next-person")
        if wizard_pages.current != "upgrade-address":
            return {}
        self.fill("#county", p["county"])
        await self.press("#next-address")
        if wizard_pages.current != "upgrade-security":
            return {}
        self.fill("#new-username", p["new_username"])
        self.fill("#upgrade-password", p["new_password"])
        for number, (question, answer) in enumerate((p.get("security") or [])[:3]):
            await self.choose_question(number, as_text(question))
            self.fill(f"#answer-{number}", answer)
        await self.press("#submit-upgrade")
        if self.outcome()["ok"] and self.signed_in_as in self.authenticator:
            self.authenticator[p["new_username"].lower()] = self.authenticator[self.signed_in_as]
        if self.outcome()["ok"]:
            self.signed_in_as = p["new_username"].lower()
        return {}

    async def choose_question(self, number: int, question: str) -> None:
        """A question on the list is chosen from it; any other is written in, after choosing "Write my
        own question" as a person would."""
        if question in accounts.SECURITY_QUESTIONS:
            self.fill(f"#question-{number}", question)
            return
        self.fill(f"#question-{number}", OWN_QUESTION)
        await self.settle()
        self.fill(f"#own-question-{number}", question)

    async def do_enroll_mfa(self, p: dict) -> dict:
        if isinstance(self.screen, PromptScreen):
            await self.press("#do-mfa")
        elif await self.manage_account():
            await self.account_tab("tab-settings")
            await self.press("#enroll-mfa")
        fields = {}
        if isinstance(self.screen, MfaEnrolledScreen):
            dialog = self.screen
            fields = {"secret": self.read_field("secret", dialog), "backup_codes": self.read_field("backup_codes", dialog)}
            account = str(dialog.query_one("#field-mfa_account", Static).content)
            self.authenticator[account.lower()] = fields["secret"]
            await self.press("#mfa-done")
        return fields

    async def do_change_password(self, p: dict) -> dict:
        if isinstance(self.screen, (PromptScreen, ChangePasswordScreen)):
            if isinstance(self.screen, PromptScreen):
                await self.press("#do-password")
            self.fill("#prompt-current", p["current_password"])
            self.fill("#prompt-new", p["new_password"])
            await self.press("#prompt-change")
        elif await self.manage_account():
            await self.account_tab("tab-settings")
            self.fill("#current-password", p["current_password"])
            self.fill("#new-password", p["new_password"])
            await self.press("#change-password")
        return {}

    async def do_request_registration(self, p: dict) -> dict:
        if await self.manage_account():
            await self.account_tab("tab-maintenance")
            self.fill("#registration-court", p["court"])
            self.fill("#registration-role", p["role"])
            await self.press("#submit-registration")
        return {}

    async def do_update_contact(self, p: dict) -> dict:
        if await self.manage_account():
            await self.account_tab("tab-maintenance")
            for key in ("name", "email", "address"):
                self.fill(f"#contact-{key}", p.get(key, ""))
            await self.press("#save-contact")
        return {}

    async def do_invite_to_firm(self, p: dict) -> dict:
        if await self.manage_account():
            await self.account_tab("tab-firm")
            self.fill("#invite-number", p["account_number"])
            self.fill("#invite-last-name", p["last_name"])
            await self.press("#invite")
        return {}

    async def do_accept_firm_invitation(self, p: dict) -> dict:
        if await self.manage_account():
            await self.account_tab("tab-firm")
            self.fill("#accept-firm", p["firm"])
            await self.press("#accept-invitation")
        return {}

    async def do_link_account(self, p: dict) -> dict:
        if await self.court_function(p["court"], "link"):
            self.fill("#ecf-login", p["ecf_login"])
            self.fill("#ecf-password", p["ecf_password"])
            await self.press("#link-verify")
            if self.find("#link-pages", ContentSwitcher).current == "link-verify-page":
                await self.press("#link-submit")
        return {}

    async def do_create_filing_agent(self, p: dict) -> dict:
        if await self.court_function(p["court"], "create_agent"):
            for key in ("login", "password", "name", "email"):
                self.fill(f"#agent-{key}", p[key])
            await self.press("#create-agent")
        return {}

    async def do_add_filing_agent(self, p: dict) -> dict:
        if await self.court_function(p["court"], "maintain"):
            self.fill("#agent-query", p["agent"])
            self.fill("#agent-internet-payment", p.get("internet_payment", False))
            await self.press("#agent-add")
        return {}

    async def do_remove_filing_agent(self, p: dict) -> dict:
        if await self.court_function(p["court"], "maintain"):
            self.fill("#agent-query", p["agent"])
            await self.press("#agent-remove")
        return {}

    async def do_update_ecf_account(self, p: dict) -> dict:
        if await self.court_function(p["court"], "maintain"):
            self.fill("#maintain-name", p.get("name", ""))
            self.fill("#maintain-email", p.get("email", ""))
            self.fill("#maintain-secondary", p.get("secondary_emails", ""))
            await self.press("#maintain-save")
        return {}

    async def do_change_user(self, p: dict) -> dict:
        if await self.court_function(p["court"], "change_user"):
            self.fill("#primary", p["primary"])
            await self.press("#change-user")
        return {}

    async def do_pay_fees(self, p: dict) -> dict:
        if await self.court_function(p["court"], "payments"):
            await self.press("#pay-fees")
        return {}

    async def do_file(self, p: dict) -> dict:
        court = p["court"]
        screen = self.screen
        menus = screen.query_one(MenuBar).menus if isinstance(screen, CourtScreen) and screen.court_id == court else []
        if menus:
            await self.press_menu(menus[0].label)  # filing menus come first (R15)
        else:
            await self.key("ctrl+g")
            self.fill("#goto-court", court)
            await self.pick_option("#goto-pages", "file")
        if not self.on_panel(court, "file"):
            return {}
        wizard = self.need("#panel-filing", FilingWizard)
        self.fill("#event-search", p["event"])
        await self.press("#next-event")
        if wizard.page == "fee":
            await self.press("#pay-now" if p.get("pay", "later") == "now" else "#pay-later")
        if wizard.page != "case":
            return {}
        self.fill("#case-number", p["case"])
        await self.press("#next-case")
        if wizard.page != "party":
            return {}
        if p.get("party"):
            self.fill("#party", p["party"])
        await self.press("#next-party")
        if wizard.page != "documents":
            return {}
        self.fill("#main-document", self.document(p["document"]))
        for item in p.get("attachments", []):
            reference, description = (item, "") if isinstance(item, str) else (item["document"], item.get("description", ""))
            self.fill("#attachment-document", self.document(reference))
            self.fill("#attachment-description", description)
            await self.press("#add-attachment")
        await self.press("#next-documents")
        if wizard.page != "text":
            return {}
        self.fill("#modifier", p.get("modifier", ""))
        self.fill("#free-text", p.get("text", ""))
        await self.press("#next-text")
        if wizard.page != "final":
            return {}
        await self.press("#submit-filing")
        return {}

    def document(self, reference: str) -> str:
        """A document beside the scenario, as the learner would browse to it (a full path)."""
        if reference.startswith("sample:"):
            return reference
        return str((self.scenario.directory / reference).resolve())

    # --- world actions and checks: the trainer's console ------------------------------------------------

    async def console(self, step: Step) -> dict[str, Any]:
        """World actions and checks leave the learner where they were (SPEC §4): the learner's location
        is read off their screen when the trainer turns to the console, which stays open for the
        trainer's next steps."""
        if self.app.current_mode != "console":
            self.learner_location = self.screen.location
            await self.key("f2")
        await self.pick_option("#console-actions", step.action)
        console = self.screen
        for param in ACTIONS[step.action].params:
            value = step.params.get(param.name)
            if param.kind == "bool" and value is None:
                value = CONSOLE_DEFAULTS.get((step.action, param.name), False)  # as a fresh form shows it
            self.fill(f"#{step.action}-{param.name}", value)
        await self.press(f"#do-{step.action}")
        result = self.outcome(console)
        if result["ok"]:
            for name in ACTIONS[step.action].fields:
                result[name] = self.read_field(name, console)
        result["location"] = self.learner_location
        return result
