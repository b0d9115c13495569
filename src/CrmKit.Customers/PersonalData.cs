using System.Text;

namespace CrmKit.Customers;

/// <summary>
/// Masks personal data for logs, messages and <c>ToString</c>: enough is kept to tell values apart by eye,
/// not enough to contact or identify the person.
/// </summary>
public static class PersonalData
{
    /// <summary>Masks a name: the first letter of each word is kept (<c>Nguyễn Văn An</c> → <c>N***** V** A*</c>).</summary>
    public static string MaskName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(name.Length);
        var atWordStart = true;
        foreach (var rune in name.Trim().EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                builder.Append(' ');
                atWordStart = true;
            }
            else if (atWordStart)
            {
                builder.Append(rune.ToString());
                atWordStart = false;
            }
            else
            {
                builder.Append('*');
            }
        }

        return builder.ToString();
    }

    /// <summary>Masks an email address: the first character of the local part and the domain are kept (<c>a***@gmail.com</c>).</summary>
    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return string.Empty;
        }

        var at = email.LastIndexOf('@');
        return at <= 0 ? new string('*', email.Length) : email[0] + "***" + email[at..];
    }

    /// <summary>Masks a phone number: the country code, the first and the last two digits are kept (<c>+84 9** *** *78</c>).</summary>
    public static string MaskPhone(PhoneNumber phone) => phone.Format(PhoneNumberFormat.Masked);
}
