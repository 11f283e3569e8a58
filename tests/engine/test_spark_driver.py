"""The Spark driver JVM fails fast when it runs out of memory: it exits
(-XX:+ExitOnOutOfMemoryError, unless the user sets driver options) and the engine
says so in one line, instead of PySpark waiting forever for an answer."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_driver_exits_on_oom_unless_the_user_sets_options(monkeypatch):
    pytest.importorskip("py4j")
    from faisceau.engine.spark_engine import _extra_conf

    monkeypatch.delenv("FAISCEAU_SPARK_CONF", raising=False)
    assert _extra_conf(None)["spark.driver.extraJavaOptions"] == "-XX:+ExitOnOutOfMemoryError"
    monkeypatch.setenv("FAISCEAU_SPARK_CONF", "spark.driver.memory=2g;spark.driver.extraJavaOptions=-Xss4m")
    conf = _extra_conf({"spark.driver.extraJavaOptions": "-Xss8m"})
    assert conf["spark.driver.extraJavaOptions"] == "-Xss4m" and conf["spark.driver.memory"] == "2g"


class _Proc:
    def __init__(self, status):
        self.status = status

    def poll(self):
        return self.status

    def wait(self, timeout=None):
        return self.status


class _Session:
    def __init__(self, status):
        self.sparkContext = type("SC", (), {"_gateway": type("GW", (), {"proc": _Proc(status)})()})()


def test_dead_driver_is_one_clear_line():
    pytest.importorskip("py4j")
    from py4j.protocol import Py4JNetworkError

    from faisceau.engine.spark_engine import _error

    lost = Py4JNetworkError("Error while sending or receiving")
    assert "spark.driver.memory" in str(_error(_Session(3), lost)) and "out of memory" in str(_error(_Session(3), lost))
    assert "exit status 1" in str(_error(_Session(1), lost))
    assert str(_error(_Session(None), ValueError("bad cast"), suffix=" (q)")) == "spark: bad cast (q)"


@pytest.mark.slow
@pytest.mark.spark
def test_driver_out_of_memory_fails_fast_with_a_clear_error():
    """A result larger than a 512 MB driver heap: an EngineError naming driver memory
    (about 30 s, mostly the JVM's start), not a hang."""
    script = textwrap.dedent("""
        from faisceau.engine.spark_engine import SparkEngine
        from faisceau.errors import EngineError
        eng = SparkEngine(master="local[1]", partitions=1)
        try:
            eng.sql("SELECT repeat('x', 1048576) AS s FROM range(1500)")
        except EngineError as exc:
            print("ENGINE-ERROR", exc)
    """)
    env = dict(os.environ, FAISCEAU_SPARK_CONF="spark.driver.memory=512m", PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    line = [x for x in out.stdout.splitlines() if x.startswith("ENGINE-ERROR")]
    assert line and "ran out of memory" in line[0] and "spark.driver.memory" in line[0], out.stdout + out.stderr[-2000:]
