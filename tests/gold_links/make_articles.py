"""Writes articles.jsonl: the linking gold's own short articles (our words, invented people).

Run once; the JSONL is what the tests and ``vnie eval`` read. Kept as a script so the
texts are readable Python strings instead of escaped JSON.
"""
import json
from pathlib import Path

A = []


def art(url, published, title, text):
    A.append({"url": url, "published": published, "title": title, "text": " ".join(text.split())})


# G1 festival, phường Hoa Lư (Ninh Bình), 15/8/2025: one dated in the text, one by publication only
art("https://cand.com.vn/phong-trao/ngay-hoi-phuong-hoa-lu-2025-i801", "2025-08-15T18:20:00+07:00",
    "Phường Hoa Lư sôi nổi Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    """Sáng 15/8, phường Hoa Lư (tỉnh Ninh Bình) tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2025.
    Dự Ngày hội có Đại tá Vũ Đình Khang, Phó Giám đốc Công an tỉnh Ninh Bình; ông Trịnh Quang Sơn, Chủ tịch UBND phường Hoa Lư.
    Phát biểu tại Ngày hội, Đại tá Vũ Đình Khang đề nghị phường duy trì hiệu quả các tổ bảo vệ an ninh, trật tự ở cơ sở.""")
art("https://baoninhbinh.org.vn/an-ninh/hoa-lu-ngay-hoi-antq-a1102", "2025-08-15T11:05:00+07:00",
    "Hoa Lư: Người dân chung tay giữ bình yên khu phố",
    """Sáng nay, tại sân nhà văn hóa tổ dân phố số 3, phường Hoa Lư long trọng khai mạc Ngày hội "Toàn dân bảo vệ an ninh Tổ quốc".
    Tới dự có Đại tá Vũ Đình Khang, Phó Giám đốc Công an tỉnh; Chủ tịch UBND phường Trịnh Quang Sơn cùng đông đảo nhân dân.
    Chương trình có phần trình diễn võ thuật của Công an phường và thi tìm hiểu pháp luật về phòng cháy.""")

# N1 lookalike of G1: the same festival the same day in another ward of the same province
art("https://baoninhbinh.org.vn/an-ninh/nam-hoa-lu-ngay-hoi-a1103", "2025-08-15T16:40:00+07:00",
    "Phường Nam Hoa Lư tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    """Sáng 15/8, phường Nam Hoa Lư (tỉnh Ninh Bình) tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2025.
    Tham dự có Thượng tá Đỗ Văn Thành, Trưởng Công an phường Nam Hoa Lư; bà Lê Thị Hoa, Chủ tịch UBND phường Nam Hoa Lư.
    Dịp này, phường ra mắt đội xung kích phòng, chống tội phạm gồm 24 thành viên.""")

# N13 lookalike of G1: the same ward's festival a year earlier (Khang then a Thượng tá)
art("https://cand.com.vn/phong-trao/hoa-lu-ngay-hoi-2024-i455", "2024-08-17T09:30:00+07:00",
    "Hoa Lư tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024",
    """Ngày 16/8, phường Hoa Lư (tỉnh Ninh Bình) tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024.
    Dự có Thượng tá Vũ Đình Khang, Phó Giám đốc Công an tỉnh Ninh Bình.
    Thượng tá Vũ Đình Khang biểu dương phường đã xây dựng thêm 6 mô hình tự quản về an ninh, trật tự.""")

# G2 a commendation told as part of a festival by one outlet and on its own by another (xã Tiên Lữ, Hưng Yên, 21/8/2025)
art("https://antd.vn/xa-hoi/tien-lu-ngay-hoi-bao-ve-an-ninh-to-quoc-i3301", "2025-08-22T07:15:00+07:00",
    "Xã Tiên Lữ: Ngày hội của lòng dân",
    """Ngày 21/8, xã Tiên Lữ (tỉnh Hưng Yên) tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc.
    Dự có Thượng tá Ngô Đức Mạnh, Phó Giám đốc Công an tỉnh Hưng Yên; bà Nguyễn Thị Lan, Bí thư Đảng ủy xã Tiên Lữ.
    Tại Ngày hội, UBND tỉnh Hưng Yên tặng Bằng khen cho 4 tập thể và 9 cá nhân có thành tích xuất sắc trong phong trào.""")
art("https://baohungyen.vn/an-ninh/tien-lu-trao-bang-khen-phong-trao-a7781", "2025-08-21T17:50:00+07:00",
    "Khen thưởng 4 tập thể, 9 cá nhân điển hình ở xã Tiên Lữ",
    """Chiều 21/8, tại xã Tiên Lữ, Thượng tá Ngô Đức Mạnh, Phó Giám đốc Công an tỉnh Hưng Yên trao Bằng khen của UBND tỉnh cho 4 tập thể và 9 cá nhân.
    Các tập thể, cá nhân được khen thưởng đã có nhiều đóng góp trong phong trào toàn dân bảo vệ an ninh Tổ quốc.""")

# G3 a visit told by three outlets (Lào Cai, 10/9/2025), one dated by publication only
art("https://cand.com.vn/tin-tuc/thu-truong-hoang-minh-dat-lam-viec-tai-lao-cai-i9001", "2025-09-10T20:10:00+07:00",
    "Thứ trưởng Hoàng Minh Đạt làm việc tại Công an tỉnh Lào Cai",
    """Ngày 10/9, Thượng tướng Hoàng Minh Đạt, Thứ trưởng Bộ Công an đến thăm và làm việc tại Công an tỉnh Lào Cai.
    Tiếp đoàn có ông Hoàng Văn Long, Phó Chủ tịch UBND tỉnh Lào Cai.
    Báo cáo với đoàn công tác, Đại tá Đặng Quốc Việt, Giám đốc Công an tỉnh Lào Cai cho biết tình hình an ninh biên giới cơ bản ổn định.""")
art("https://baolaocai.vn/thoi-su/doan-cong-tac-bo-cong-an-tham-cong-an-tinh-a5120", "2025-09-10T15:00:00+07:00",
    "Đoàn công tác Bộ Công an thăm Công an tỉnh",
    """Hôm nay, đoàn công tác của Bộ Công an do Thứ trưởng Hoàng Minh Đạt dẫn đầu đã về thăm Công an tỉnh Lào Cai.
    Giám đốc Công an tỉnh Đặng Quốc Việt báo cáo kết quả công tác bảo đảm an ninh khu vực biên giới.""")
art("https://vnexpress.net/thoi-su/thu-truong-cong-an-den-lao-cai-4900112", "2025-09-11T08:00:00+07:00",
    "Thứ trưởng Công an yêu cầu Lào Cai siết chặt quản lý biên giới",
    """Làm việc với Công an tỉnh Lào Cai ngày 10/9, Thượng tướng Hoàng Minh Đạt, Thứ trưởng Bộ Công an, đề nghị lực lượng chức năng tăng cường tuần tra trên các tuyến đường mòn, lối mở.
    Thứ trưởng Hoàng Minh Đạt cũng yêu cầu đẩy nhanh việc cấp căn cước cho người dân vùng biên.""")

# N3 lookalike of G3: the same Deputy Minister's visit to another province the next day
art("https://cand.com.vn/tin-tuc/thu-truong-hoang-minh-dat-tham-tuyen-quang-i9010", "2025-09-11T19:00:00+07:00",
    "Thứ trưởng Hoàng Minh Đạt thăm Công an tỉnh Tuyên Quang",
    """Ngày 11/9, Thượng tướng Hoàng Minh Đạt, Thứ trưởng Bộ Công an đến thăm và làm việc tại Công an tỉnh Tuyên Quang.
    Tiếp đoàn có Đại tá Ma Văn Quyết, Giám đốc Công an tỉnh Tuyên Quang.""")

# G4 a drug bust (Quảng Ninh, 3/10/2025) by two outlets with different wording
art("https://cand.com.vn/phap-luat/bat-hai-doi-tuong-van-chuyen-ma-tuy-bai-chay-i9210", "2025-10-04T09:00:00+07:00",
    "Bắt hai đối tượng vận chuyển 3 kg ma túy tổng hợp ở Bãi Cháy",
    """Ngày 3/10, Công an tỉnh Quảng Ninh bắt quả tang 2 đối tượng vận chuyển 3 kg ma túy tổng hợp tại phường Bãi Cháy.
    Chuyên án do Thượng tá Phạm Minh Tuấn, Trưởng phòng Cảnh sát điều tra tội phạm về ma túy Công an tỉnh Quảng Ninh chỉ đạo.""")
art("https://baoquangninh.vn/phap-luat/triet-pha-duong-day-ma-tuy-a3321", "2025-10-03T21:30:00+07:00",
    "Triệt phá đường dây ma túy, thu 3 kg ma túy tổng hợp",
    """Tối 3/10, lực lượng Công an tỉnh Quảng Ninh bắt giữ 2 đối tượng khi đang vận chuyển 3 kg ma túy tổng hợp qua phường Bãi Cháy.
    Thượng tá Phạm Minh Tuấn cho biết các đối tượng khai nhận số ma túy được đưa từ nơi khác về để tiêu thụ.""")

# N4 lookalike of G4: another drug case the same day in the same province
art("https://baoquangninh.vn/phap-luat/bat-doi-tuong-tang-tru-heroin-ha-long-a3322", "2025-10-03T22:10:00+07:00",
    "Bắt đối tượng tàng trữ 5 bánh heroin ở Hạ Long",
    """Ngày 3/10, Công an phường Hạ Long (tỉnh Quảng Ninh) bắt giữ 1 đối tượng tàng trữ 5 bánh heroin.
    Trung tá Lưu Văn Bình, Trưởng Công an phường Hạ Long cho biết đối tượng đã có 2 tiền án về ma túy.""")

# G5 a year-end conference (Đắk Lắk, 18/12/2025)
art("https://cand.com.vn/cong-an-dia-phuong/dak-lak-tong-ket-cong-tac-nam-2025-i9501", "2025-12-18T17:00:00+07:00",
    "Công an tỉnh Đắk Lắk tổng kết công tác năm 2025",
    """Ngày 18/12, Công an tỉnh Đắk Lắk tổ chức Hội nghị tổng kết công tác công an năm 2025.
    Thiếu tướng Trần Quốc Bảo, Giám đốc Công an tỉnh Đắk Lắk chủ trì Hội nghị; dự có Đại tá Nguyễn Văn Hùng, Phó Giám đốc Công an tỉnh Đắk Lắk.
    Trong năm, Công an tỉnh đã điều tra, khám phá 612 vụ phạm pháp hình sự.""")
art("https://baodaklak.vn/an-ninh/hoi-nghi-tong-ket-cong-an-tinh-a8870", "2025-12-19T06:45:00+07:00",
    "Công an Đắk Lắk khám phá 612 vụ phạm pháp hình sự trong năm",
    """Tại Hội nghị tổng kết công tác năm 2025 diễn ra ngày 18/12, Công an tỉnh Đắk Lắk cho biết đã khám phá 612 vụ phạm pháp hình sự.
    Thiếu tướng Trần Quốc Bảo, Giám đốc Công an tỉnh yêu cầu các đơn vị giữ vững an ninh vùng đồng bào dân tộc thiểu số.""")

# N5 lookalike of G5: the same conference a year earlier (Bảo then a Đại tá)
art("https://baodaklak.vn/an-ninh/cong-an-tinh-tong-ket-nam-2024-a6120", "2024-12-20T08:00:00+07:00",
    "Công an tỉnh tổng kết công tác năm 2024",
    """Ngày 19/12, Công an tỉnh Đắk Lắk tổ chức Hội nghị tổng kết công tác công an năm 2024.
    Đại tá Trần Quốc Bảo, Giám đốc Công an tỉnh Đắk Lắk chủ trì Hội nghị.""")

# G6 launch of a model (xã Hoằng Hóa, Thanh Hóa, 28/7/2025)
art("https://baothanhhoa.vn/an-ninh/hoang-hoa-ra-mat-mo-hinh-camera-a2201", "2025-07-28T16:00:00+07:00",
    "Xã Hoằng Hóa ra mắt mô hình Camera an ninh",
    """Sáng 28/7, xã Hoằng Hóa (tỉnh Thanh Hóa) tổ chức lễ ra mắt mô hình "Camera an ninh" với 46 camera lắp tại các trục đường chính.
    Dự có Trung tá Nguyễn Văn Hùng, Trưởng Công an xã Hoằng Hóa; ông Lương Văn Tâm, Chủ tịch UBND xã Hoằng Hóa.""")
art("https://cand.com.vn/cong-an-dia-phuong/46-camera-an-ninh-hoang-hoa-i8811", "2025-07-29T10:00:00+07:00",
    "46 camera giúp giữ bình yên xã Hoằng Hóa",
    """Ngày 28/7, lễ ra mắt mô hình "Camera an ninh" đã được tổ chức tại xã Hoằng Hóa, tỉnh Thanh Hóa.
    Trung tá Nguyễn Văn Hùng, Trưởng Công an xã cho biết 46 camera được người dân và doanh nghiệp đóng góp kinh phí lắp đặt.""")

# N6 lookalike of G6: the same kind of launch the same day in the neighbouring commune
art("https://baothanhhoa.vn/an-ninh/hoang-loc-ra-mat-mo-hinh-camera-a2202", "2025-07-28T17:30:00+07:00",
    "Xã Hoằng Lộc ra mắt mô hình Camera an ninh",
    """Chiều 28/7, xã Hoằng Lộc (tỉnh Thanh Hóa) tổ chức lễ ra mắt mô hình "Camera an ninh" với 30 camera.
    Dự có Thiếu tá Cao Văn Phúc, Trưởng Công an xã Hoằng Lộc; bà Nguyễn Thị Lan, Chủ tịch UBND xã Hoằng Lộc.""")

# G7 a commendation by the Ministry (Hà Nội, 5/11/2025), three outlets
art("https://cand.com.vn/tin-tuc/bo-cong-an-khen-thuong-ban-chuyen-an-i9701", "2025-11-05T19:30:00+07:00",
    "Bộ Công an khen thưởng Ban chuyên án triệt phá đường dây lừa đảo",
    """Chiều 5/11, tại Hà Nội, Thiếu tướng Hoàng Văn Long, Cục trưởng Cục Cảnh sát hình sự trao Bằng khen của Bộ trưởng Bộ Công an cho Ban chuyên án.
    Ban chuyên án đã triệt phá đường dây lừa đảo qua mạng, bắt 37 đối tượng.""")
art("https://antd.vn/phap-luat/khen-thuong-ban-chuyen-an-lua-dao-i3502", "2025-11-05T21:00:00+07:00",
    "Khen thưởng lực lượng phá đường dây lừa đảo 37 đối tượng",
    """Ngày 5/11, Thiếu tướng Hoàng Văn Long, Cục trưởng Cục Cảnh sát hình sự đã trao thưởng cho các đơn vị tham gia chuyên án.
    Chuyên án bắt giữ 37 đối tượng lừa đảo chiếm đoạt tài sản qua mạng.""")
art("https://vnexpress.net/phap-luat/ban-chuyen-an-lua-dao-duoc-khen-thuong-4911200", "2025-11-06T07:20:00+07:00",
    "Ban chuyên án bắt 37 người lừa đảo qua mạng được khen",
    """Cục Cảnh sát hình sự chiều 5/11 tổ chức trao Bằng khen cho Ban chuyên án đã bắt 37 đối tượng lừa đảo qua mạng tại Hà Nội.
    Thiếu tướng Hoàng Văn Long, Cục trưởng, đánh giá chuyên án có quy mô lớn.""")

# N14 lookalike of G7: another commendation in Hà Nội the next day, another unit
art("https://antd.vn/phap-luat/cong-an-ha-noi-khen-thuong-vu-cuop-i3510", "2025-11-06T18:00:00+07:00",
    "Công an TP Hà Nội khen thưởng đơn vị phá nhanh vụ cướp",
    """Ngày 6/11, Công an TP Hà Nội tổ chức trao thưởng cho Công an phường Hoàn Kiếm vì đã phá nhanh vụ cướp tài sản.
    Đại tá Đinh Văn Cường, Phó Giám đốc Công an TP Hà Nội trao Giấy khen cho 6 cán bộ, chiến sĩ.""")

# G8 festival, phường Hải Châu (Đà Nẵng), 30/8/2025
art("https://baodanang.vn/an-ninh/hai-chau-ngay-hoi-antq-2025-a5501", "2025-08-30T15:10:00+07:00",
    "Phường Hải Châu tưng bừng Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    """Sáng 30/8, phường Hải Châu (TP Đà Nẵng) tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2025.
    Dự có Thượng tá Trần Văn Nam, Trưởng Công an phường Hải Châu; ông Bùi Quang Huy, Bí thư Đảng ủy phường Hải Châu.""")
art("https://cand.com.vn/phong-trao/hai-chau-ngay-hoi-i9802", "2025-08-31T08:30:00+07:00",
    "Hải Châu: phát huy sức mạnh toàn dân trong giữ gìn an ninh",
    """Ngày 30/8, tại Ngày hội toàn dân bảo vệ an ninh Tổ quốc phường Hải Châu, Đà Nẵng, Thượng tá Trần Văn Nam, Trưởng Công an phường báo cáo kết quả phong trào.
    Phường hiện có 18 mô hình tự quản về an ninh, trật tự.""")

# N8 lookalike of G8: the same ward's festival a year earlier, other people
art("https://baodanang.vn/an-ninh/hai-chau-ngay-hoi-2024-a4010", "2024-08-28T14:00:00+07:00",
    "Quận Hải Châu tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    """Sáng 28/8, phường Hải Châu I (quận Hải Châu, TP Đà Nẵng) tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024.
    Dự có Thiếu tá Lê Văn Phước, Trưởng Công an phường Hải Châu I.""")

# G9 a visit of the provincial party secretary (Gia Lai, 25/1/2026)
art("https://baogialai.vn/thoi-su/bi-thu-tinh-uy-tham-cong-an-xa-ia-grai-a9011", "2026-01-25T16:00:00+07:00",
    "Bí thư Tỉnh ủy thăm, chúc Tết Công an xã Ia Grai",
    """Ngày 25/1, ông Hồ Văn Niên, Bí thư Tỉnh ủy Gia Lai đến thăm, chúc Tết cán bộ, chiến sĩ Công an xã Ia Grai.
    Cùng đi có bà Lê Thị Hoa, Phó Chủ tịch UBND tỉnh Gia Lai.""")
art("https://cand.com.vn/cong-an-dia-phuong/gia-lai-lanh-dao-tinh-chuc-tet-ia-grai-i9950", "2026-01-26T09:00:00+07:00",
    "Lãnh đạo tỉnh Gia Lai chúc Tết lực lượng Công an xã biên giới",
    """Ngày 25/1, Bí thư Tỉnh ủy Gia Lai Hồ Văn Niên và Phó Chủ tịch UBND tỉnh Lê Thị Hoa đã đến thăm, tặng quà Công an xã Ia Grai.
    Đoàn trao 40 suất quà cho cán bộ, chiến sĩ đang làm nhiệm vụ.""")

# G10 a traffic accident (Gia Lai, 12/11/2025)
art("https://baogialai.vn/xa-hoi/tai-nan-tren-quoc-lo-19-a8801", "2025-11-12T20:00:00+07:00",
    "Tai nạn giao thông trên quốc lộ 19 làm 2 người tử vong",
    """Khoảng 15 giờ ngày 12/11, tại xã Ia Grai (tỉnh Gia Lai) xảy ra vụ tai nạn giao thông giữa xe tải và xe máy làm 2 người tử vong.
    Đại úy Đỗ Văn Thành, Trưởng Công an xã Ia Grai cho biết lực lượng chức năng đang điều tra nguyên nhân.""")
art("https://vnexpress.net/thoi-su/xe-tai-tong-xe-may-2-nguoi-chet-4915500", "2025-11-12T21:15:00+07:00",
    "Xe tải tông xe máy, 2 người chết",
    """Chiều 12/11, xe tải va chạm với xe máy trên quốc lộ 19 qua xã Ia Grai, Gia Lai, khiến 2 người trên xe máy tử vong tại chỗ.
    Đại úy Đỗ Văn Thành, Trưởng Công an xã Ia Grai, cho biết tài xế xe tải đã được đưa về trụ sở để làm việc.""")

# N10 lookalike of G10: another accident the same day in another commune of the same province
art("https://baogialai.vn/xa-hoi/tai-nan-o-pleiku-a8802", "2025-11-12T22:30:00+07:00",
    "Tai nạn giao thông ở phường Pleiku, 1 người tử vong",
    """Tối 12/11, tại phường Pleiku (tỉnh Gia Lai) xảy ra vụ tai nạn giao thông giữa 2 xe máy làm 1 người tử vong.
    Thiếu tá Rơ Châm Hyen, Phó Trưởng Công an phường Pleiku cho biết vụ việc đang được điều tra.""")

# G11 festival in xã Phong Điền (Cần Thơ), 10/8/2025; the second article gives no date at all
art("https://baocantho.vn/an-ninh/phong-dien-ngay-hoi-antq-a3001", "2025-08-10T17:00:00+07:00",
    "Xã Phong Điền tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    """Sáng 10/8, xã Phong Điền (TP Cần Thơ) tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2025.
    Dự có ông Trần Văn Nam, Chủ tịch UBND xã Phong Điền; Thiếu tá Huỳnh Tấn Lộc, Trưởng Công an xã Phong Điền.""")
art("https://congan.cantho.gov.vn/tin-tuc/phong-dien-giu-yen-xom-ap-a1201", "2025-08-11T09:00:00+07:00",
    "Phong Điền giữ yên xóm ấp",
    """Xã Phong Điền vừa tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc với sự tham gia của hơn 500 người dân.
    Thiếu tá Huỳnh Tấn Lộc, Trưởng Công an xã Phong Điền biểu dương 12 tổ tự quản hoạt động hiệu quả.""")

# G12 a half-year conference (TP Hồ Chí Minh, 5/7/2025)
art("https://cand.com.vn/cong-an-dia-phuong/tphcm-so-ket-6-thang-i8001", "2025-07-05T18:00:00+07:00",
    "Công an TP Hồ Chí Minh sơ kết công tác 6 tháng đầu năm",
    """Ngày 5/7, Công an TP Hồ Chí Minh tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm 2025.
    Trung tướng Bùi Quang Huy, Giám đốc Công an TP Hồ Chí Minh chủ trì Hội nghị.""")
art("https://tuoitre.vn/cong-an-tp-hcm-so-ket-6-thang-2025-2025070519", "2025-07-05T20:40:00+07:00",
    "Công an TP.HCM: 6 tháng bắt hơn 2.000 đối tượng truy nã",
    """Tại Hội nghị sơ kết 6 tháng đầu năm chiều 5/7, Trung tướng Bùi Quang Huy, Giám đốc Công an TP Hồ Chí Minh cho biết lực lượng đã bắt hơn 2.000 đối tượng truy nã.""")

# N12 lookalike of G12: the same conference the same day in a neighbouring province
art("https://baodongnai.vn/an-ninh/cong-an-tinh-so-ket-6-thang-a4400", "2025-07-05T19:00:00+07:00",
    "Công an tỉnh Đồng Nai sơ kết công tác 6 tháng",
    """Ngày 5/7, Công an tỉnh Đồng Nai tổ chức Hội nghị sơ kết công tác 6 tháng đầu năm 2025.
    Đại tá Phạm Minh Tuấn, Giám đốc Công an tỉnh Đồng Nai chủ trì Hội nghị.""")

# G13 a festival told with old tone placement by one outlet (xã Hoàng Hoa Thám, Hưng Yên, 24/8/2025)
art("https://baohungyen.vn/an-ninh/hoang-hoa-tham-ngay-hoi-a7790", "2025-08-24T16:00:00+07:00",
    "Xã Hoàng Hoa Thám tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    """Sáng 24/8, xã Hoàng Hoa Thám (tỉnh Hưng Yên) tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc.
    Dự có Trung tá Phạm Thị Hoà, Trưởng Công an xã Hoàng Hoa Thám.""")
art("https://antd.vn/xa-hoi/hoang-hoa-tham-ngay-hoi-i3320", "2025-08-25T07:00:00+07:00",
    "Người dân Hoàng Hoa Thám chung tay giữ gìn an ninh",
    """Ngày 24/8, tại Ngày hội toàn dân bảo vệ an ninh Tổ quốc xã Hoàng Hoa Thám, Trung tá Phạm Thị Hòa, Trưởng Công an xã Hoàng Hoa Thám báo cáo kết quả phong trào.
    Sau đó, Trung tá Phạm Hòa và các đại biểu trao 20 suất quà cho hộ nghèo.""")

out = Path(__file__).with_name("articles.jsonl")
out.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in A), encoding="utf-8")
print(len(A), "articles ->", out)
