using System.Linq.Expressions;
using CrmKit.Customers;
using CrmKit.Segmentation;
using Microsoft.EntityFrameworkCore;

namespace CrmKit.EntityFrameworkCore;

/// <summary>
/// Segment rules executed by the database: each rule becomes a <c>WHERE</c> clause over <c>crm_customers</c> and its
/// child tables (<see cref="RuleExpressions"/>), with every date bound computed from the evaluation context, so the
/// members are the same as the in-memory evaluators give (tests compare them on generated customers).
/// </summary>
public static class SegmentQueries
{
    /// <summary>The customers the rule selects at <paramref name="context"/>'s instant.</summary>
    public static IQueryable<CustomerRecord> Matching(this IQueryable<CustomerRecord> customers, Rule rule, EvaluationContext context, Func<string, Rule>? segments = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return customers.Where(RuleExpressions.ToExpression(rule, context, segments));
    }

    /// <summary>The members of a catalog's segment (its effective rule: own rule, exclusive groups and references resolved).</summary>
    public static IQueryable<CustomerRecord> InSegment(this IQueryable<CustomerRecord> customers, SegmentCatalog catalog, string segmentId, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return customers.Matching(catalog.MembershipRule(segmentId), context, catalog.MembershipRule);
    }

    /// <summary>
    /// The members of a segment as stored in <c>crm_segment_memberships</c> (by <see cref="SqlSegmentClassifier.RefreshAsync"/>
    /// or the engine): no rule is evaluated, so the answer is as of each customer's last refresh.
    /// </summary>
    /// <param name="customers">The customers (<c>db.Customers</c>).</param>
    /// <param name="memberships">The stored memberships (<c>db.SegmentMemberships</c>).</param>
    /// <param name="segmentId">The segment.</param>
    public static IQueryable<CustomerRecord> InSegment(this IQueryable<CustomerRecord> customers, IQueryable<StoredSegmentMembership> memberships, string segmentId)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(memberships);
        ArgumentException.ThrowIfNullOrWhiteSpace(segmentId);
        return customers.Where(c => memberships.Any(m => m.CustomerId == c.Id && m.SegmentIds.Contains(segmentId)));
    }

    /// <summary>
    /// The SQL the rule runs as; throws <see cref="RuleNotTranslatableException"/> naming the first condition that does
    /// not translate, and why, when the provider cannot translate the rule.
    /// </summary>
    public static string ToSql(this IQueryable<CustomerRecord> customers, Rule rule, EvaluationContext context, Func<string, Rule>? segments = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(rule);
        try
        {
            return customers.Matching(rule, context, segments).Select(c => c.Id).ToQueryString();
        }
        catch (InvalidOperationException ex)
        {
            foreach (var condition in Conditions(rule, segments))
            {
                try
                {
                    customers.Matching(condition, context, segments).Select(c => c.Id).ToQueryString();
                }
                catch (InvalidOperationException inner)
                {
                    throw new RuleNotTranslatableException(RuleJson.Write(condition), FirstLine(inner.Message), inner);
                }
            }

            throw new RuleNotTranslatableException(RuleJson.Write(rule), FirstLine(ex.Message), ex);
        }
    }

    private static IEnumerable<Rule> Conditions(Rule rule, Func<string, Rule>? segments) => rule switch
    {
        Condition c => [c],
        AllRule a => a.Rules.SelectMany(r => Conditions(r, segments)),
        AnyRule a => a.Rules.SelectMany(r => Conditions(r, segments)),
        NotRule n => Conditions(n.Rule, segments),
        SegmentRule s when segments is not null => Conditions(segments(s.SegmentId), segments),
        _ => [],
    };

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end].TrimEnd();
    }
}
