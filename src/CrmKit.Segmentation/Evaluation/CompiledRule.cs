using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.InteropServices;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>A rule compiled to a delegate: evaluates one customer without allocating.</summary>
/// <param name="record">The customer.</param>
/// <param name="context">When.</param>
/// <param name="segments">Final memberships of the segments the rule refers to, indexed as when it was compiled (may be empty when it refers to none).</param>
public delegate bool CompiledRule(CustomerRecord record, EvaluationContext context, bool[] segments);
