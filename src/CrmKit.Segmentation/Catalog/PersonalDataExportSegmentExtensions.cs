using CrmKit.Customers;
using CrmKit.Customers.Privacy;

namespace CrmKit.Segmentation;

/// <summary>Adds segment memberships to a <see cref="PersonalDataExport"/>.</summary>
public static class PersonalDataExportSegmentExtensions
{
    /// <summary>Returns the export with the customer's segments (id and name, in catalog order).</summary>
    /// <param name="export">The export.</param>
    /// <param name="catalog">The catalog the membership refers to.</param>
    /// <param name="membership">The customer's segments.</param>
    public static PersonalDataExport WithSegments(this PersonalDataExport export, SegmentCatalog catalog, SegmentMembership membership)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(membership);
        return export with { Segments = [.. membership.Ids.Select(id => new ExportedSegment(id, catalog[id].Name))] };
    }
}
