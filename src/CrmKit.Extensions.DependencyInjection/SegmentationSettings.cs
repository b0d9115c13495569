using System.Collections.Immutable;
using System.Globalization;
using CrmKit.CareProcess;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.Customers.Privacy;
using CrmKit.Engine;
using CrmKit.Segmentation;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmKit.Extensions.DependencyInjection;

/// <summary>Segmentation settings (<c>CrmKit:Segmentation</c>).</summary>
public sealed class SegmentationSettings
{
    /// <summary>A segment catalogue JSON file; when unset, the built-in catalogue (or <see cref="Catalog"/>) is used.</summary>
    public string? CatalogFile { get; set; }

    /// <summary>A catalogue set in code; wins over <see cref="CatalogFile"/>. Default: none.</summary>
    public SegmentCatalog? Catalog { get; set; }

    /// <summary>The catalogue in use: <see cref="Catalog"/>, else <see cref="CatalogFile"/> parsed, else the built-in one.</summary>
    /// <exception cref="InvalidRuleException">The file is not a valid catalogue.</exception>
    internal SegmentCatalog LoadCatalog() => Catalog ?? (CatalogFile is { } file ? SegmentCatalog.Parse(File.ReadAllText(file)) : BuiltInSegments.Catalog);
}
