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
    /// <param name="errors">The problems, <c>$.entry.segment: no segment 'lapsd' …</c>.</param>
    public InvalidJourneyException(string origin, IReadOnlyList<string> errors)
        : base($"Journey {origin} is invalid: {string.Join("; ", errors)}")
    {
        Origin = origin;
        Errors = errors;
    }

    /// <summary>The file or journey id.</summary>
    public string Origin { get; }

    /// <summary>The problems, each starting with its JSON path.</summary>
    public IReadOnlyList<string> Errors { get; }
}
