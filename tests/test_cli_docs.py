"""docs/cli.md must match the CLI: every command covered, every --help block current."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import click
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIX = "run `python3 docs/update_cli_docs.py` and commit docs/cli.md"


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("update_cli_docs", ROOT / "docs" / "update_cli_docs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def doc(gen):
    return gen.DOC.read_text(encoding="utf-8")


def test_every_command_is_documented(gen, doc):
    missing = gen.missing(doc)
    assert not missing, f"docs/cli.md does not cover {missing}: {FIX}, then explain each new command in plain words"


def test_help_blocks_are_current(gen, doc):
    try:
        fresh = gen.render(doc)
    except ValueError as exc:  # a documented command that the CLI no longer has
        pytest.fail(f"{exc}\nremove its section from docs/cli.md")
    if fresh != doc:
        import difflib

        diff = "".join(difflib.unified_diff(doc.splitlines(True), fresh.splitlines(True),
                                            "docs/cli.md", "regenerated", n=1))
        pytest.fail(f"docs/cli.md is out of date with the CLI: {FIX}\n{diff[:4000]}")


def test_checker_notices_drift(gen, doc):
    # The comparison must be able to fail: a changed option help and a new command both show.
    @click.group()
    def fake():
        """Fake CLI."""

    @fake.command("ingest")
    @click.option("--format", help="Something else entirely.")
    def ingest(format):
        """Different help."""

    sample = "<!-- [[[help faisceau ingest]]] -->\n```text\nold\n```\n<!-- [[[end]]] -->\n"
    out = gen.render(sample, fake)
    assert "Something else entirely." in out and "old" not in out
    assert gen.missing(sample, fake) == ["faisceau"]
    assert "<!-- [[[help faisceau]]] -->" in out


def test_readme_lists_every_top_level_command(gen):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/cli.md" in readme
    table = [line for line in readme.splitlines() if line.startswith("| `faisceau ")]
    listed = {line.split("`")[1].split()[1] for line in table}
    top = {c.split()[1] for c in gen.commands() if len(c.split()) >= 2}
    assert top <= listed, f"README.md's command table misses {sorted(top - listed)}"
