"""Who am I in an exercise: what the briefing hands the trainee (the people's PACER and court
logins, the cases), read from the scenario's own world so it can never disagree with it.

The practice world writes its personas by hand ([[persona]] tables); an exercise that declares
none gets one per person in its world, as the Who am I panel (F4) shows them."""

from __future__ import annotations

from .loader import Scenario


def exercise_personas(scenario: Scenario) -> list[dict]:
    if scenario.personas:
        return with_cases(scenario.personas, scenario.world)
    world = scenario.world
    people: dict[str, dict] = {}

    def person(name: str, summary: str) -> dict:
        return people.setdefault(name, {"name": name, "summary": summary, "credentials": []})

    for account in world.get("pacer_accounts", []):
        described = ", ".join(filter(None, [account.get("kind", "individual"), account.get("type")]))
        entry = person(account["name"], f"PACER account ({described}).")
        entry["credentials"].append(f"PACER: {account['username']} / {account['password']}")
    for account in world.get("ecf_accounts", []):
        entry = person(account["name"], f"{account['role'].capitalize()} with a court-issued CM/ECF login.")
        if account.get("password"):
            line = f"{account['court']} CM/ECF ({account['role']}): {account['login']} / {account['password']}"
        else:  # an account already linked: its person signs in with PACER
            line = f"{account['court']} CM/ECF: {account['login']}, linked to PACER {account['linked_to']}"
        entry["credentials"].append(line)
    return with_cases(list(people.values()), world)


def with_cases(personas: list[dict], world: dict) -> list[dict]:
    """The personas, then the world's cases and who appears in each: what a filer can file in."""
    cases = world.get("cases", [])
    if not cases:
        return personas
    lines = [f"{case['court']}: {case['number']}  {case['title']}"
             + (f"  (attorneys: {', '.join(case['attorneys'])})" if case.get("attorneys") else "") for case in cases]
    return [*personas, {"name": "Cases in this world", "summary": "File in these (the case number and its title).",
                        "credentials": lines}]
