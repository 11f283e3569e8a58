"""Render report.html in headless Chromium: screenshot, no console errors, no payload runs.

Debian's ``chromium`` package is installed by .ci/run; locally the test skips (with the
reason) only when no chromium binary is on the PATH.
"""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from _campaign_store import build
from faisceau.campaigns.assemble import assemble
from faisceau.campaigns.assess import assess
from faisceau.export import export_all

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"]
CONSOLE = re.compile(r"CONSOLE\(\d+\)\]? ?\"?(.*)")


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no chromium on PATH (apt-get install chromium; .ci/run installs it)")


def _run(url: str, tmp, *extra) -> subprocess.CompletedProcess:
    profile = tmp / f"profile{len(list(tmp.glob('profile*')))}"
    cmd = [_chromium(), *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, url]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=90)


def _console(stderr: str) -> list[str]:
    return [l for l in stderr.splitlines() if "CONSOLE" in l]


def _pwned(dom: str) -> bool:
    body = re.search(r"<body[^>]*>", dom)
    return bool(body and "data-pwned" in body.group(0))


def test_harness_detects_script_execution_and_console_errors(tmp_path):
    """The checks below can fail: a page that does run a payload is caught."""
    page = tmp_path / "control.html"
    page.write_text("<html><body><p>x</p><script>document.body.setAttribute('data-pwned', 'yes');"
                    "console.error('control error')</script></body></html>")
    res = _run(page.as_uri(), tmp_path, "--dump-dom")
    assert _pwned(res.stdout)
    assert any("control error" in l for l in _console(res.stderr))


def test_report_renders_without_errors_and_payloads_stay_inert(store, tmp_path):
    build(store)
    assemble(store)
    assess(store)
    out = tmp_path / "out"
    export_all(store, out)
    report = out / "report.html"
    shot = out / "report.png"
    res = _run(report.as_uri(), tmp_path, "--window-size=1280,2400", f"--screenshot={shot}")
    assert shot.exists() and shot.stat().st_size > 50_000, res.stderr[-2000:]
    assert _console(res.stderr) == [], _console(res.stderr)
    dom = _run(report.as_uri(), tmp_path, "--dump-dom")
    assert "campaign assessment" in dom.stdout
    assert not _pwned(dom.stdout)
    assert _console(dom.stderr) == []
    # the payloads are there, as text
    assert "document.body.setAttribute('data-pwned', 'script')" in dom.stdout.replace("&#39;", "'")
    assert "<img src=\"x\"" not in dom.stdout and "<img src=x" not in dom.stdout
