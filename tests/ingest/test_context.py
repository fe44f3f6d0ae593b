"""What a text is about: the places of the pairings it names, the batch, the years."""

from yuanjiang.ingest.context import detect


def test_places_batch_and_years():
    text = ("巩留县召开第十批援疆干部人才总结表彰大会。向巩留县选派援疆干部人才，是张家港市委的重要举措。"
            "三年来，第十批援疆工作取得成效。2020年至2023年，累计安排资金2.5亿元。")
    found = detect(text)
    assert [p["code"] for p in found["supporting"]] == ["320582"]
    assert found["recipient"][0] == {"code": "654024", "name": "巩留县", "mentions": 2}
    assert found["batch"] == 10
    assert found["years"] == [2020, 2023] and found["span_years"] == 3


def test_nothing_said_nothing_found():
    assert detect("会议强调，要提高政治站位。") == {
        "supporting": [], "recipient": [], "batch": None, "years": [], "span_years": None}
