namespace CrmKit.Cli.Seeds;

/// <summary>The synthetic shop's products: a specialty food and gift shop with some cosmetics and household goods. Prices in VND.</summary>
internal static class Catalog
{
    public static readonly (string Sku, string Name, decimal Price, string[] Tags, bool TetGift)[] Products =
    [
        ("BANH-CHUNG", "Bánh chưng", 120_000m, ["food"], true),
        ("MUT-TET", "Hộp mứt Tết", 185_000m, ["food", "gift"], true),
        ("GIO-QUA-S", "Giỏ quà Tết nhỏ", 450_000m, ["gift"], true),
        ("GIO-QUA-L", "Giỏ quà Tết cao cấp", 1_250_000m, ["gift", "premium"], true),
        ("RUOU-VANG", "Rượu vang Đà Lạt", 320_000m, ["drink", "gift"], true),
        ("TRA-SEN", "Trà sen Tây Hồ", 260_000m, ["drink", "gift"], true),
        ("TRA-THAI", "Trà Thái Nguyên", 150_000m, ["drink"], false),
        ("CA-PHE", "Cà phê Buôn Ma Thuột 500g", 175_000m, ["drink"], false),
        ("NUOC-MAM", "Nước mắm Phú Quốc", 95_000m, ["food"], false),
        ("HAT-DIEU", "Hạt điều Bình Phước", 210_000m, ["food", "gift"], true),
        ("BANH-PIA", "Bánh pía Sóc Trăng", 80_000m, ["food"], false),
        ("KEO-DUA", "Kẹo dừa Bến Tre", 45_000m, ["food"], false),
        ("MAT-ONG", "Mật ong rừng", 230_000m, ["food", "health"], false),
        ("YEN-SAO", "Yến sào Khánh Hòa", 1_800_000m, ["health", "gift", "premium"], true),
        ("NHAN-SAM", "Nhân sâm Hàn Quốc", 950_000m, ["health", "gift", "premium"], true),
        ("SON-MOI", "Son môi", 250_000m, ["cosmetics"], false),
        ("KEM-DUONG", "Kem dưỡng da", 390_000m, ["cosmetics"], false),
        ("SUA-RUA-MAT", "Sữa rửa mặt", 160_000m, ["cosmetics"], false),
        ("NUOC-HOA", "Nước hoa", 890_000m, ["cosmetics", "gift", "premium"], false),
        ("BO-NOI", "Bộ nồi inox", 690_000m, ["household"], false),
        ("AM-DUN", "Ấm đun siêu tốc", 280_000m, ["household", "electric"], false),
        ("QUAT-MINI", "Quạt mini", 199_000m, ["household", "electric"], false),
        ("KHAN-LUA", "Khăn lụa Vạn Phúc", 350_000m, ["fashion", "gift"], false),
        ("NON-LA", "Nón lá Huế", 90_000m, ["fashion"], false),
        ("TUI-COI", "Túi cói", 240_000m, ["fashion"], false),
        ("BAO-LI-XI", "Bao lì xì (xấp 10)", 25_000m, ["gift"], true),
        ("HOA-DAO", "Cành đào Nhật Tân", 600_000m, ["decoration"], true),
        ("DEN-LONG", "Đèn lồng Hội An", 130_000m, ["decoration", "gift"], false),
    ];
}
