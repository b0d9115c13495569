using CrmKit.Cli.Localization;
using Spectre.Console;

namespace CrmKit.Cli;

/// <summary>
/// The progress of a command's long work (import, merge, CLV fit, classification, engine replay), drawn with
/// Spectre.Console on standard error while it runs and cleared when it ends. Shown only on an interactive terminal:
/// when standard error is redirected (a file, a pipe, a test), when the command prints JSON, or when Spectre.Console
/// detects no interactive terminal (for example <c>TERM=dumb</c> or a CI server), <see cref="Hidden"/> is used and
/// nothing at all is written.
/// </summary>
/// <remarks>
/// Updates cost the work almost nothing: a stage is one call, and <see cref="ProgressCount.Report"/> forwards a count
/// to the display only each <see cref="ProgressCount.Steps"/>th of the total (a comparison otherwise); the display
/// itself is redrawn by Spectre.Console's own thread at its refresh rate (10 times a second).
/// </remarks>
internal sealed class Progress
{
    private readonly ProgressContext? _context;
    private ProgressTask? _stage;

    private Progress(ProgressContext? context) => _context = context;

    /// <summary>The progress that shows nothing (redirected output, JSON, no terminal).</summary>
    public static Progress Hidden { get; } = new(null);

    /// <summary>Whether anything is drawn.</summary>
    public bool IsShown => _context is not null;

    /// <summary>
    /// Runs <paramref name="work"/> with a progress display on standard error when <paramref name="error"/> is the
    /// process's standard error on an interactive terminal and <paramref name="json"/> is false; otherwise with
    /// <see cref="Hidden"/>. While the display is drawn, what the work writes to the error stream it is given
    /// (warnings, rejected rows) is held back and written after the display is cleared, so the two never mix.
    /// </summary>
    public static T Show<T>(TextWriter error, bool json, Func<Progress, TextWriter, T> work)
        => Show(json || error != Console.Error || Console.IsErrorRedirected ? null : Terminal(), error, work);

    /// <summary>As <see cref="Show{T}(TextWriter, bool, Func{Progress, TextWriter, T})"/>, drawing on <paramref name="console"/> (or nothing when <see langword="null"/>).</summary>
    internal static T Show<T>(IAnsiConsole? console, TextWriter error, Func<Progress, TextWriter, T> work)
    {
        if (console is null)
        {
            return work(Hidden, error);
        }

        using var held = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            return console.Progress()
                .AutoClear(true)
                .HideCompleted(false)
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var progress = new Progress(context);
                    var result = work(progress, held);
                    progress.Finish();
                    return result;
                });
        }
        finally
        {
            error.Write(held.ToString());
        }
    }

    // Standard error as Spectre.Console sees it; null when it finds no interactive, ANSI-capable terminal there.
    private static IAnsiConsole? Terminal()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = AnsiSupport.Detect,
            Interactive = InteractionSupport.Detect,
        });
        return console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi ? console : null;
    }

    /// <summary>Starts the stage <paramref name="name"/> (a short verb phrase: "import", "fit CLV models"), ending the one before.</summary>
    public void Stage(string name)
    {
        if (_context is null)
        {
            return;
        }

        Finish();
        _stage = _context.AddTask(Markup.Escape(StageNames.Label(name)), autoStart: true, maxValue: 1).IsIndeterminate(true);
    }

    /// <summary>
    /// A count of <paramref name="total"/> items in the stage <paramref name="name"/> (the current stage when it has
    /// that name, else a new one): the stage's bar fills as <see cref="ProgressCount.Report"/> is called.
    /// </summary>
    public ProgressCount Count(string name, long total)
    {
        if (_context is null || total <= 0)
        {
            return ProgressCount.None;
        }

        if (_stage is null || _stage.IsFinished || _stage.Description != Markup.Escape(StageNames.Label(name)))
        {
            Stage(name);
        }

        var task = _stage!;
        task.IsIndeterminate = false;
        task.MaxValue = total;
        task.Value = 0;
        return new ProgressCount(task, total);
    }

    private void Finish()
    {
        if (_stage is { IsFinished: false } stage)
        {
            stage.IsIndeterminate = false;
            stage.Value = stage.MaxValue;
            stage.StopTask();
        }
    }
}
