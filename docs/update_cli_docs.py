"""Rewrite the `--help` blocks of docs/cli.md from the CLI itself.

    python3 docs/update_cli_docs.py          # rewrite docs/cli.md in place
    python3 docs/update_cli_docs.py --check  # exit 1 when docs/cli.md is out of date

Each command's block sits between ``<!-- [[[help faisceau CMD]]] -->`` and
``<!-- [[[end]]] -->``; only what lies between the markers is regenerated, so the
hand-written prose around them is kept. A command with no block yet gets a new section
at the end of the file (heading, its one-line help as a first paragraph, its block):
rewrite that paragraph in plain words. tests/test_cli_docs.py runs the same rendering.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import click
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "cli.md"
# Fixed width: the blocks must not depend on the terminal of whoever regenerates them.
WIDTH = 100

BLOCK = re.compile(
    r"<!-- \[\[\[help (?P<cmd>[^\]]+?)\]\]\] -->\n(?P<body>.*?)<!-- \[\[\[end\]\]\] -->",
    re.S,
)


def _cli() -> click.Group:
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    from faisceau.cli import cli

    return cli


def commands(cli: click.Group | None = None) -> list[str]:
    """Every command path, groups and their subcommands included: 'faisceau store info'."""
    cli = cli or _cli()
    out: list[str] = []

    def walk(cmd: click.Command, path: list[str]) -> None:
        out.append(" ".join(["faisceau", *path]))
        if isinstance(cmd, click.Group):
            ctx = click.Context(cmd)
            for name in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, name), [*path, name])

    walk(cli, [])
    return out


def help_text(command: str, cli: click.Group | None = None) -> str:
    cli = cli or _cli()
    args = command.split()[1:]
    res = CliRunner().invoke(cli, [*args, "--help"], prog_name="faisceau", terminal_width=WIDTH)
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise res.exception  # a broken command module, not a missing command
    if res.exit_code != 0:
        raise ValueError(f"docs/cli.md documents '{command}', which the CLI does not have:\n{res.output}")
    return res.output


def _block(command: str, text: str) -> str:
    return f"<!-- [[[help {command}]]] -->\n```text\n{text.rstrip()}\n```\n<!-- [[[end]]] -->"


def render(doc: str, cli: click.Group | None = None) -> str:
    """docs/cli.md with every help block regenerated and a section added for each new command."""
    cli = cli or _cli()
    new = BLOCK.sub(lambda m: _block(m["cmd"].strip(), help_text(m["cmd"].strip(), cli)), doc)
    documented = {m["cmd"].strip() for m in BLOCK.finditer(doc)}
    for command in commands(cli):
        if command in documented:
            continue
        args = command.split()[1:]
        cmd = cli
        for name in args:
            cmd = cmd.get_command(click.Context(cmd), name)
        level = "#" * (min(len(args), 2) + 1)
        new = new.rstrip("\n") + (
            f"\n\n{level} `{command}`\n\n{cmd.get_short_help_str(limit=300)}\n\n"
            f"{_block(command, help_text(command, cli))}\n"
        )
    return new


def missing(doc: str, cli: click.Group | None = None) -> list[str]:
    documented = {m["cmd"].strip() for m in BLOCK.finditer(doc)}
    return [c for c in commands(cli) if c not in documented]


def main(argv: list[str]) -> int:
    doc = DOC.read_text(encoding="utf-8")
    new = render(doc)
    if "--check" in argv:
        if new != doc:
            print("docs/cli.md is out of date: run python3 docs/update_cli_docs.py", file=sys.stderr)
            return 1
        return 0
    added = missing(doc)
    if new != doc:
        DOC.write_text(new, encoding="utf-8")
        print("rewrote docs/cli.md")
    else:
        print("docs/cli.md is up to date")
    for command in added:
        print(f"added a section for '{command}': write its explanation in plain words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
