using System.Collections.Immutable;
using System.Text.Json;
using CrmKit.Customers;
using CrmKit.Customers.Serialization;

namespace CrmKit.Engine;

/// <summary>An event document that cannot be read: the problem at its JSON path.</summary>
public sealed class InvalidEventException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The JSON path (<c>$[3].order.total</c>).</param>
    /// <param name="problem">What is wrong there.</param>
    public InvalidEventException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The JSON path.</summary>
    public string Path { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
