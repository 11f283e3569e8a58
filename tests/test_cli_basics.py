from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from faisceau.cli import cli, main

ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_commands():
    res = CliRunner().invoke(cli, ["--help"])
    assert res.exit_code == 0
    assert "store" in res.output


def test_store_info_on_missing_store_is_one_clear_line(tmp_path, capsys):
    try:
        main(["store", "info", "--store", str(tmp_path / "none.duckdb")])
    except SystemExit as exc:
        assert exc.code != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error[store]") and "none.duckdb" in err[0]


def test_store_info_json(tmp_path):
    from faisceau.store import Store

    Store(tmp_path / "s.duckdb").close()
    res = CliRunner().invoke(cli, ["store", "info", "--store", str(tmp_path / "s.duckdb"), "--json"])
    assert res.exit_code == 0, res.output
    assert '"posts": 0' in res.output


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    cmds = re.findall(r"^    (python3 -m pip install -q -e '\.\[test\]' && python3 -m pytest)$", readme, re.M)
    assert cmds, "README lost its test command"
    assert cmds[0] in ci.splitlines()


def test_readme_starts_with_demo_command():
    readme = (ROOT / "README.md").read_text()
    first_cmds = [l.strip() for l in readme.splitlines() if l.startswith("    ")][:2]
    assert "faisceau demo" in first_cmds[0]
    assert "pytest" in first_cmds[1]


def test_python_dash_m_entry_point():
    out = subprocess.run([sys.executable, "-m", "faisceau", "--version"], capture_output=True, text=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0 and "faisceau" in out.stdout
