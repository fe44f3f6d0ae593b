"""`yuanjiang report summary|tables`: files, Markdown on standard output, the trace, and
Chinese errors for what cannot be read or written."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from docx import Document as read_docx
from openpyxl import load_workbook

from tests.factories import AllocationFactory, ProjectFactory, advance, disburse

pytestmark = pytest.mark.django_db
D = dt.date
M = Decimal
GONGLIU = "command:320582-654024:10"


@pytest.fixture(autouse=True)
def data(world):
    """张家港→巩留 2021: 1000万元 in two projects, 250万元 paid."""
    g = world.gongliu
    p1 = ProjectFactory(command=g, code="P1", category="livelihood", budget=M("8700000.00"))
    p2 = ProjectFactory(command=g, code="P2", category="industry", budget=M("1300000.00"))
    AllocationFactory(command=g, project=p1, amount=M("8700000.00"))
    AllocationFactory(command=g, project=p2, amount=M("1300000.00"))
    advance(p1, "started", D(2021, 4, 1))
    disburse(p1, "2500000.00", D(2021, 5, 1))


def report(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_markdown_to_standard_output(capsys):
    out, err = report("summary", "--scope", GONGLIU, "--period", "2021", "--format", "md", "-o", "-")
    assert out.startswith("# 张家港市对口支援巩留县2021年援疆工作总结\n\n")
    assert "2021年，共计安排援疆资金1000万元，实施对口支援项目2个" in out
    assert "## 一、民生援疆" in out
    assert out.endswith("\n") and not out.endswith("\n\n")
    assert err == "" and capsys.readouterr().out == ""  # nothing around the Markdown


def test_a_word_file_and_its_trace(tmp_path):
    target, trace = tmp_path / "总结.docx", tmp_path / "trace.json"
    out, err = report("summary", "--scope", GONGLIU, "--period", "2021", "-o", str(target),
                      "--trace", str(trace))
    assert out == "" and f"已生成 {target}（张家港援巩留工作组，2021年）" in err
    word = read_docx(io.BytesIO(target.read_bytes()))
    assert "共计安排援疆资金1000万元" in "\n".join(p.text for p in word.paragraphs)
    rows = json.loads(trace.read_text(encoding="utf-8"))
    total = next(r for r in rows if r["code"] == "aid_funds_total" and not r["part"])
    assert (total["text"], total["value"], total["source"]) == ("1000万元", "10000000.00", "computed")
    # The offsets are those of the Markdown of the same summary.
    md, _err = report("summary", "--scope", GONGLIU, "--period", "2021", "--format", "md", "-o", "-")
    assert all(md[r["start"]:r["end"]] == r["text"] for r in rows)


def test_a_markdown_file_and_the_tables(tmp_path):
    md = tmp_path / "总结.md"
    report("summary", "--scope", GONGLIU, "--period", "batch", "--format", "md", "-o", str(md))
    assert md.read_text(encoding="utf-8").startswith("# 张家港市对口支援巩留县第十批援疆工作总结")
    xlsx = tmp_path / "报表.xlsx"
    _out, err = report("tables", "--scope", "province:320000", "--period", "2021", "-o", str(xlsx))
    assert "已生成" in err
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["主要指标", "资金来源与类别", "项目进度", "干部人才"]
    assert wb["主要指标"]["C4"].value == 10000000


@pytest.mark.parametrize(("args", "message"), [
    (("--scope", "command:320582", "--period", "2021"),
     "指挥部范围的写法为 command:支援方代码-受援地代码:批次序号，如 command:320582-654024:10。"),
    (("--scope", "command:320582-654024:99", "--period", "2021"), "在第99批没有负责的指挥部。"),
    (("--scope", "county:654024", "--period", "2021"), "无法识别的范围“county:654024”"),
    (("--scope", "province:654024", "--period", "2021"), "支援方范围应为新疆以外的省市"),
    (("--scope", GONGLIU, "--period", "2021Q5"),
     "无法识别的时期“2021Q5”：应为 2022、2022Q3、2022-05、batch 或 batch:10。"),
    (("--scope", "province:320000", "--period", "batch"), "只有指挥部范围可以用 batch 表示其本批次"),
])
def test_bad_scopes_and_periods(tmp_path, args, message):
    target = tmp_path / "x.md"
    with pytest.raises(CommandError, match=message.replace("(", r"\(")) as caught:
        report("summary", *args, "--format", "md", "-o", str(target))
    assert message in str(caught.value)
    assert not target.exists()


def test_standard_output_takes_markdown_without_being_told():
    out, _err = report("summary", "--scope", GONGLIU, "--period", "2021", "-o", "-")
    assert out.startswith("# ")


@pytest.mark.parametrize("what", [("summary", "--format", "docx"), ("tables",)])
def test_only_markdown_goes_to_standard_output(what):
    with pytest.raises(CommandError, match="只有 Markdown 可以写到标准输出"):
        report(*what, "--scope", GONGLIU, "--period", "2021", "-o", "-")


def test_a_file_that_cannot_be_written(tmp_path):
    with pytest.raises(CommandError, match="无法写入"):
        report("summary", "--scope", GONGLIU, "--period", "2021", "--format", "md",
               "-o", str(tmp_path / "没有的目录" / "x.md"))
