"""Settings: production passes `check --deploy`; configuration comes from the environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_yuanjiang(args, env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update({"YUANJIANG_DATA_DIR": str(tmp_path), **env_extra})
    return subprocess.run(
        [sys.executable, "-m", "yuanjiang.cli", *args], env=env, capture_output=True, text=True,
        cwd=tmp_path, timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = run_yuanjiang(["check", "--deploy", "--fail-level", "WARNING"], {
        "DJANGO_SETTINGS_MODULE": "yuanjiang.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "FIELD_ENCRYPTION_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "yuanjiang.example.gov.cn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_yuanjiang(["check"], {
        "DJANGO_SETTINGS_MODULE": "yuanjiang.settings.prod", "ALLOWED_HOSTS": "x.gov.cn",
    }, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_dev_settings_keep_a_generated_key_in_the_data_dir(tmp_path):
    result = run_yuanjiang(["check"], {"DJANGO_SETTINGS_MODULE": "yuanjiang.settings.dev"}, tmp_path)
    assert result.returncode == 0, result.stderr
    key = tmp_path / "secret_key"
    assert key.exists() and len(key.read_text()) >= 50
    assert oct(key.stat().st_mode)[-3:] == "600"


def test_database_url_selects_postgresql():
    import environ

    config = environ.Env.db_url_config("postgres://u:p@db.example:5432/yuanjiang")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "yuanjiang"


@pytest.mark.parametrize("module", ["base", "dev", "test", "prod"])
def test_no_secret_in_settings_files(module):
    text = (ROOT / "src" / "yuanjiang" / "settings" / f"{module}.py").read_text()
    assert "SECRET_KEY = \"" not in text or module == "test"


def test_production_refuses_to_start_without_a_field_encryption_key(tmp_path):
    result = run_yuanjiang(["check"], {
        "DJANGO_SETTINGS_MODULE": "yuanjiang.settings.prod", "ALLOWED_HOSTS": "x.gov.cn",
        "SECRET_KEY": secrets.token_urlsafe(64),
    }, tmp_path)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY" in result.stderr
