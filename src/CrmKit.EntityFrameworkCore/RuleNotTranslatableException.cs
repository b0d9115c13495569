using System.Linq.Expressions;
using CrmKit.Customers;
using CrmKit.Segmentation;
using Microsoft.EntityFrameworkCore;

namespace CrmKit.EntityFrameworkCore;

/// <summary>A rule whose LINQ expression the database provider cannot translate to SQL.</summary>
public sealed class RuleNotTranslatableException : CrmKitException
{
    /// <summary>Creates the exception.</summary>
    public RuleNotTranslatableException(string node, string reason, Exception? innerException = null)
        : base($"The rule cannot run in the database: {node} does not translate to SQL: {reason}", "Evaluate this rule in memory (Segmenter), or rewrite the condition.", innerException)
    {
        Node = node;
    }

    /// <summary>The condition (in the rule's JSON form) that did not translate.</summary>
    public string Node { get; }
}
