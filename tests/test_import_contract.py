"""The core, the headless runner and the class record never import Textual: the TUI is one face among two."""

import subprocess
import sys


def test_core_and_core_driver_import_no_textual():
    code = (
        "import sys, pkgutil, importlib, simulator.core as core\n"
        "for m in pkgutil.iter_modules(core.__path__): importlib.import_module('simulator.core.' + m.name)\n"
        "import simulator.scenario.loader, simulator.scenario.runner, simulator.scenario.core_driver, simulator.cli\n"
        "import simulator.classroom.store, simulator.scenario.personas\n"
        "print(sorted(n for n in sys.modules if n == 'textual' or n.startswith('textual.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
