"""The `yuanjiang` command: platform subcommands and Django's, defaulting to dev settings."""

import os
import shutil
import subprocess
import sys

import pytest


def run(args, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["YUANJIANG_DATA_DIR"] = str(tmp_path)
    exe = shutil.which("yuanjiang") or None
    cmd = [exe, *args] if exe else [sys.executable, "-m", "yuanjiang.cli", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)


def test_help_lists_platform_and_django_commands(tmp_path):
    result = run(["help"], tmp_path)
    assert result.returncode == 0
    for name in ("demo", "load_reference", "migrate", "runserver", "createsuperuser"):
        assert name in result.stdout


# Each test here runs the command in a subprocess on a SQLite file of its own, whatever the
# suite's database: the SQLite pass has run them, the PostgreSQL pass would only repeat them.
pytestmark = pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                                reason="runs on a SQLite file of its own; the SQLite pass ran it")


@pytest.mark.slow
def test_demo_from_an_empty_data_dir_twice(tmp_path):
    first = run(["demo", "--password", "pw-cli-12345"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "yuanjiang.sqlite3").exists()
    assert "gongliu10" in first.stdout and "pw-cli-12345" in first.stdout
    second = run(["demo", "--password", "pw-cli-12345"], tmp_path)
    assert second.returncode == 0, second.stderr
    assert "行政区划：新增 0 条，更新 0 条，未变" in second.stdout


def test_load_reference_reports_a_bad_file(tmp_path):
    assert run(["migrate", "-v", "0"], tmp_path).returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("supporting_code,recipient_code\n320582,654024\n", encoding="utf-8")
    result = run(["load_reference", "--regions-only"], tmp_path)
    assert result.returncode == 0, result.stderr
    result = run(["load_reference", "--pairings", str(bad)], tmp_path)
    assert result.returncode == 1
    assert "第 1 行“起始年份”列：缺少这一列。" in result.stderr
