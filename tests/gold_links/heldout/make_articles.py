"""Writes articles.jsonl of the held-out linking set (our words, invented people, real places).

Written after the linker's rules were fixed, and scored once blind (README)."""
import json
from pathlib import Path

A = []


def art(url, published, title, text):
    A.append({"url": url, "published": published, "title": title, "text": " ".join(text.split())})


# H1 festival, xã Đạ Huoai (Lâm Đồng), 6/9/2025, abbreviated in one outlet
art("https://baolamdong.vn/an-ninh/da-huoai-ngay-hoi-antq-a601", "2025-09-06T15:30:00+07:00",
    "Đạ Huoai tổ chức Ngày hội toàn dân bảo vệ ANTQ",
    """Sáng 6/9, xã Đạ Huoai (tỉnh Lâm Đồng) tổ chức Ngày hội toàn dân bảo vệ ANTQ năm 2025.
    Thượng tá Nông Văn Đức, Trưởng Công an xã Đạ Huoai báo cáo kết quả phong trào với 14 mô hình tự quản.
    Dự Ngày hội có Đại tá Nguyễn Văn Thắng, Phó Giám đốc Công an tỉnh Lâm Đồng.""")
art("https://cand.com.vn/phong-trao/da-huoai-giu-binh-yen-buon-lang-i7001", "2025-09-07T08:10:00+07:00",
    "Người dân Đạ Huoai chung sức giữ bình yên buôn làng",
    """Ngày 6/9, tại Ngày hội toàn dân bảo vệ an ninh Tổ quốc xã Đạ Huoai, Lâm Đồng, Thượng tá Nông Văn Đức, Trưởng Công an xã cho biết địa phương duy trì 14 mô hình tự quản.""")

# H2 lookalike of H1: the same official at another commune's festival the same afternoon
art("https://baolamdong.vn/an-ninh/da-teh-ngay-hoi-antq-a602", "2025-09-06T19:00:00+07:00",
    "Xã Đạ Tẻh sôi nổi Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    """Chiều 6/9, xã Đạ Tẻh (tỉnh Lâm Đồng) tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc.
    Đại tá Nguyễn Văn Thắng, Phó Giám đốc Công an tỉnh Lâm Đồng dự và trao 20 suất quà cho hộ khó khăn.""")

# H3 conference, Công an tỉnh Sơn La, 14/10/2025
art("https://baosonla.vn/an-ninh/giao-ban-cong-tac-cong-an-thang-10-a8101", "2025-10-14T17:20:00+07:00",
    "Công an tỉnh Sơn La giao ban công tác tháng 10",
    """Ngày 14/10, Công an tỉnh Sơn La tổ chức Hội nghị giao ban công tác công an tháng 10 năm 2025.
    Đại tá Hà Minh Tuấn, Phó Giám đốc Công an tỉnh Sơn La chủ trì Hội nghị.
    Dự Hội nghị có ông Nguyễn Văn Thắng, Chủ tịch UBND xã Mường Bú.""")
art("https://congan.sonla.gov.vn/tin-tuc/hoi-nghi-giao-ban-thang-10-a2020", "2025-10-15T09:00:00+07:00",
    "Hội nghị giao ban tháng 10",
    """Chiều 14/10, tại Hội nghị giao ban công tác công an tháng 10, Đại tá Hà Minh Tuấn yêu cầu các đơn vị tập trung bảo đảm an ninh mùa cưới.""")

# H4 lookalike of H3: the same meeting a month later
art("https://baosonla.vn/an-ninh/giao-ban-cong-tac-cong-an-thang-11-a8201", "2025-11-14T17:00:00+07:00",
    "Công an tỉnh Sơn La giao ban công tác tháng 11",
    """Ngày 14/11, Công an tỉnh Sơn La tổ chức Hội nghị giao ban công tác công an tháng 11 năm 2025.
    Đại tá Hà Minh Tuấn, Phó Giám đốc Công an tỉnh Sơn La chủ trì.""")

# H5 a visit by a Deputy Minister to Cà Mau (20/11/2025), three outlets; one gives only his title
art("https://cand.com.vn/tin-tuc/thu-truong-doan-viet-hai-tham-ca-mau-i7301", "2025-11-20T18:00:00+07:00",
    "Thứ trưởng Đoàn Việt Hải làm việc tại Công an tỉnh Cà Mau",
    """Ngày 20/11, Trung tướng Đoàn Việt Hải, Thứ trưởng Bộ Công an đến thăm và làm việc tại Công an tỉnh Cà Mau.
    Tiếp đoàn có Đại tá Trương Quốc Khải, Giám đốc Công an tỉnh Cà Mau.""")
art("https://baocamau.vn/thoi-su/bo-cong-an-lam-viec-voi-cong-an-tinh-a9901", "2025-11-20T16:45:00+07:00",
    "Đoàn công tác Bộ Công an làm việc với Công an tỉnh",
    """Chiều nay, Thứ trưởng Bộ Công an Đoàn Việt Hải cùng đoàn công tác đã đến làm việc với Công an tỉnh Cà Mau.
    Giám đốc Công an tỉnh Trương Quốc Khải báo cáo tình hình an ninh vùng biển.""")
art("https://tuoitre.vn/thu-truong-cong-an-yeu-cau-ca-mau-chong-khai-thac-iuu-20251121", "2025-11-21T07:30:00+07:00",
    "Thứ trưởng Công an yêu cầu Cà Mau ngăn khai thác hải sản trái phép",
    """Làm việc với Công an tỉnh Cà Mau ngày 20/11, Trung tướng Đoàn Việt Hải đề nghị lực lượng công an phối hợp biên phòng ngăn tàu cá vi phạm vùng biển nước ngoài.""")

# H6 a theft arrest (Vĩnh Long, 2/12/2025), one outlet undated
art("https://baovinhlong.vn/phap-luat/bat-doi-tuong-trom-3-xe-may-a4401", "2025-12-02T20:00:00+07:00",
    "Bắt đối tượng trộm 3 xe máy",
    """Ngày 2/12, Công an phường Phước Hậu (tỉnh Vĩnh Long) bắt giữ đối tượng trộm cắp 3 xe máy của người dân.
    Đại tá Hà Minh Tuấn, Giám đốc Công an tỉnh Vĩnh Long, nguyên Phó Giám đốc Công an tỉnh Sơn La, biểu dương Công an phường.""")
art("https://vnexpress.net/phap-luat/thanh-nien-trom-3-xe-may-bi-bat-4930001", "2025-12-03T10:00:00+07:00",
    "Thanh niên trộm 3 xe máy bị bắt",
    """Công an phường Phước Hậu, tỉnh Vĩnh Long vừa bắt giữ một thanh niên trộm cắp 3 xe máy dựng trước các nhà trọ.""")

# H7 lookalike of H6: another theft in the same province reported the same day, undated
art("https://baovinhlong.vn/phap-luat/bat-nhom-trom-5-xe-may-a4402", "2025-12-03T19:00:00+07:00",
    "Bắt nhóm đối tượng trộm 5 xe máy",
    """Công an phường Long Châu (tỉnh Vĩnh Long) vừa bắt giữ nhóm đối tượng trộm cắp 5 xe máy.""")

# H8 a launch in phường Tân An (Tây Ninh), 18/8/2025, and the same launch a year before in the same ward
art("https://baotayninh.vn/an-ninh/tan-an-ra-mat-to-an-ninh-a3301", "2025-08-18T15:00:00+07:00",
    "Phường Tân An ra mắt tổ bảo vệ an ninh, trật tự",
    """Sáng 18/8, phường Tân An (tỉnh Tây Ninh) tổ chức lễ ra mắt 12 tổ bảo vệ an ninh, trật tự ở cơ sở.
    Trung tá Đinh Thị Thu Hà, Trưởng Công an phường Tân An trao quyết định cho các tổ.""")
art("https://cand.com.vn/cong-an-dia-phuong/tan-an-12-to-an-ninh-i7501", "2025-08-19T08:00:00+07:00",
    "12 tổ an ninh cơ sở ra mắt ở Tân An",
    """Ngày 18/8, lễ ra mắt 12 tổ bảo vệ an ninh, trật tự ở cơ sở được tổ chức tại phường Tân An, Tây Ninh.
    Trung tá Đinh Thị Thu Hà, Trưởng Công an phường cho biết mỗi tổ có 3 thành viên.""")
art("https://baolongan.vn/an-ninh/tan-an-ra-mat-mo-hinh-a1001", "2024-08-16T15:00:00+07:00",
    "Phường Tân An ra mắt mô hình tự quản",
    """Sáng 16/8, phường Tân An (tỉnh Long An) tổ chức lễ ra mắt mô hình tự quản về an ninh, trật tự.
    Thiếu tá Đinh Thị Thu Hà, Trưởng Công an phường Tân An dự và phát biểu.""")

out = Path(__file__).with_name("articles.jsonl")
out.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in A), encoding="utf-8")
print(len(A), "articles ->", out)
