import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from yuanjiang.core.exports import field_column, workbook_bytes, xlsx_response
from yuanjiang.core.models import Batch, Command

pytestmark = pytest.mark.django_db


def test_field_columns_use_chinese_labels_and_display_values(world):
    label, get = field_column(Command, "kind")
    assert label == "类型" and get(world.yili) == "前方指挥部"
    label, get = field_column(Command, "batch__supporting_region")
    assert label == "选派方" and str(get(world.gongliu)) == "江苏省"
    label, get = field_column(Command, "pairings")
    assert get(world.yili) == "江苏省→伊犁哈萨克自治州、江苏省→可克达拉市（第四师）"


def test_workbook_types_and_frozen_header(world):
    rows = [{"d": dt.date(2023, 4, 30), "m": Decimal("250000000.00"), "b": True, "n": None}]
    cols = [(k, lambda r, k=k: r[k]) for k in ("d", "m", "b", "n")]
    wb = load_workbook(io.BytesIO(workbook_bytes("测试", cols, rows)))
    ws = wb.active
    assert ws.title == "测试" and ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["d", "m", "b", "n"]
    d, m, b, n = ws[2]
    assert d.value.date() == dt.date(2023, 4, 30) and d.number_format == "yyyy-mm-dd"
    assert m.value == 250000000 and m.number_format == "#,##0.00"
    assert b.value == "是" and n.value is None


def test_response_names_the_file_in_chinese(world):
    cols = [field_column(Batch, "name")]
    response = xlsx_response("批次", cols, Batch.objects.all())
    assert "filename*=UTF-8''%E6%89%B9%E6%AC%A1-" in response["Content-Disposition"]
