using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Customers.Serialization;
using CrmKit.Segmentation;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Engine;

/// <summary>A journey that cannot be used: every problem, each at its JSON path.</summary>
public sealed class InvalidJourneyException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="origin">The file or journey id.</param>
    /// <param name="problems">The problems, each at its location: a JSON path (<c>$.entry.segment</c>) in one journey's file, or <c>id@version: $.path</c> when journeys are checked together.</param>
    public InvalidJourneyException(string origin, IReadOnlyList<Problem> problems)
        : base($"Journey {origin} is invalid: {string.Join("; ", problems ?? [])}")
    {
        Origin = origin;
        Problems = [.. problems ?? []];
    }

    /// <summary>The file or journey id.</summary>
    public string Origin { get; }

    /// <summary>Every problem, each at its location (see the constructor).</summary>
    public ImmutableArray<Problem> Problems { get; }
}
