"""The core, the headless runner and the class record never import Textual: the TUI is one face among two."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_and_core_driver_import_no_textual():
    code = (
        "import sys, pkgutil, importlib, simulator.core as core\n"
        "for m in pkgutil.iter_modules(core.__path__): importlib.import_module('simulator.core.' + m.name)\n"
        "import simulator.scenario.loader, simulator.scenario.runner, simulator.scenario.core_driver, simulator.cli\n"
        "import simulator.classroom.store, simulator.scenario.personas, simulator.api.server, simulator.api.launch\n"
        "print(sorted(n for n in sys.modules if n == 'textual' or n.startswith('textual.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function, resolved to its absolute name."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1]) if path.is_relative_to(ROOT) else ""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def test_the_scenario_package_does_not_know_the_faces_that_run_it():
    """The TUI imports the scenario package (exercises, the picker); the scenario package names no face,
    not even inside a function, so the two never import each other. The faces are handed to the runner."""
    for path in sorted((ROOT / "simulator" / "scenario").glob("*.py")):
        faces = sorted(m for m in imported_modules(path)
                       if m.startswith(("simulator.tui", "simulator.api", "simulator.faces", "simulator.classroom", "textual")))
        assert faces == [], f"{path.name} imports {faces}"


def test_the_import_scan_sees_relative_imports_inside_functions():
    probe = ROOT / "simulator" / "scenario" / "runner.py"
    assert "simulator.core.maildir" in imported_modules(probe)  # `from ..core import maildir` in a method
    assert "simulator.scenario.core_driver.CoreDriver" in imported_modules(probe)


def test_starting_the_app_loads_no_module_its_first_screen_does_not_use():
    """The court list is drawn before the core loads (core/opening.py): SQLAlchemy, SQLModel and the
    core's tables come after it, and PDF checks (pypdf), legal holidays, QR codes (segno) and Faker when
    first used. Each costs start-up time (benchmarks/bench_startup.py)."""
    code = (
        "import sys, simulator.cli, simulator.tui.app, simulator.tui.launch, simulator.tui.screens\n"
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'simulator.core.models', 'simulator.core.context',"
        " 'pypdf', 'holidays', 'segno', 'faker', 'juriscraper', 'textual_serve') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


ENGINE_TYPE = ("sqlalchemy.engine", "sqlalchemy.engine.Engine")  # faces hand the engine on; they never query it


def reads_the_database(path: Path) -> list[str]:
    """What in a file reaches the database itself: the ORM, the core's tables, or a context's session."""
    found = sorted(m for m in imported_modules(path)
                   if (m.split(".")[0] in ("sqlmodel", "sqlalchemy") and m not in ENGINE_TYPE)
                   or m.startswith("simulator.core.models."))
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.attr == "db" or (node.value.id == "models" and node.attr != "SCHEMA_VERSION"):
                found.append(f"{node.value.id}.{node.attr} (line {node.lineno})")
    return found


def test_the_faces_ask_the_core_and_never_query_the_database():
    """Screens and the API render what the core's services return (core/pages.py says what each page
    shows); a query in a face would be a second place a rule could live."""
    faces = sorted((ROOT / "simulator" / "tui").rglob("*.py")) + sorted((ROOT / "simulator" / "api").rglob("*.py"))
    assert len(faces) > 20
    for path in faces:
        assert reads_the_database(path) == [], f"{path.relative_to(ROOT)} reads the database"


def test_the_database_scan_sees_a_session_and_a_table(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("from sqlalchemy.engine import Engine\nfrom simulator.core import models\n"
                     "from simulator.core.models import Email\n"
                     "def f(ctx):\n    return ctx.db.get(Email, 1), models.Court, models.SCHEMA_VERSION\n")
    assert sorted(reads_the_database(probe)) == ["ctx.db (line 5)", "models.Court (line 5)", "simulator.core.models.Email"]
