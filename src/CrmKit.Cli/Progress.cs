namespace CrmKit.Cli;

/// <summary>A progress line on standard error for long runs, shown only on an interactive terminal.</summary>
internal sealed class Progress(TextWriter error, int total, string label) : IDisposable
{
    private readonly bool _show = total >= 100_000 && !Console.IsErrorRedirected;
    private int _shown = -1;

    public void Report(int done)
    {
        var percent = (int)(100L * done / total);
        if (_show && percent != _shown)
        {
            _shown = percent;
            error.Write($"\r{label}: [{new string('#', percent / 5),-20}] {percent,3}%");
        }
    }

    public void Dispose()
    {
        if (_show)
        {
            error.WriteLine();
        }
    }

    /// <summary>Reports the stage a multi-stage job is in, on one line of standard error, on an interactive terminal only.</summary>
    public static Action<string>? Stages(TextWriter error)
        => Console.IsErrorRedirected || error != Console.Error ? null : stage => error.Write($"\r{stage + "…",-40}\r");
}

