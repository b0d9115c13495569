using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>The profile changed: every profile column (not orders or scores) is taken from <paramref name="Profile"/>.</summary>
/// <param name="Profile">A record holding the new profile.</param>
public sealed record ProfileChanged(CustomerRecord Profile) : CustomerEvent
{
    internal override void ApplyTo(CustomerRecord record)
    {
        ArgumentNullException.ThrowIfNull(Profile);
        var p = Profile.Clone();
        (record.Kind, record.Gender, record.BirthDate, record.IncomeTier) = (p.Kind, p.Gender, p.BirthDate, p.IncomeTier);
        (record.Province, record.ProvinceKey, record.Area, record.Source, record.Stage) = (p.Province, p.ProvinceKey, p.Area, p.Source, p.Stage);
        (record.CreatedAt, record.JoinedOn, record.Tags, record.TagKeys) = (p.CreatedAt, p.JoinedOn, p.Tags, p.TagKeys);
        (record.Attributes, record.Consents) = (p.Attributes, p.Consents);
    }
}
