"""The `cmecf-sim` command. Textual is imported only by the commands that open the TUI."""

from __future__ import annotations

import sys

import click

from .core import security


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def main(ctx: click.Context) -> None:
    """A CM/ECF and PACER sign-in and filing simulator. With no command, opens free practice."""
    if ctx.invoked_subcommand is None:
        from .tui.launch import practice

        practice()


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--driver", type=click.Choice(["core", "ui", "both"]), default="core", show_default=True,
              help="core calls the simulator's core; ui drives the real TUI headless; both runs both and compares.")
@click.option("--junit", "junit", metavar="FILE", help="Write a JUnit XML report (one testcase per scenario and driver).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Run in N processes.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first failing scenario.")
@click.option("--hash-profile", type=click.Choice(sorted(security.PROFILES)), default="fast", show_default=True,
              help="Password hashing for the throwaway scenario worlds (see README, 'Hashing').")
def run(paths, driver, junit, jobs, fail_fast, hash_profile) -> None:
    """Run scenario files, or every *.toml under folders."""
    from .scenario.runner import run as run_scenarios

    report = run_scenarios(list(paths), driver, jobs, fail_fast, junit, hash_profile, echo=click.echo)
    sys.exit(report.exit_code)


@main.command()
@click.argument("paths", nargs=-1, required=True)
def lint(paths) -> None:
    """Check scenario files without running them (exit 0 when all are valid, 2 otherwise)."""
    from .scenario.runner import lint as lint_scenarios

    sys.exit(lint_scenarios(list(paths), echo=click.echo))
