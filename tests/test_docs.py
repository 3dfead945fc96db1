"""Docs tests: every command and every setting is documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from eventwire.cli import app
from eventwire.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(typer_app, prefix=""):
    group = typer.main.get_group(typer_app)
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if hasattr(command, "commands"):
            for sub in command.commands:
                yield f"{prefix}{name} {sub}", command.commands[sub]


@pytest.mark.parametrize("name", [name for name, _ in _commands(app)])
def test_docs_every_command_is_in_the_readme(name):
    assert f"eventwire {name}" in README


@pytest.mark.parametrize("name,command", list(_commands(app)))
def test_docs_every_command_has_help_with_example(name, command):
    assert command.help and "Example:" in command.help, name


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_docs_every_setting_is_in_the_readme(setting):
    assert f"| `{setting}` |" in README
