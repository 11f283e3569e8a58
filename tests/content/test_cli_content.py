from faisceau.cli import main
from faisceau.store import Store

from .test_detector import ROWS
from .helpers import load


def test_content_command(tmp_path, capsys):
    path = tmp_path / "s.duckdb"
    with Store(path) as st:
        load(st, ROWS)
    main(["content", "--store", str(path), "--no-semantic"])
    out = capsys.readouterr().out
    assert "2 copypasta" in out and "native repost" in out
    with Store(path, read_only=True) as st:
        assert st.count("content_clusters") == 2


def test_content_bad_threshold_is_one_line(tmp_path, capsys):
    path = tmp_path / "s.duckdb"
    with Store(path) as st:
        load(st, ROWS)
    try:
        main(["content", "--store", str(path), "--no-semantic", "--jaccard", "2"])
    except SystemExit as exc:
        assert exc.code != 0
    err = capsys.readouterr().err
    assert err.startswith("error[bad-parameter]") and err.count("\n") == 1


def test_content_explain(tmp_path, capsys):
    import json

    path = tmp_path / "s.duckdb"
    with Store(path) as st:
        load(st, ROWS)
    main(["content", "--store", str(path), "--explain", "1", "2"])
    ev = json.loads(capsys.readouterr().out)
    assert ev["shingle_jaccard"] > 0.7 and ev["equal"]["canon"] is False
