"""vnie_places: provinces, districts and wards resolved to the provinces after the July 2025 merger."""

from __future__ import annotations

import pytest

from extractors.admin_units import load_admin_units, unit_key


def places_of(doc_of, text, published=None):
    doc = doc_of(text, published)
    for p in doc._.places:
        assert doc.text[p.start:p.end] == p.text  # offsets point into the text
    return doc._.places


def test_places_unit_key_ignores_spelling_variants():
    assert unit_key("Thanh Hoá") == unit_key("Thanh Hóa") == "thanhhoa"
    assert unit_key("Bà Rịa - Vũng Tàu") == "bariavungtau"
    assert unit_key("05") == unit_key("5") == "5"


def test_places_admin_units_have_34_provinces_after_the_merger():
    units = load_admin_units()
    after = {u.province for us in units.provinces.values() for u in us}
    assert len(after) == 34
    assert "Hải Dương" not in after and "Hải Phòng" in after


def test_places_city_prefix_on_a_provincial_city_is_its_province(doc_of):
    [p] = places_of(doc_of, "Sáng nay, Công an TP Thanh Hóa tổ chức tuần tra trên các tuyến phố.", "2023-05-02")
    assert (p.text, p.level, p.province, p.ward, p.name) == ("TP Thanh Hóa", "district", "Thanh Hóa", None, "Thanh Hóa")


def test_places_old_province_resolves_to_the_merged_one(doc_of):
    places = places_of(doc_of, "Ông từng công tác ở tỉnh Hải Dương cũ, nay làm việc tại tỉnh Bắc Giang.", "2025-09-01")
    assert [(p.text, p.province, p.former_province) for p in places] == [
        ("tỉnh Hải Dương", "Hải Phòng", "Hải Dương"), ("tỉnh Bắc Giang", "Bắc Ninh", "Bắc Giang")]


def test_places_old_district_resolves_to_its_province(doc_of):
    [p] = places_of(doc_of, "Lực lượng chức năng huyện Mường La đã kiểm tra 12 cơ sở kinh doanh.", "2020-03-01")
    assert (p.level, p.province, p.name) == ("district", "Sơn La", "Mường La")


def test_places_ward_named_after_a_person(doc_of):
    text = "Chiều 4/3, phường Hàm Rồng (TP Thanh Hóa) ra mắt tổ tự quản; Công an phường Đông Thọ cũng tham gia."
    places = places_of(doc_of, text, "2024-03-05")
    assert [(p.text, p.level, p.province, p.ward) for p in places] == [
        ("phường Hàm Rồng", "ward", "Thanh Hóa", "Hàm Rồng"),
        ("TP Thanh Hóa", "district", "Thanh Hóa", None),
        ("phường Đông Thọ", "ward", "Thanh Hóa", "Đông Thọ"),
    ]


def test_places_ambiguous_ward_takes_the_qualifier_written_after_it(doc_of):
    text = "Người dân xã Tiền Phong (huyện Mê Linh, TP Hà Nội) đã giao nộp 3 khẩu súng tự chế."
    ward = places_of(doc_of, text, "2023-06-01")[0]
    assert (ward.ward, ward.province) == ("Tiền Phong", "Hà Nội")


def test_places_ambiguous_ward_takes_the_province_of_the_article(doc_of):
    text = ("Công an tỉnh Bắc Giang vừa tổng kết đợt cao điểm. Tại tỉnh Bắc Giang, nhiều mô hình đã ra đời.\n"
            "Ở phường Tiền Phong, người dân lắp thêm camera an ninh.")
    ward = [p for p in places_of(doc_of, text, "2024-05-20") if p.level == "ward"][0]
    assert (ward.ward, ward.province) == ("Tiền Phong", "Bắc Ninh")


def test_places_bare_province_names(doc_of):
    places = places_of(doc_of, "Đoàn công tác của Nghệ An đã đến thăm và làm việc tại Quảng Ninh.", "2022-01-01")
    assert [(p.text, p.level, p.province, p.prefix) for p in places] == [
        ("Nghệ An", "province", "Nghệ An", None), ("Quảng Ninh", "province", "Quảng Ninh", None)]


def test_places_bare_name_inside_a_person_or_longer_name_is_not_a_place(doc_of):
    text = "Ông Nguyễn Thái Bình kể về chuyến đi qua Thái Bình Dương và trận Điện Biên Phủ."
    assert places_of(doc_of, text) == []


def test_places_ho_chi_minh_needs_a_prefix(doc_of):
    places = places_of(doc_of, "Học tập và làm theo tư tưởng Hồ Chí Minh, cán bộ TP.HCM và TP Hồ Chí Minh thi đua.")
    assert [(p.text, p.province) for p in places] == [("TP.HCM", "Hồ Chí Minh"), ("TP Hồ Chí Minh", "Hồ Chí Minh")]


def test_places_hyphenated_old_province(doc_of):
    [p] = places_of(doc_of, "Ông sinh ra ở tỉnh Bà Rịa - Vũng Tàu và lớn lên tại đây.", "2020-01-01")
    assert (p.text, p.province) == ("tỉnh Bà Rịa - Vũng Tàu", "Hồ Chí Minh")


def test_places_list_after_a_plural_prefix(doc_of):
    text = "Phường mới được lập trên cơ sở các phường Quang Trung, Tiền Phong và Trần Hưng Đạo của TP Thái Bình."
    places = places_of(doc_of, text, "2025-07-10")
    assert [(p.text, p.level, p.province) for p in places] == [
        ("phường Quang Trung", "ward", "Hưng Yên"), ("Tiền Phong", "ward", "Hưng Yên"),
        ("Trần Hưng Đạo", "ward", "Hưng Yên"), ("TP Thái Bình", "district", "Hưng Yên")]


def test_places_residence_is_marked(doc_of):
    text = ("Ngày 3/4, Công an xã Hoàng Diệu bắt giữ Lê Văn T. (SN 1990, trú tại xã Minh Khai, huyện Thạch An, "
            "tỉnh Cao Bằng).")
    places = places_of(doc_of, text, "2024-04-05")
    assert [(p.name, p.residence) for p in places] == [
        ("Hoàng Diệu", False), ("Minh Khai", True), ("Thạch An", True), ("Cao Bằng", True)]


def test_places_ignore_common_nouns_after_a_prefix(doc_of):
    text = "Phong trào lan rộng tới từng xã, phường, thị trấn và mọi tầng lớp xã hội trong thành phố."
    assert places_of(doc_of, text) == []


@pytest.mark.parametrize("text, province", [
    ("Công an tỉnh Thanh Hoá triển khai kế hoạch.", "Thanh Hóa"),   # old tone placement
    ("Công an tỉnh Đăk Nông triển khai kế hoạch.", "Lâm Đồng"),     # another spelling
    ("Công an Thừa Thiên Huế triển khai kế hoạch.", "Huế"),
])
def test_places_spelling_variants(doc_of, text, province):
    [p] = places_of(doc_of, text, "2024-01-01")
    assert p.province == province


def test_places_written_type_differs_from_the_gazetteer(doc_of):
    # the commune is a ward (phường) in the data; the article's province decides, not the type
    text = "Công an tỉnh Bắc Giang khám xét 3 địa điểm tại xã Tân Mỹ và TP Bắc Giang."
    ward = places_of(doc_of, text, "2024-11-20")[1]
    assert (ward.text, ward.province, ward.former_province) == ("xã Tân Mỹ", "Bắc Ninh", "Bắc Giang")


def test_places_abbreviated_prefixes(doc_of):
    text = "Nghi phạm bị bắt tại H.Mê Linh trên đường về Q.Hoàn Kiếm."
    places = places_of(doc_of, text, "2023-03-01")
    assert [(p.text, p.level, p.province) for p in places] == [
        ("H.Mê Linh", "district", "Hà Nội"), ("Q.Hoàn Kiếm", "district", "Hà Nội")]


def test_places_an_address_does_not_set_the_article_province(doc_of):
    text = ("Công an phường Minh Khai bắt giữ hai đối tượng cùng trú tại tỉnh Cao Bằng, quê tỉnh Cao Bằng. "
            "Đây là phường trung tâm của TP Hà Giang.")
    places = places_of(doc_of, text, "2024-04-05")
    assert [(p.name, p.province, p.residence) for p in places] == [
        ("Minh Khai", "Tuyên Quang", False), ("Cao Bằng", "Cao Bằng", True), ("Cao Bằng", "Cao Bằng", True),
        ("Hà Giang", "Tuyên Quang", False)]


def test_places_bare_district_in_brackets_qualifies_a_ward(doc_of):
    text = "Ngày 14/8, xã Tiền Phong (Mê Linh) tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc."
    places = places_of(doc_of, text, "2023-08-15")
    assert [(p.text, p.level, p.province) for p in places] == [
        ("xã Tiền Phong", "ward", "Hà Nội"), ("Mê Linh", "district", "Hà Nội")]


def test_places_ward_repeated_without_prefix(doc_of):
    text = ("Sáng 4/3, phường Hàm Rồng (TP Thanh Hóa) ra mắt tổ tự quản.\n\n"
            "Hàm Rồng là phường có nhiều di tích. Người dân đường Hàm Rồng và ông Hàm Rồng Sơn cùng tham gia.")
    places = places_of(doc_of, text, "2024-03-05")
    assert [(p.text, p.level, p.province, p.ward) for p in places] == [
        ("phường Hàm Rồng", "ward", "Thanh Hóa", "Hàm Rồng"), ("TP Thanh Hóa", "district", "Thanh Hóa", None),
        ("Hàm Rồng", "ward", "Thanh Hóa", "Hàm Rồng")]


def test_places_ambiguous_ward_takes_its_old_city_named_elsewhere(doc_of):
    # Hồng Hà is a ward of Hà Nội (2025), of the old TP Yên Bái and of Hạ Long: the city named later decides,
    # even against a province named more often
    text = ("Sáng 5/3, Công an phường Hồng Hà tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc.\n\n"
            "Dự có đại diện Cục Cảnh sát quản lý hành chính (Bộ Công an) từ Hà Nội. "
            "Đây là phường trung tâm của thành phố Yên Bái.")
    ward = places_of(doc_of, text, "2024-03-06")[0]
    assert (ward.ward, ward.province, ward.former_province) == ("Hồng Hà", "Lào Cai", "Yên Bái")


def test_places_ambiguous_ward_takes_its_old_district_over_other_provinces(doc_of):
    text = ("Sáng 5/3, Công an xã Khánh Thiện tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc.\n\n"
            "Dự có đại diện Công an huyện Yên Khánh. Ông Lâm từng công tác tại tỉnh Yên Bái.")
    ward = places_of(doc_of, text, "2024-03-06")[0]
    assert (ward.ward, ward.province) == ("Khánh Thiện", "Ninh Bình")


def test_places_ambiguous_ward_without_its_district_keeps_the_article_province(doc_of):
    # the district named is not the ward's: the provinces of the article decide as before
    text = ("Sáng 5/3, Công an xã Khánh Thiện tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc.\n\n"
            "Công an tỉnh Yên Bái và Công an huyện Văn Yên cử đại diện tham dự.")
    ward = places_of(doc_of, text, "2024-03-06")[0]
    assert (ward.ward, ward.province) == ("Khánh Thiện", "Lào Cai")


def test_places_ward_unknown_in_the_province_written_after_it_takes_that_province(doc_of):
    # the only "Quỳnh Hưng" the data hold is in Thái Bình (now Hưng Yên); the article places its commune in
    # Quỳnh Lưu, Nghệ An, and what it writes right after the name wins
    text = "Vụ tai nạn xảy ra tại xã Quỳnh Hưng, huyện Quỳnh Lưu (Nghệ An) khiến 2 người tử vong."
    ward = places_of(doc_of, text, "2023-09-04")[0]
    assert (ward.ward, ward.province) == ("Quỳnh Hưng", "Nghệ An")


def test_places_ward_known_in_the_province_written_after_it_is_unchanged(doc_of):
    text = "Vụ tai nạn xảy ra tại xã Quỳnh Hưng, huyện Quỳnh Phụ (Thái Bình) khiến 2 người bị thương."
    ward = places_of(doc_of, text, "2023-09-04")[0]
    assert (ward.ward, ward.province, ward.former_province) == ("Quỳnh Hưng", "Hưng Yên", "Thái Bình")


@pytest.mark.parametrize("written", ["TPHCM", "TP.HCM", "TP. HCM", "TP HCM", "Tp.HCM", "TP Hồ Chí Minh",
                                     "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh", "thành phố Hồ Chí Minh"])
def test_places_every_spelling_of_ho_chi_minh_city(doc_of, written):
    text = f"Ngày 12/4, Công an {written} bắt giữ 4 đối tượng cướp giật tài sản trên đường Lê Văn Sỹ."
    [p] = places_of(doc_of, text, "2024-04-13")
    assert (p.text, p.level, p.province) == (written, "province", "Hồ Chí Minh")


@pytest.mark.parametrize("written, province", [
    ("tỉnh TT-Huế", "Huế"), ("tỉnh Thừa Thiên - Huế", "Huế"), ("tỉnh Thừa Thiên-Huế", "Huế"),
    ("tỉnh BR-VT", "Hồ Chí Minh"), ("tỉnh BR - VT", "Hồ Chí Minh"), ("tỉnh Bà Rịa-Vũng Tàu", "Hồ Chí Minh"),
    ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"), ("tỉnh Đắc Lắc", "Đắk Lắk"), ("Đăk Lắk", "Đắk Lắk"),
    ("tỉnh Đăk Nông", "Lâm Đồng"), ("Kontum", "Quảng Ngãi"), ("tỉnh Kon Tum", "Quảng Ngãi"), ("TP.HN", "Hà Nội"),
])
def test_places_short_forms_of_province_names(doc_of, written, province):
    text = f"Sáng 2/8, Công an {written} tổ chức hội nghị sơ kết công tác 6 tháng đầu năm."
    [p] = places_of(doc_of, text, "2022-08-03")
    assert (p.text, p.province) == (written, province)


def test_places_city_nickname_in_a_company_name_is_not_a_place(doc_of):
    text = ("Ngày 9/3, Ngân hàng TMCP Sài Gòn phối hợp Công an tỉnh Đồng Nai tuyên truyền phòng chống lừa đảo "
            "qua mạng; Tổng công ty Sài Gòn cũng tham gia.")
    assert [(p.text, p.province) for p in places_of(doc_of, text, "2024-03-10")] == [("tỉnh Đồng Nai", "Đồng Nai")]


def test_places_city_nickname_alone_is_the_city(doc_of):
    [p] = places_of(doc_of, "Mưa lớn chiều 9/3 khiến nhiều tuyến đường ở Sài Gòn ngập sâu.", "2024-03-10")
    assert (p.text, p.province) == ("Sài Gòn", "Hồ Chí Minh")


# "Tiên Du" is a commune of Phú Thọ before the merger (huyện Phù Ninh) and of Bắc Ninh after it
def test_places_ambiguous_ward_before_the_merger_by_the_dates_in_the_text(doc_of):
    text = "Sáng 5/3/2023, Công an xã Tiên Du ra mắt mô hình “Camera an ninh” tại nhà văn hóa thôn Đông."
    [ward] = places_of(doc_of, text)  # no publication date: the year written in the text dates the article
    assert (ward.ward, ward.province, ward.former_province) == ("Tiên Du", "Phú Thọ", "Phú Thọ")


def test_places_ambiguous_ward_after_the_merger_takes_the_new_unit(doc_of):
    text = "Sáng 5/9, Công an xã Tiên Du ra mắt mô hình “Camera an ninh” tại nhà văn hóa thôn Đông."
    [ward] = places_of(doc_of, text, "2025-09-06")
    assert (ward.ward, ward.province, ward.former_province) == ("Tiên Du", "Bắc Ninh", None)
