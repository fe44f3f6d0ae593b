"""Languages: zh-Hans by default (our strings are written in Chinese), English selectable
through the catalog in src/yuanjiang/locale/en; unfold's own strings get a zh-Hans catalog."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "src" / "yuanjiang" / "locale"


def catalog(lang, kind="po"):
    path = LOCALE / lang / "LC_MESSAGES" / f"django.{kind}"
    with path.open("rb") as fh:
        return read_po(fh) if kind == "po" else read_mo(fh)


@pytest.mark.parametrize("lang", ["en", "zh_Hans"])
def test_every_entry_is_translated_and_compiled(lang):
    po, mo = catalog(lang), catalog(lang, "mo")
    untranslated = [m.id for m in po if m.id and not (m.string if isinstance(m.string, str)
                                                          else all(m.string))]
    assert untranslated == []
    fuzzy = [m.id for m in po if m.id and m.fuzzy]
    assert fuzzy == [], "guessed translations (fuzzy) need checking, then the flag removed"
    def entries(cat):
        def norm(v):
            return tuple(v) if isinstance(v, list | tuple) else v

        return {norm(m.id): norm(m.string) for m in cat if m.id}

    assert entries(po) == entries(mo), (
        "the .mo file is stale: run ./dev messages"
    )


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext (xgettext) is not installed")
def test_english_catalog_holds_every_string_of_the_code(tmp_path):
    src = LOCALE.parent
    copy = tmp_path / "yuanjiang"
    shutil.copytree(src, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "yuanjiang.settings.dev",
                "YUANJIANG_DATA_DIR": str(tmp_path / "var")})
    subprocess.run([sys.executable, "-m", "yuanjiang.cli", "makemessages", "-l", "en",
                    "--no-obsolete"], cwd=copy, env=env, check=True, capture_output=True)
    with (copy / "locale" / "en" / "LC_MESSAGES" / "django.po").open("rb") as fh:
        extracted = {m.id for m in read_po(fh) if m.id}
    committed = {m.id for m in catalog("en") if m.id}
    assert extracted - committed == set(), "new strings lack English: run ./dev messages"


def test_model_names_in_both_languages():
    from yuanjiang.core.models import Command, Pairing

    with translation.override("zh-hans"):
        assert str(Command._meta.verbose_name) == "指挥部"
        assert str(Pairing._meta.verbose_name) == "对口支援关系"
    with translation.override("en"):
        assert str(Command._meta.verbose_name) == "Command"
        assert str(Pairing._meta.verbose_name) == "Pairings"


def test_unfold_strings_read_in_chinese():
    with translation.override("zh-hans"):
        assert translation.gettext("Search apps and models...") == "搜索应用和模型…"
        assert translation.gettext("Select value") == "请选择"
