from __future__ import annotations

import json

from click.testing import CliRunner

from faisceau.cli import cli

TWARC = __import__("pathlib").Path(__file__).resolve().parent / "data" / "twarc2_pages.jsonl"


def test_investigate_cli_writes_every_export(tmp_path):
    key = tmp_path / "key"
    key.write_bytes(b"a long enough secret key")
    out = tmp_path / "case"
    r = CliRunner().invoke(cli, ["investigate", str(TWARC), "--out", str(out), "--tlp", "amber",
                                 "--pseudonymize-key", str(key), "--json"])
    assert r.exit_code == 0, r.output
    s = json.loads(r.output[r.output.index("{"):])
    assert s["posts"] > 0 and {"coordination", "bursts", "accounts"} <= set(s["detectors_run"])
    for name in ("report.html", "findings.json", "campaigns.csv", "accounts.csv", "edges.csv", "stix.json",
                 "network.gexf", "network.graphml"):
        assert (out / name).exists(), name
    f = json.loads((out / "findings.json").read_text())
    assert f["tlp"] == "amber" and f["pseudonymized"]
    assert f["inputs"][0]["source_sha256"] and f["runs"]
    html = (out / "report.html").read_text()
    assert f["inputs"][0]["source_sha256"] in html and "TLP:AMBER" in html
    # a second run into the same folder starts from a fresh store (no duplicate posts)
    r2 = CliRunner().invoke(cli, ["investigate", str(TWARC), "--out", str(out), "--json"])
    assert json.loads(r2.output[r2.output.index("{"):])["posts"] == s["posts"]


def test_investigate_errors_are_one_line(tmp_path, capsys):
    from faisceau.cli import main

    for args in (["investigate", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "o")],
                 ["investigate", str(TWARC), "--out", str(tmp_path / "o"), "--watchlist", str(tmp_path / "no.csv")]):
        try:
            main(args)
        except SystemExit as exc:
            assert exc.code != 0
        err = capsys.readouterr().err.strip().splitlines()
        assert err and err[-1].startswith("error[") and ("none.jsonl" in err[-1] or "no.csv" in err[-1])
