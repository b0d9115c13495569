using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace CrmKit.Customers.Import.Tabular;

/// <summary>
/// Reads the rows of another reader on a thread of its own, a few batches ahead of the caller, so that splitting the
/// records and cleaning the cells runs beside the field parsing of the rows before them. What the caller sees is what
/// it would see reading the inner reader itself: the same rows in the same order, and the issues and skipped lines of
/// each inner <see cref="ITabularReader.Read"/> call handed on when the caller's <see cref="Read"/> returns that
/// call's row (or the end), so they land in the issue list at the same place among the caller's own issues. An
/// exception of the inner reader is thrown by the caller's <see cref="Read"/> that reaches it.
/// </summary>
internal sealed class PrefetchingReader : ITabularReader
{
    /// <summary>Rows per batch handed from the reading thread to the caller.</summary>
    internal const int BatchRows = 1024;

    /// <summary>How many batches the reading thread may be ahead of the caller (memory: a few thousand rows).</summary>
    internal const int BatchesAhead = 4;

    private readonly ITabularReader _inner;
    private readonly List<ImportIssue> _innerIssues;
    private readonly List<ImportIssue> _issues;
    private readonly List<int> _skipped = [];
    private readonly BlockingCollection<Batch> _batches = new(BatchesAhead);
    private readonly ConcurrentQueue<Batch> _free = new(); // batches the caller is done with, for the reading thread to fill again
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private Batch? _current;
    private int _next;
    private bool _ended;

    /// <param name="open">Opens the inner reader over the issue list it is given (the header is read then, on the caller's thread).</param>
    /// <param name="issues">The caller's issue list.</param>
    public PrefetchingReader(Func<List<ImportIssue>, ITabularReader> open, List<ImportIssue> issues)
    {
        _innerIssues = [];
        _inner = open(_innerIssues);
        _issues = issues;
        issues.AddRange(_innerIssues);
        _innerIssues.Clear();
        _skipped.AddRange(_inner.SkippedLines);
        _producer = Task.Factory.StartNew(Produce, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public string File => _inner.File;

    public IReadOnlyList<string> Header => _inner.Header;

    public int HeaderLine => _inner.HeaderLine;

    public TabularFormat Format => _inner.Format;

    public bool IsSpreadsheet => _inner.IsSpreadsheet;

    public bool IsUnreadable => _inner.IsUnreadable;

    public IReadOnlyCollection<int> SkippedLines => _skipped;

    public bool Read([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TabularRow row)
    {
        if (_ended)
        {
            row = null;
            return false;
        }

        if (_current is null || _next == _current.Count)
        {
            if (_current is { } done)
            {
                Array.Clear(done.Entries, 0, done.Count);
                done.Count = 0;
                _free.Enqueue(done);
            }

            if (!_batches.TryTake(out _current, Timeout.Infinite))
            {
                _producer.GetAwaiter().GetResult(); // the reading thread failed outside the inner reader: its exception
                throw new InvalidOperationException($"The rows of {File} ended without their end.");
            }

            _next = 0;
        }

        var batch = _current;
        var at = _next++;
        var entry = batch.Entries[at];
        if (entry.Issues is { } issues)
        {
            _issues.AddRange(issues);
        }

        if (entry.Skipped is { } skipped)
        {
            _skipped.AddRange(skipped);
        }

        if (batch.Ended && _next == batch.Count)
        {
            _ended = true;
            batch.Error?.Throw();
            row = null;
            return false;
        }

        row = batch.Rows[at]!;
        return true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        ((IAsyncResult)_producer).AsyncWaitHandle.WaitOne();
        _producer.Dispose();
        _inner.Dispose();
        _batches.Dispose();
        _stop.Dispose();
    }

    // The reading thread: every inner Read call is one entry (the last one, which returned false or threw, ends the
    // last batch), with the issues and skipped lines that call added.
    private void Produce()
    {
        var token = _stop.Token;
        try
        {
            var batch = NewBatch();
            var skippedSeen = _inner.SkippedLines.Count;
            while (true)
            {
                bool more;
                TabularRow? row;
                try
                {
                    more = _inner.Read(out row);
                }
#pragma warning disable CA1031 // any failure of the inner reader is the caller's, thrown where it would have been
                catch (Exception e)
#pragma warning restore CA1031
                {
                    batch.Error = ExceptionDispatchInfo.Capture(e);
                    (more, row) = (false, null);
                }

                ImportIssue[]? issues = null;
                if (_innerIssues.Count > 0)
                {
                    issues = [.. _innerIssues];
                    _innerIssues.Clear();
                }

                int[]? skipped = null;
                if (_inner.SkippedLines.Count > skippedSeen)
                {
                    skipped = [.. _inner.SkippedLines.Skip(skippedSeen)];
                    skippedSeen += skipped.Length;
                }

                if (more)
                {
                    // The inner reader refills its row on its next call: the batch keeps a copy, in a row of its own
                    // that is filled again when the batch is.
                    (batch.Rows[batch.Count] ??= new TabularRow()).CopyFrom(row!);
                }

                batch.Entries[batch.Count++] = new Entry(issues, skipped);
                if (!more)
                {
                    batch.Ended = true;
                    _batches.Add(batch, token);
                    return;
                }

                if (batch.Count == BatchRows)
                {
                    _batches.Add(batch, token);
                    batch = NewBatch();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The caller stopped reading (Dispose).
        }
        finally
        {
            _batches.CompleteAdding(); // a caller waiting for a batch that will never come is woken
        }
    }

    private Batch NewBatch() => _free.TryDequeue(out var batch) ? batch : new Batch();

    private readonly record struct Entry(ImportIssue[]? Issues, int[]? Skipped);

    private sealed class Batch
    {
        public Entry[] Entries { get; } = new Entry[BatchRows];

        public TabularRow?[] Rows { get; } = new TabularRow?[BatchRows];

        public int Count { get; set; }

        public bool Ended { get; set; }

        public ExceptionDispatchInfo? Error { get; set; }
    }
}
