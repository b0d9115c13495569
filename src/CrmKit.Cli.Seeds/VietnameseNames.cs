namespace CrmKit.Cli.Seeds;

/// <summary>
/// Name parts for the synthetic shop. Family-name shares follow the commonly cited distribution of Vietnamese
/// surnames (Nguyễn about 38 %, Trần 11 %, Lê 9.5 %, Phạm 7 % …; see e.g. the "Vietnamese name" article of
/// Wikipedia); middle and given names are common ones, by gender.
/// </summary>
internal static class VietnameseNames
{
    public static readonly (string Name, double Weight)[] Family =
    [
        ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5.1), ("Huỳnh", 4), ("Phan", 4.5), ("Vũ", 3.9),
        ("Võ", 3.5), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5),
        ("Đinh", 0.6), ("Trương", 0.6), ("Lương", 0.4), ("Mai", 0.4),
    ];

    public static readonly string[] MaleMiddle = ["Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Hoàng", "Xuân"];

    public static readonly string[] FemaleMiddle = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Phương", "Bảo"];

    public static readonly string[] MaleGiven =
    [
        "An", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khang", "Khánh",
        "Khoa", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành",
        "Thịnh", "Toàn", "Trung", "Tuấn", "Việt", "Vinh",
    ];

    public static readonly string[] FemaleGiven =
    [
        "Anh", "Châu", "Chi", "Diệp", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương", "Huyền", "Lan", "Linh",
        "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Tâm", "Thảo", "Thủy", "Trang",
        "Trâm", "Tuyết", "Uyên", "Vân", "Vy", "Yến",
    ];

    public static readonly string[] BusinessForms = ["Công ty TNHH", "Công ty CP", "Cửa hàng", "Hộ kinh doanh", "Nhà hàng", "Quán cà phê"];

    public static readonly string[] BusinessNames = ["Minh Phát", "An Khang", "Thịnh Vượng", "Hoa Sen", "Sao Mai", "Phú Quý", "Hưng Thịnh", "Bình Minh", "Tân Tiến", "Đại Phát", "Kim Ngân", "Hồng Phúc"];

    // Province, weight, share urban / suburban (the rest rural).
    public static readonly (string Province, double Weight, double Urban, double Suburban)[] Provinces =
    [
        ("TP. Hồ Chí Minh", 30, 0.75, 0.2), ("Hà Nội", 25, 0.6, 0.25), ("Đà Nẵng", 6, 0.8, 0.15), ("Hải Phòng", 5, 0.5, 0.3),
        ("Bình Dương", 5, 0.4, 0.4), ("Cần Thơ", 4, 0.5, 0.3), ("Đồng Nai", 4, 0.35, 0.35), ("Khánh Hòa", 3, 0.5, 0.3),
        ("Quảng Ninh", 3, 0.5, 0.3), ("Thừa Thiên Huế", 3, 0.45, 0.3), ("Nghệ An", 3, 0.25, 0.3), ("Bà Rịa - Vũng Tàu", 3, 0.5, 0.3),
        ("Lâm Đồng", 2, 0.4, 0.3), ("Thanh Hóa", 2, 0.25, 0.3), ("An Giang", 2, 0.25, 0.3),
    ];

    public static readonly string[] EmailDomains = ["gmail.com", "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "icloud.com", "fpt.vn", "vnpt.vn"];

    // Mobile prefixes (after the leading 0) with rough market weights: Viettel, Vinaphone, MobiFone, others.
    public static readonly (string Prefix, double Weight)[] MobilePrefixes =
    [
        ("86", 4), ("96", 5), ("97", 5), ("98", 6), ("32", 3), ("33", 3), ("34", 3), ("35", 3), ("36", 3), ("37", 3), ("38", 3), ("39", 3),
        ("88", 3), ("91", 5), ("94", 4), ("81", 2), ("82", 2), ("83", 2), ("84", 2), ("85", 2),
        ("89", 2), ("90", 4), ("93", 3), ("70", 2), ("76", 1), ("77", 1), ("78", 1), ("79", 2),
        ("92", 1), ("56", 1), ("58", 1), ("59", 1),
    ];

    public static readonly string[] Tags = ["ẩm thực", "du lịch", "mua sắm", "làm đẹp", "mẹ và bé", "thể thao", "công nghệ", "nhà cửa", "sức khỏe", "quà tặng"];
}
