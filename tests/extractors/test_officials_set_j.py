"""Officials rules of the language behind set J's failures (tests/gold_j/FAILURES.md), on sentences of our own."""

from __future__ import annotations

from extractors.officials import written_in_full


def provinces(doc_of, text, published="2024-03-06"):
    return {o.name: o.province for o in doc_of(text, published)._.officials}


# a local unit written without its place, in an article naming several provinces: the one its full name gives
def test_officials_a_bare_unit_takes_the_province_of_its_name_written_in_full(doc_of):
    text = ("Sáng 5/3, Công an tỉnh Quảng Bình tổ chức lễ khen thưởng Ban chuyên án. Đối tượng bị bắt khi đang lẩn "
            "trốn tại tỉnh Nghệ An.\n\nDự lễ có Đại tá Nguyễn Văn Toàn, Giám đốc Công an tỉnh.")
    assert provinces(doc_of, text) == {"Nguyễn Văn Toàn": "Quảng Trị"}


def test_officials_a_bare_unit_written_in_full_with_two_provinces_takes_none(doc_of):
    text = ("Sáng 5/3, Công an tỉnh Quảng Bình phối hợp với Công an tỉnh Nghệ An triệt phá đường dây ma túy.\n\n"
            "Đại tá Nguyễn Văn Toàn, Giám đốc Công an tỉnh cho biết, vụ việc đang được điều tra.")
    assert provinces(doc_of, text) == {"Nguyễn Văn Toàn": None}


def test_officials_written_in_full_needs_a_unit_of_two_words(doc_of):
    doc = doc_of("Ngày 5/3, UBND tỉnh Hà Tĩnh và người dân tỉnh Nghệ An dự lễ.", "2024-03-06")
    places, text = doc._.places, doc.text
    assert written_in_full("Phó Chủ tịch UBND tỉnh", places, text) == "Hà Tĩnh"
    assert written_in_full("Giám đốc Công an tỉnh", places, text) is None
    assert written_in_full("Chủ tịch tỉnh", places, text) is None  # "tỉnh" alone names no unit


# a department written without its parent, in an article naming several provinces: the province every placed
# official shares
def test_officials_a_bare_department_takes_the_province_the_placed_officials_share(doc_of):
    text = ("Sáng 5/3, Công an tỉnh Quảng Bình tổ chức lễ khen thưởng Ban chuyên án. Đối tượng bị bắt khi đang lẩn "
            "trốn tại tỉnh Nghệ An.\n\nDự lễ có Đại tá Nguyễn Văn Toàn, Giám đốc Công an tỉnh Quảng Bình; Thượng tá "
            "Lê Văn Hải, Phó Trưởng phòng Cảnh sát hình sự.")
    assert provinces(doc_of, text) == {"Nguyễn Văn Toàn": "Quảng Trị", "Lê Văn Hải": "Quảng Trị"}


def test_officials_a_bare_department_beside_officials_of_two_provinces_takes_none(doc_of):
    text = ("Sáng 5/3, Công an tỉnh Quảng Bình phối hợp với Công an tỉnh Nghệ An triệt phá đường dây ma túy.\n\n"
            "Dự có Đại tá Nguyễn Văn Toàn, Giám đốc Công an tỉnh Quảng Bình; Đại tá Trần Văn Lâm, Giám đốc Công an "
            "tỉnh Nghệ An; Thượng tá Lê Văn Hải, Phó Trưởng phòng Cảnh sát hình sự.")
    assert provinces(doc_of, text) == {"Nguyễn Văn Toàn": "Quảng Trị", "Trần Văn Lâm": "Nghệ An", "Lê Văn Hải": None}
