from datetime import date

from dantoc_analysis.admin import CURRENT, LEGACY, province, provinces, slugify


def test_both_boundary_versions_are_complete():
    table = provinces()
    assert (table["boundary"] == LEGACY).sum() == 63
    assert (table["boundary"] == CURRENT).sum() == 34
    assert not table.duplicated(["slug", "boundary"]).any()


def test_lang_son_is_unchanged_by_the_merger():
    before, after = province("lang-son", date(2023, 1, 1)), province("lang-son", date(2026, 1, 1))
    assert before["gso_code"] == after["gso_code"] == "20"
    assert before["name"] == "Lạng Sơn"


def test_thai_nguyen_absorbed_bac_kan():
    bac_kan = province("bac-kan", date(2023, 1, 1))
    assert bac_kan["gso_code"] == "06"
    assert bac_kan["successor"] == "thai-nguyen"
    assert province("thai-nguyen", date(2026, 1, 1))["gso_code"] == "19"


def test_slugify():
    assert slugify("Lạng Sơn") == "lang-son"
    assert slugify("Bà Rịa - Vũng Tàu") == "ba-ria-vung-tau"
    assert slugify("Đắk Lắk") == "dak-lak"
