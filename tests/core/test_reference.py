"""Reference data: regions of GB/T 2260, pairings and batches; idempotent, atomic loaders."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from yuanjiang.core.imports import ImportFailed
from yuanjiang.core.models import Batch, ObjectChange, Pairing, Region
from yuanjiang.core.reference import load_all, load_batches, load_pairings, region_rows

pytestmark = pytest.mark.django_db

HEADER = "supporting_code,supporting_name,recipient_code,recipient_name,xpcc_division,from_year,to_year\n"


def test_every_province_and_prefecture_and_all_of_xinjiang():
    provinces = Region.objects.filter(level="province")
    assert provinces.count() == 34  # 31 mainland, 香港, 澳门, 台湾
    for code, name in [("650000", "新疆维吾尔自治区"), ("320000", "江苏省"), ("220000", "吉林省")]:
        assert Region.objects.get(pk=code).name == name
    xinjiang = Region.objects.filter(path__startswith="/650000/")
    prefectures = set(xinjiang.filter(level="prefecture").values_list("code", flat=True))
    assert {"650100", "650200", "650400", "650500", "652300", "652700", "652800", "652900",
            "653000", "653100", "653200", "654000", "654200", "654300", "659000"} <= prefectures
    assert xinjiang.filter(level="county").count() >= 105
    assert Region.objects.filter(level="prefecture", code__startswith="32").count() == 13


@pytest.mark.parametrize(("code", "name", "division"), [
    ("659001", "石河子市", "第八师"), ("659002", "阿拉尔市", "第一师"), ("659003", "图木舒克市", "第三师"),
    ("659004", "五家渠市", "第六师"), ("659005", "北屯市", "第十师"), ("659006", "铁门关市", "第二师"),
    ("659007", "双河市", "第五师"), ("659008", "可克达拉市", "第四师"), ("659009", "昆玉市", "第十四师"),
    ("659010", "胡杨河市", "第七师"), ("659011", "新星市", "第十三师"), ("659012", "白杨市", "第九师"),
])
def test_xpcc_cities_and_their_divisions(code, name, division):
    city = Region.objects.get(pk=code)
    assert (city.name, city.xpcc_division, city.parent_id) == (name, division, "659000")
    assert city.path == f"/650000/659000/{code}/"


def test_paths_full_names_and_parents():
    gongliu = Region.objects.get(pk="654024")
    assert gongliu.path == "/650000/654000/654024/"
    assert gongliu.full_name == "新疆维吾尔自治区伊犁哈萨克自治州巩留县"
    assert Region.objects.get(pk="659008").full_name == "新疆维吾尔自治区可克达拉市"
    assert Region.objects.get(pk="320582").parent_id == "320500"
    # Districts of municipalities hang under the municipality itself.
    assert Region.objects.get(pk="110105").parent_id == "110000"
    assert Region.objects.get(pk="650400").name == "吐鲁番市"
    assert Region.objects.get(pk="650500").name == "哈密市"
    rows = region_rows()
    assert all(r["parent"] in rows for r in rows.values() if r["parent"])


def test_pairings_loaded_from_the_projects_data():
    assert Pairing.objects.count() == 62
    # 19 supporting provinces and cities (深圳 is one of them, under 广东).
    sides = Pairing.objects.filter(level="province").values("supporting_region").distinct()
    assert sides.count() == 19
    zjg = Pairing.objects.get(supporting_region="320582", recipient_region="654024")
    assert zjg.supporting_province_id == "320000" and zjg.level == "city"
    sz = Pairing.objects.get(supporting_region="440300", recipient_region="653101")
    assert sz.supporting_province_id == "440000"
    assert Pairing.objects.filter(recipient_region="659012", supporting_region="210000").exists()


def test_batches_loaded():
    js10 = Batch.objects.get(supporting_region="320000", number=10)
    assert js10.name == "第十批" and js10.end_date.isoformat() == "2023-04-30"
    jl5 = Batch.objects.get(supporting_region="220000", number=5)
    assert jl5.start_date.isoformat() == "2023-03-01" and jl5.end_date is None
    assert Batch.objects.get(supporting_region="220200", number=8).start_date.year == 2014


def test_loading_twice_changes_nothing():
    before = ObjectChange.objects.count()
    results = load_all()
    assert {k: (r.created, r.updated) for k, r in results.items()} == {
        "regions": (0, 0), "pairings": (0, 0), "batches": (0, 0),
    }
    assert ObjectChange.objects.count() == before


def _fails(tmp_path, text, loader=load_pairings, *, encoding="utf-8"):
    f = tmp_path / "in.csv"
    if isinstance(text, bytes):
        f.write_bytes(text)
    else:
        f.write_text(text, encoding=encoding)
    counts = (Pairing.objects.count(), Batch.objects.count(), ObjectChange.objects.count())
    with pytest.raises(ImportFailed) as exc:
        loader(f)
    assert (Pairing.objects.count(), Batch.objects.count(), ObjectChange.objects.count()) == counts
    return [str(e) for e in exc.value.errors]


def test_unknown_region_code_names_row_and_column(tmp_path):
    errors = _fails(tmp_path, HEADER + "320500,苏州市,654023,霍城县,,2012,\n"
                    + "320500,苏州市,659099,某市,,2012,\n")
    assert errors == ["第 3 行“受援地代码”列：行政区划代码“659099”不存在。"]


def test_every_bad_row_is_listed_and_nothing_is_written(tmp_path):
    errors = _fails(tmp_path, HEADER
                    + "320500,苏州市,654023,霍城县,,二〇一二,\n"
                    + "320500,无锡市,654023,霍城县,,2012,\n"
                    + "320500,苏州市,659008,可克达拉市,第九师,2012,\n"
                    + "320500,苏州市,654022,察布查尔锡伯自治县,,2015,2012\n"
                    + "654024,巩留县,654023,霍城县,,2015,\n")
    assert errors == [
        "第 2 行“起始年份”列：“二〇一二”不是整数。",
        "第 3 行“支援方名称”列：“无锡市”与代码 320500 的名称“苏州市”不符。",
        "第 4 行“兵团师”列：“第九师”与可克达拉市所属的师不符。",
        "第 5 行：截止年份不能早于起始年份。",
        "第 6 行“支援方代码”列：支援方应为新疆以外的省市。",
    ]


def test_missing_column(tmp_path):
    errors = _fails(tmp_path, "supporting_code,from_year\n320500,2012\n")
    assert errors == ["第 1 行“受援地代码”列：缺少这一列。"]


def test_file_that_is_not_csv_text(tmp_path):
    assert _fails(tmp_path, b"PK\x03\x04\x00\x00binary\xff\xfe") == [
        "文件：文件不是 UTF-8 编码的 CSV 文本。"
    ]
    assert _fails(tmp_path, "供方,受援\n".encode("gbk")) == ["文件：文件不是 UTF-8 编码的 CSV 文本。"]
    assert _fails(tmp_path, b"") == ["文件：文件是空的，没有表头。"]


def test_batch_file_errors(tmp_path):
    header = "supporting_code,number,start_date,end_date\n"
    errors = _fails(tmp_path, header + "320000,12,2026-03-01,2025-03-01\n320000,x,2026/03/01,\n",
                    load_batches)
    assert errors == [
        "第 2 行：结束日期必须晚于开始日期。",
        "第 3 行“批次序号”列：“x”不是整数。",
        "第 3 行“开始日期”列：“2026/03/01”不是有效日期，格式应为 YYYY-MM-DD。",
    ]


def test_load_reference_command_reports_errors_and_exits_nonzero(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(HEADER + "999999,无,654023,霍城县,,2012,\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("load_reference", pairings=str(f))
    assert "导入失败，共 1 处错误，未写入任何数据" in str(exc.value)
    assert "第 2 行“支援方代码”列：行政区划代码“999999”不存在。" in str(exc.value)


def test_load_reference_command_accepts_a_users_file(tmp_path, capsys):
    f = tmp_path / "ok.csv"
    f.write_text(HEADER + "320500,苏州市,654023,霍城县,,2012,\n", encoding="utf-8")
    call_command("load_reference", pairings=str(f))
    assert "对口支援关系：新增 1 条" in capsys.readouterr().out
    assert Pairing.objects.filter(supporting_region="320500", recipient_region="654023").exists()
