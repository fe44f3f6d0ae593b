"""`yuanjiang extract`: the contract's JSON for each input, in order; a clear one-line error
and status 2 for a file that cannot be read."""

import io
import json

import pytest
from django.core.management import call_command


def run(*args, stdin=None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    call_command("extract", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_per_input_in_order(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("共计安排援疆资金2.5亿元，实施对口支援项目60个。", encoding="utf-8")
    b.write_text("无数字。", encoding="utf-8")
    out, _err = run(str(a), str(b), "--format", "json")
    data = json.loads(out)
    assert [d["source"] for d in data] == [str(a), str(b)]
    assert data[0]["facts"][0] == {"text": "2.5亿元", "start": 8, "end": 13, "kind": "money",
                                   "value": 250000000, "unit": "元", "qualifier": "exact",
                                   "indicator": "aid_funds_total"}
    assert data[1]["facts"] == []
    assert set(data[0]) == {"source", "facts"}  # the context only when asked for


def test_standard_input(monkeypatch):
    import sys

    class Stdin:
        buffer = io.BytesIO("实施对口支援项目60个。".encode())

    monkeypatch.setattr(sys, "stdin", Stdin)
    data = json.loads(run("-")[0])
    assert data[0]["source"] == "-" and data[0]["facts"][0]["value"] == 60


def test_context_on_request(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("张家港市第十批援疆干部在巩留县。", encoding="utf-8")
    data = json.loads(run(str(a), "--context")[0])
    assert data[0]["context"]["batch"] == 10


@pytest.mark.parametrize(("content", "reason"), [(None, "文件不存在"), (b"\x00\x01\x02", "二进制"),
                                                 (b"\xd6\xd0\xce\xc4", "UTF-8")])
def test_an_unreadable_file_is_one_line_and_status_2(tmp_path, content, reason):
    path = tmp_path / "x.txt"
    if content is not None:
        path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("extract", str(path), stdout=out, stderr=err)
    assert exc.value.code == 2 and out.getvalue() == ""
    line = err.getvalue().strip()
    assert "\n" not in line and str(path) in line and reason in line


@pytest.mark.skipif(__import__("os").environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="a subprocess that touches no database; the SQLite pass ran it")
def test_the_command_line_prints_no_traceback(tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    exe = shutil.which("yuanjiang")
    cmd = [exe] if exe else [sys.executable, "-m", "yuanjiang.cli"]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["YUANJIANG_DATA_DIR"] = str(tmp_path)
    done = subprocess.run([*cmd, "extract", str(tmp_path / "missing.txt")], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
    good = tmp_path / "g.txt"
    good.write_text("实施项目60个。", encoding="utf-8")
    done = subprocess.run([*cmd, "extract", str(good)], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0 and json.loads(done.stdout)[0]["facts"][0]["value"] == 60
