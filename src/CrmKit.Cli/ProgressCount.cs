using Spectre.Console;

namespace CrmKit.Cli;

/// <summary>A counted part of a stage (customers predicted, events replayed), forwarded to the display at most <see cref="Steps"/> times.</summary>
internal sealed class ProgressCount
{
    /// <summary>How many updates a count makes at most (one each 0.5 % of the total): the bar moves smoothly, the work is not slowed.</summary>
    public const int Steps = 200;

    private readonly ProgressTask? _task;
    private readonly long _step;
    private long _next;

    internal ProgressCount(ProgressTask? task, long total)
    {
        _task = task;
        _step = Math.Max(1, total / Steps);
        _next = _step;
    }

    /// <summary>The count that shows nothing.</summary>
    public static ProgressCount None { get; } = new(null, long.MaxValue);

    /// <summary>How many times the display was updated (for the tests of the throttle).</summary>
    internal int Updates { get; private set; }

    /// <summary>Reports that <paramref name="done"/> items are done.</summary>
    public void Report(long done)
    {
        if (done < _next || _task is null)
        {
            return;
        }

        _next = done + _step;
        _task.Value = done;
        Updates++;
    }
}
