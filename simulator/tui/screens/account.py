"""PACER Manage My Account (`pacer.account`): account type and the Upgrade wizard, Maintenance
(e-file registration, personal information), Settings (password, MFA), firm billing."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, ContentSwitcher, Input, Label, Select, Static, TabbedContent, TabPane

from ...core import accounts, catalog, credentials, firms, registration, signon
from ...core.context import Ctx, Outcome
from ..base import LearnerScreen
from ..replies import Reply
from ...core.pages import AccountData, View
from ..widgets import Fields
from .logins import labelled

OWN_QUESTION = "own"  # the choice "Write my own question", which opens a field for it


class AccountScreen(LearnerScreen):
    AUTO_FOCUS = "Tabs"
    LOCATION = signon.PACER_ACCOUNT
    TITLE_TEXT = "PACER: Manage My Account"
    HELP = """\
Manage My Account. Account Type says "Legacy PACER Account" for accounts created before August 11,
2014: choose Upgrade (Person: date of birth; Address: county; Security: a new username, a new password
and security questions). The account number stays; the old username stops working.
Maintenance: Attorney Admissions / E-File Registration, or Non-Attorney E-File Registration (filing
agent, trustee, creditor, pro se) at a NextGen court; Update Personal Information (after NextGen your
name, address and primary email are kept here). Settings: Change Password; Manage MFA Settings."""

    def compose_body(self) -> ComposeResult:
        yield Fields([("type", "Account type now"), ("status", "Registration"), ("account_number", "Account number")],
                     id="account-result", classes="result-fields")
        with ContentSwitcher(initial="account-main", id="account-pages"):
            with TabbedContent(id="account-main"):
                with TabPane("Account", id="tab-account"):
                    yield Fields([("username", "Username"), ("name", "Name"), ("account_number_now", "Account number"),
                                  ("type_label", "Account Type"), ("kind", "User type"), ("email", "Primary email"),
                                  ("firm_now", "Firm billing")], id="account-fields")
                    yield Button("Upgrade (legacy accounts)", id="start-upgrade", variant="primary")
                    yield Label("Display Registered Courts", classes="subform-title")
                    yield Static("", id="registered-courts", markup=False)
                with TabPane("Maintenance", id="tab-maintenance"):
                    yield Label("E-File Registration", classes="subform-title")
                    yield labelled("Court", Input(id="registration-court", placeholder="court id, e.g. arwb"))
                    yield labelled("Role", Select([(label, role) for role, label in registration.ROLES.items()],
                                                  value="attorney", allow_blank=False, id="registration-role"))
                    yield Button("Submit registration", id="submit-registration", variant="primary")
                    yield Label("Update Personal Information", classes="subform-title")
                    yield labelled("Name", Input(id="contact-name"))
                    yield labelled("Primary email", Input(id="contact-email"))
                    yield labelled("Address", Input(id="contact-address"))
                    yield Button("Save", id="save-contact")
                with TabPane("Settings", id="tab-settings"):
                    yield Label("Change Password", classes="subform-title")
                    yield labelled("Current password", Input(id="current-password", password=True))
                    yield labelled("New password", Input(id="new-password", password=True))
                    yield Button("Change Password", id="change-password")
                    yield Label("Manage MFA Settings", classes="subform-title")
                    yield Static("", id="mfa-status", markup=False)
                    yield Button("Enrol an authentication app", id="enroll-mfa", variant="primary")
                with TabPane("Firm billing", id="tab-firm"):
                    yield Static("", id="firm-invitations", markup=False)
                    yield labelled("Firm (username or number)", Input(id="accept-firm"))
                    yield Button("Accept invitation", id="accept-invitation")
                    yield Label("PAA Maintenance: add an account (firm accounts only)", classes="subform-title")
                    yield labelled("Account number", Input(id="invite-number"))
                    yield labelled("Last name", Input(id="invite-last-name"))
                    yield Button("Invite to firm billing", id="invite")
            with VerticalScroll(id="account-upgrade"):
                yield UpgradeWizard(id="upgrade-wizard")

    async def render_view(self, view: View) -> None:
        data: AccountData | None = view.data
        if data is None:
            return
        fields = self.query_one("#account-fields", Fields)
        for name, value in (("username", data.username), ("name", data.name), ("account_number_now", data.account_number),
                            ("type_label", data.type_label), ("kind", data.kind), ("email", data.email),
                            ("firm_now", data.firm or "none")):
            fields.set(name, value)
        self.query_one("#registered-courts", Static).update("\n".join(data.registered_courts) or "None yet.")
        for key, current in (("name", data.name), ("email", data.email), ("address", data.address)):
            field = self.query_one(f"#contact-{key}", Input)
            field.value = ""
            field.placeholder = f"now: {current}" if current else "none"
        mfa = (f"Enrolled: an authentication app, {data.backup_codes_left} unused backup codes." if data.mfa
               else "Not Enrolled." + ("" if data.mfa_available else " MFA opens on May 11, 2025."))
        self.query_one("#mfa-status", Static).update(mfa)
        self.query_one("#firm-invitations", Static).update(
            "Invitations: " + ", ".join(data.invitations) if data.invitations else "No firm billing invitations."
        )
        if self.arriving:
            self.query_one("#account-pages", ContentSwitcher).current = "account-main"

    def action_back(self) -> None:
        pages = self.query_one("#account-pages", ContentSwitcher)
        if pages.current != "account-main":
            pages.current = "account-main"
        else:
            self.app.go_home()

    class UpgradeOpened(Reply):
        """The core lets this account upgrade: the wizard's first page opens."""

    @on(Button.Pressed, "#start-upgrade")
    def start_upgrade(self) -> None:
        def open_upgrade(ctx: Ctx) -> Outcome:
            accounts.open_upgrade(ctx)
            return Outcome("")

        self.app.act(open_upgrade, self.UpgradeOpened(self))

    @on(UpgradeOpened)
    def upgrade_opened(self, opened: UpgradeOpened) -> None:
        if opened.landed_on_asker:
            self.query_one("#account-pages", ContentSwitcher).current = "account-upgrade"
            self.query_one(UpgradeWizard).start()

    @on(Button.Pressed, "#submit-registration")
    def register(self) -> None:
        court = self.query_one("#registration-court", Input).value.strip().lower()
        role = str(self.query_one("#registration-role", Select).value)
        self.app.act(lambda ctx: registration.request_registration(ctx, court, role))

    @on(Button.Pressed, "#save-contact")
    def save_contact(self) -> None:
        """Only what the learner typed changes; empty fields keep their current value."""
        name, email, address = (self.query_one(f"#contact-{key}", Input).value.strip() or None
                                for key in ("name", "email", "address"))
        self.app.act(lambda ctx: accounts.update_contact(ctx, name, email, address))

    @on(Button.Pressed, "#change-password")
    def change_password(self) -> None:
        current = self.query_one("#current-password", Input).value
        new = self.query_one("#new-password", Input).value
        self.query_one("#current-password", Input).value = self.query_one("#new-password", Input).value = ""
        self.app.act(lambda ctx: accounts.change_password(ctx, current, new))

    @on(Button.Pressed, "#enroll-mfa")
    def enroll(self) -> None:
        self.app.start_update("mfa")

    @on(Button.Pressed, "#accept-invitation")
    def accept(self) -> None:
        firm = self.query_one("#accept-firm", Input).value
        self.app.act(lambda ctx: firms.accept_firm_invitation(ctx, firm))

    @on(Button.Pressed, "#invite")
    def invite(self) -> None:
        number = self.query_one("#invite-number", Input).value
        last_name = self.query_one("#invite-last-name", Input).value
        self.app.act(lambda ctx: firms.invite_to_firm(ctx, number, last_name))


class UpgradeWizard(Vertical):
    """Upgrade PACER account: Person, Address, Security pages, each judged by the core (R6)."""

    def compose(self) -> ComposeResult:
        yield Label("", id="upgrade-title", classes="panel-title")
        with ContentSwitcher(initial="upgrade-person", id="upgrade-pages"):
            with Vertical(id="upgrade-person"):
                yield labelled("Date of birth", Input(id="date-of-birth", placeholder="YYYY-MM-DD (permanent to the account)"))
                yield labelled("User type", Select([("INDIVIDUAL", "individual")], value="individual", allow_blank=False,
                                                   id="user-type"))
                yield Button("Next", id="next-person", variant="primary")
            with Vertical(id="upgrade-address"):
                yield labelled("State", Select([(state, state) for state in catalog.counties()], id="address-state",
                                               prompt="your state or territory"))
                yield labelled("County", Input(id="county", placeholder="your county: its list follows the state"))
                yield Button("Next", id="next-address", variant="primary")
            with Vertical(id="upgrade-security"):
                yield Static("", id="password-rules", classes="notice", markup=False)
                yield labelled("New username", Input(id="new-username"))
                yield labelled("New password", Input(id="upgrade-password", password=True))
                choices = [(question, question) for question in accounts.SECURITY_QUESTIONS]
                for number in range(3):
                    with Vertical(classes="form-row"):
                        with Horizontal(classes="question-row"):
                            yield Select([*choices, ("Write my own question", OWN_QUESTION)], id=f"question-{number}",
                                         prompt=f"Security question {number + 1}", classes="question")
                            yield Input(placeholder="answer", id=f"answer-{number}")
                        yield Input(placeholder=f"your own question {number + 1}", id=f"own-question-{number}",
                                    classes="own-question")
                yield Button("Submit", id="submit-upgrade", variant="primary")

    def start(self) -> None:
        for field in self.query(Input):
            field.value = ""
        for question in self.query(".question").results(Select):
            question.clear()
        for own in self.query(".own-question"):
            own.display = False
        self.show("person")

    FIRST_FIELDS = {"person": "#date-of-birth", "address": "#address-state", "security": "#new-username"}

    def show(self, page: str) -> None:
        """A page opens with focus in its first field, so what the filer types next is not lost."""
        self.page = page
        titles = {"person": "Upgrade: Person", "address": "Upgrade: Address", "security": "Upgrade: Security"}
        self.query_one("#upgrade-title", Label).update(titles[page])
        self.query_one("#upgrade-pages", ContentSwitcher).current = f"upgrade-{page}"
        self.query_one(self.FIRST_FIELDS[page]).focus()
        if page == "security":
            self.app.ask(credentials.password_rules_in_force, self.PasswordRulesRead(self))

    class PasswordRulesRead(Reply):
        """The password rules in force, shown before the filer chooses a password (`result`)."""

    @on(PasswordRulesRead)
    def show_password_rules(self, read: PasswordRulesRead) -> None:
        if not isinstance(read.result, Exception):
            self.query_one("#password-rules", Static).update(read.result)

    class PageChecked(Reply):
        """The core accepted this page: `page` opens next."""

        def __init__(self, asker, page: str) -> None:
            super().__init__(asker)
            self.page = page

    def _next(self, check, page: str) -> None:
        def work(ctx: Ctx) -> Outcome:
            check(ctx)
            return Outcome("")

        self.app.act(work, self.PageChecked(self, page))

    @on(PageChecked)
    def page_checked(self, checked: PageChecked) -> None:
        if checked.landed_on_asker:
            self.show(checked.page)

    @on(Input.Submitted, "#date-of-birth")
    @on(Button.Pressed, "#next-person")
    def person(self) -> None:
        dob = self.query_one("#date-of-birth", Input).value
        self._next(lambda ctx: accounts.check_person(ctx, dob), "address")

    @on(Select.Changed, "#address-state")
    def state_chosen(self, event: Select.Changed) -> None:
        """The County field then offers that state's counties as you type, as PACER's list does."""
        names = catalog.counties().get(event.value, ()) if not event.select.is_blank() else ()
        self.query_one("#county", Input).suggester = SuggestFromList(names, case_sensitive=False) if names else None

    @on(Input.Submitted, "#county")
    @on(Button.Pressed, "#next-address")
    def address(self) -> None:
        county = self.query_one("#county", Input).value
        self._next(lambda ctx: accounts.check_address(county), "security")

    @on(Select.Changed, ".question")
    def question_chosen(self, event: Select.Changed) -> None:
        """"Write my own question" opens a field for it under the row, with the cursor in it."""
        own = self.query_one(f"#own-{event.select.id}", Input)
        own.display = event.value == OWN_QUESTION
        if own.display:
            own.focus()

    def security_answers(self) -> list[list[str]]:
        """[question, answer] for each row the filer used. A row with neither is a question not chosen;
        any other goes to the core, which judges it (a question without an answer is refused there)."""
        security = []
        for number in range(3):
            chosen = self.query_one(f"#question-{number}", Select).value
            if chosen == OWN_QUESTION:
                question = self.query_one(f"#own-question-{number}", Input).value
            else:
                question = "" if chosen is Select.NULL else str(chosen)
            answer = self.query_one(f"#answer-{number}", Input).value
            if question.strip() or answer.strip():
                security.append([question, answer])
        return security

    @on(Button.Pressed, "#submit-upgrade")
    def submit(self) -> None:
        values = {key: self.query_one(f"#{key}", Input).value
                  for key in ("date-of-birth", "county", "new-username", "upgrade-password")}
        security = self.security_answers()
        self.app.act(lambda ctx: accounts.upgrade_account(ctx, values["date-of-birth"], values["county"],
                                                          values["new-username"], values["upgrade-password"], security))
