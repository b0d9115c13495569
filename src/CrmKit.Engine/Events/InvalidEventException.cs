using CrmKit.Customers;

namespace CrmKit.Engine;

/// <summary>
/// An event document that cannot be read, or an event the engine refuses: the <see cref="Problem"/> at its JSON path
/// (<c>$[3].order.total</c>, <c>$.at</c>), in CrmKit's one problem shape so that a catcher can report it with the
/// rest of its input's problems.
/// </summary>
public sealed class InvalidEventException : CrmKitException
{
    /// <summary>Creates the exception; its message is <c>Location: Message</c> (<see cref="Problem.ToString"/>).</summary>
    /// <param name="problem">What is wrong and where: <see cref="Problem.Location"/> is the JSON path.</param>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> is <see langword="null"/>.</exception>
    public InvalidEventException(Problem problem)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).ToString())
        => Problem = problem;

    /// <summary>What is wrong (<see cref="Problem.Message"/>) at which JSON path (<see cref="Problem.Location"/>).</summary>
    public Problem Problem { get; }
}
