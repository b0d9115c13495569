namespace CrmKit.Cli.Tests.Profile;

/// <summary>
/// A small shop written for the profile and list tests: Trần Thị Hà's phone is stored as <c>0912345678</c> (as a
/// spreadsheet export leaves it), two different customers are both named Nguyễn Văn An, one customer's name starts
/// like a formula, consents change over time (Hà grants Zalo marketing on 2025-01-05 and withdraws it on 2025-04-01), and
/// Đỗ Thị Mai consents to Zalo but has no phone.
/// </summary>
internal sealed class ProfileFixture : IDisposable
{
    public ProfileFixture()
    {
        Folder = Directory.CreateTempSubdirectory("crmkit-profile-").FullName;
        File.WriteAllText(Path.Combine(Folder, "customers.csv"), """
            customer_id,name,kind,created_at,phone,email,gender
            KH1,Trần Thị Hà,individual,2025-01-05T10:00:00+07:00,0912345678,ha.tran@example.vn,female
            KH2,Nguyễn Văn An,individual,2025-01-06T10:00:00+07:00,0987654321,,male
            KH3,Nguyễn Văn An,individual,2025-02-01T10:00:00+07:00,0903111222,an.nguyen@example.vn,male
            KH4,"=HYPERLINK(""http://evil"";""x"")",individual,2025-02-03T10:00:00+07:00,0977000111,,female
            KH5,Lê Minh Châu,business,2025-02-04T10:00:00+07:00,,chau.le@example.vn,
            KH6,Đỗ Thị Mai,individual,2025-02-05T10:00:00+07:00,,mai.do@example.vn,female
            """);
        File.WriteAllText(Path.Combine(Folder, "orders.csv"), """
            order_id,customer_id,placed_at,total,currency,status
            HD01,KH1,2025-01-05T10:30:00+07:00,250000,VND,completed
            HD02,KH1,2025-03-10T11:00:00+07:00,480000,VND,completed
            HD03,KH1,2025-06-02T15:00:00+07:00,1200000,VND,completed
            HD04,KH2,2025-01-06T10:30:00+07:00,150000,VND,completed
            HD05,KH3,2025-02-01T10:30:00+07:00,900000,VND,completed
            HD06,KH3,2025-05-20T09:00:00+07:00,300000,VND,cancelled
            HD07,KH4,2025-02-03T10:30:00+07:00,120000,VND,completed
            HD08,KH5,2025-02-04T10:30:00+07:00,2500000,VND,completed
            HD09,KH2,2025-06-20T18:00:00+07:00,175000,VND,completed
            """);
        File.WriteAllText(Path.Combine(Folder, "consents.csv"), """
            customer_id,channel,purpose,status,at,source
            KH1,zalo,marketing,granted,2025-01-05T10:00:00+07:00,form
            KH1,zalo,marketing,withdrawn,2025-04-01T09:00:00+07:00,hotline
            KH2,zalo,marketing,granted,2025-01-06T10:00:00+07:00,form
            KH3,sms,marketing,granted,2025-02-01T10:00:00+07:00,pos
            KH4,zalo,marketing,granted,2025-02-03T10:00:00+07:00,form
            KH6,zalo,marketing,granted,2025-02-05T10:00:00+07:00,form
            """);
    }

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
