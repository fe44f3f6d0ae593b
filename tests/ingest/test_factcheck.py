"""A draft's figures against the platform's: agrees at the written precision, differs,
overstates with 余/多/以上, no record; figures without an indicator are listed apart.

The platform side is the hand-computed plan of tests.factories.funds_plan for 2021:
funds 11,000,000 (1100万元), livelihood share 75.00%, 4 projects."""

import pytest

from tests.factories import funds_plan
from yuanjiang.core.scope import PLATFORM
from yuanjiang.indicators.scopes import Period, Scope
from yuanjiang.ingest.extract import Fact
from yuanjiang.ingest.factcheck import AGREES, DIFFERS, NO_RECORD, OVERSTATES, check, precision
from yuanjiang.ingest.text import Source

pytestmark = pytest.mark.django_db


def verdicts(world, text):
    found = check(PLATFORM, Source(text, "text"), Scope("command", command=world.gongliu),
                  Period.of_year(2021))
    return [(f.fact.text, f.verdict) for f in found]


def fact(text, kind, value, qualifier="exact"):
    return Fact(text, 0, len(text), kind, value, "", qualifier, None)


@pytest.mark.parametrize(("f", "step"), [
    (fact("2.5亿元", "money", 250000000), 10_000_000), (fact("830万元", "money", 8300000), 10_000),
    (fact("1100万元", "money", 11000000), 10_000), (fact("85.6%", "percent", 85.6), 0.1),
    (fact("60个", "count", 60), 1), (fact("十三万人", "count", 130000), 10_000),
])
def test_the_precision_a_figure_is_written_with(f, step):
    from decimal import Decimal

    assert precision(f) == Decimal(str(step))


def test_verdicts(world):
    funds_plan(world)
    found = verdicts(world, "2021年共计安排援疆资金1100万元，实施援疆项目4个。"
                            "援疆资金投入1000余万元。投入援疆资金1200余万元。"
                            "其中80%以上的资金投入到了民生领域。拜访企业20余家。共计300人参加会议。"
                            "安排援疆资金约1000万元。安排援疆资金900万元。")
    assert found == [
        ("1100万元", AGREES), ("4个", AGREES), ("1000余万元", AGREES), ("1200余万元", OVERSTATES),
        ("80%以上", OVERSTATES), ("20余家", NO_RECORD), ("300人", None), ("约1000万元", AGREES),
        ("900万元", DIFFERS),
    ]


def test_rounding_at_the_written_precision(world):
    funds_plan(world)  # 11,000,000 yuan = 0.11亿
    assert verdicts(world, "安排援疆资金0.11亿元。安排援疆资金0.1亿元。") == [
        ("0.11亿元", AGREES), ("0.1亿元", AGREES)]  # 0.11亿 rounds to 0.1亿 at that precision
    assert verdicts(world, "安排援疆资金0.12亿元。") == [("0.12亿元", DIFFERS)]


def test_the_command_line(world, tmp_path):
    import io

    from django.core.management import call_command

    funds_plan(world)
    draft = tmp_path / "稿.txt"
    draft.write_text("共计安排援疆资金1200万元，其中80%以上的资金投入到了民生领域。", encoding="utf-8")
    out = io.StringIO()
    call_command("factcheck", str(draft), "--scope", "command:320582-654024:10", "--period", "2021",
                 stdout=out)
    text = out.getvalue()
    assert "共 2 个数字，其中 2 个对应指标：一致 0 个，不一致 1 个，夸大 1 个，无记录 0 个" in text
    assert "[不一致] 1200万元（援疆资金总额；平台：11,000,000.00元）" in text
    assert "[夸大] 80%以上（民生领域资金占比；平台：75%）" in text
