from decimal import Decimal

import pytest

from yuanjiang.core.imports import (
    ImportFailed,
    RowError,
    parse_date,
    parse_decimal,
    parse_int,
    read_csv,
)


def test_row_error_wording():
    assert str(RowError(3, "受援地代码", "不能为空。")) == "第 3 行“受援地代码”列：不能为空。"
    assert str(RowError(3, "", "与已有数据冲突。")) == "第 3 行：与已有数据冲突。"
    assert str(RowError(None, "", "文件是空的。")) == "文件：文件是空的。"
    failed = ImportFailed([RowError(2, "a", "x"), RowError(3, "b", "y")])
    assert str(failed).splitlines()[0] == "导入失败，共 2 处错误，未写入任何数据："


@pytest.mark.parametrize(("text", "error"), [
    ("", "不能为空。"), ("12.5", "“12.5”不是整数。"), ("三", "“三”不是整数。"),
])
def test_parse_int_errors(text, error):
    with pytest.raises(ValueError, match=error):
        parse_int(text)


def test_parse_values():
    assert parse_int("2010") == 2010
    assert parse_int("", required=False) is None
    assert parse_date("2023-04-30").isoformat() == "2023-04-30"
    assert parse_decimal("1,234.50") == Decimal("1234.50")
    with pytest.raises(ValueError, match="最多保留 2 位小数"):
        parse_decimal("1.234")
    with pytest.raises(ValueError, match="不是数字"):
        parse_decimal("二亿")
    with pytest.raises(ValueError, match="不是数字"):
        parse_decimal("NaN")
    with pytest.raises(ValueError, match="格式应为 YYYY-MM-DD"):
        parse_date("2023年4月30日")


def test_read_csv_skips_blank_rows_and_numbers_rows_as_the_user_sees_them(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("\ufeffa,b\n1,2\n,\n3,4\n", encoding="utf-8")
    table = read_csv(f, {"a": "甲"})
    assert table.columns == ["a", "b"]
    assert table.rows == [(2, {"a": "1", "b": "2"}), (4, {"a": "3", "b": "4"})]


def test_read_csv_missing_file(tmp_path):
    with pytest.raises(ImportFailed) as exc:
        read_csv(tmp_path / "none.csv", {})
    assert str(exc.value.errors[0]).startswith("文件：无法读取文件")
