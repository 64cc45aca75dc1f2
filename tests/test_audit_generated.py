"""dantoc audit on texts drawn by hypothesis: every planted error beyond the stated precision is a
mismatch, and every consistent text is free of them, whatever the numbers, layout and wording."""

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dantoc_analysis import audit
from dantoc_analysis.numbers import format_number

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _vi(value: float, decimals: int = 0) -> str:
    return format_number(round(value, decimals), "vi", decimals)


@st.composite
def capital(draw):
    """A plan split into investment and recurrent capital, and its disbursement with a rate."""
    investment = draw(st.integers(10_000, 900_000))
    recurrent = draw(st.integers(5_000, 600_000))
    disbursed = draw(st.integers(1_000, investment + recurrent))
    layout = draw(st.sampled_from(["sentence", "bullets", "paragraphs"]))
    return investment, recurrent, disbursed, layout


def _capital_text(total: int, investment: int, recurrent: int, disbursed: int, rate: str, layout: str) -> str:
    plan = {
        "sentence": f"Tổng kế hoạch vốn năm 2024 là {_vi(total)} triệu đồng, gồm vốn đầu tư phát triển "
                    f"{_vi(investment)} triệu đồng và vốn sự nghiệp {_vi(recurrent)} triệu đồng.",
        "bullets": f"Tổng kế hoạch vốn năm 2024 là {_vi(total)} triệu đồng, gồm:\n- Vốn đầu tư phát triển: "
                   f"{_vi(investment)} triệu đồng;\n- Vốn sự nghiệp: {_vi(recurrent)} triệu đồng.",
        "paragraphs": f"Tổng kế hoạch vốn năm 2024 là {_vi(total)} triệu đồng, trong đó vốn đầu tư phát triển "
                      f"{_vi(investment)} triệu đồng, vốn sự nghiệp {_vi(recurrent)} triệu đồng.",
    }[layout]
    gap = "\n\n" if layout != "sentence" else " "
    return f"{plan}{gap}Đến ngày 31/01/2025, toàn tỉnh đã giải ngân {_vi(disbursed)} triệu đồng, đạt {rate}% kế hoạch."


def _statuses(text: str) -> dict[str, str]:
    result = audit.audit(text)
    return {f"{r.kind}:{result.figures[r.anchor].mention.text}": r.status for r in result.relations}


@SETTINGS
@given(capital())
def test_consistent_capital_texts_hold(drawn):
    investment, recurrent, disbursed, layout = drawn
    total = investment + recurrent
    text = _capital_text(total, investment, recurrent, disbursed, _vi(100 * disbursed / total, 1), layout)
    statuses = _statuses(text)
    assert "mismatch" not in statuses.values(), (text, statuses)
    assert statuses[f"sum:{_vi(total)} triệu đồng"] == "ok"


@SETTINGS
@given(capital(), st.integers(2, 40), st.booleans())
def test_a_planted_error_in_the_total_or_the_rate_is_a_mismatch(drawn, off, in_total):
    investment, recurrent, disbursed, layout = drawn
    total = investment + recurrent
    stated_total = total + off * 1_000 if in_total else total
    rate = 100 * disbursed / stated_total + (0 if in_total else off)
    text = _capital_text(stated_total, investment, recurrent, disbursed, _vi(rate, 1), layout)
    statuses = _statuses(text)
    anchor = f"sum:{_vi(stated_total)} triệu đồng" if in_total else f"rate:{_vi(rate, 1)}%"
    assert statuses.get(anchor) == "mismatch", (text, statuses)


# Round thousands may be rounded counts ("12.000 hội viên"): the counts here are stated to the unit.
COUNTS = st.integers(20, 3_000).filter(lambda n: n % 1000)


@SETTINGS
@given(COUNTS, COUNTS, st.integers(-30, 30),
       st.sampled_from([("xây mới", "sửa chữa", "hộ", False), ("nam", "nữ", "người", True),
                        ("hộ nghèo", "hộ cận nghèo", "hộ", False)]))
def test_kinds_that_cannot_overlap_must_not_exceed_and_a_whole_split_must_not_fall_short(a, b, off, kinds):
    first, second, noun, exhaustive = kinds
    total = a + b + off
    assume(total % 1000)
    text = (f"Năm 2024, huyện hỗ trợ {_vi(total)} {noun}, trong đó {first} {_vi(a)} {noun}, "
            f"{second} {_vi(b)} {noun}.")
    status = _statuses(text)[f"sum:{_vi(total)} {noun}"]
    if off == 0:
        assert status == "ok", text
    elif off < 0 or exhaustive:  # parts above the total, or a whole split short of it
        assert status == "mismatch", text
    else:  # a shortfall where other kinds may exist is never called an error
        assert status == "unclear", text
