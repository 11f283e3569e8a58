"""The faisceau command line: argument parsing and printing only; the library does the work.

Each command lives in its own module under ``faisceau.cli`` and is imported lazily, so
``faisceau --help`` stays fast and a command's heavy imports are paid only when it runs.
"""
from __future__ import annotations

import importlib
import sys

import click

from .. import __version__
from ..errors import FaisceauError

# command name -> "module:attribute". A module that does not exist yet is left out of
# the listing, so a stage's command appears as soon as its module lands.
COMMANDS: dict[str, str] = {
    "ingest": "faisceau.cli.ingest:ingest",
    "store": "faisceau.cli.store:store",
    "quarantine": "faisceau.cli.ingest:quarantine",
    "simulate": "faisceau.cli.simulate:simulate",
    "coordination": "faisceau.cli.coordination:coordination",
    "content": "faisceau.cli.content:content",
    "media": "faisceau.cli.content:media",
    "accounts": "faisceau.cli.accounts:accounts",
    "bursts": "faisceau.cli.accounts:bursts",
    "investigate": "faisceau.cli.investigate:investigate",
    "demo": "faisceau.cli.investigate:demo",
    "export": "faisceau.cli.store:export",
    "dataset": "faisceau.cli.dataset:dataset",
}


class LazyGroup(click.Group):
    def _load(self, name: str):
        target = COMMANDS.get(name)
        if target is None:
            return None
        mod_name, attr = target.split(":")
        try:
            mod = importlib.import_module(mod_name)
        except ModuleNotFoundError as exc:
            if exc.name == mod_name:
                return None
            raise
        return getattr(mod, attr, None)

    def list_commands(self, ctx):
        return [n for n in COMMANDS if self._load(n) is not None]

    def get_command(self, ctx, name):
        return self._load(name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="faisceau")
@click.option("--quiet", "-q", is_flag=True, help="No progress output on stderr.")
def cli(quiet: bool) -> None:
    """faisceau: find coordinated information-manipulation campaigns in social-media
    exports, and weigh the evidence behind each finding."""
    from ..progress import set_quiet

    if quiet:
        set_quiet(True)


def main(argv: list[str] | None = None) -> None:
    """Entry point: maps library errors to one clear line and a non-zero exit."""
    try:
        cli.main(args=argv, prog_name="faisceau", standalone_mode=False)
    except FaisceauError as exc:
        click.echo(f"error[{exc.code}]: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
