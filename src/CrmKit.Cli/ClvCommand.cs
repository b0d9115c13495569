using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CrmKit.Cli.Localization;
using CrmKit.Clv.Models;
using CrmKit.Clv.Summaries;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using NodaTime;
using NodaTime.Text;

namespace CrmKit.Cli;

/// <summary><c>crmkit clv summary|fit|predict</c>.</summary>
internal static class ClvCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly JsonSerializerOptions JsonOutput = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    // The models of 'clv fit' that are not count models (each has its own data shape).
    private const string GammaGamma = "gamma-gamma";
    private const string BetaGeoBetaBinomial = "bg-bb";
    private const string ShiftedBetaGeometric = "sbg";

    private static readonly string[] CountModelIds = [.. CountModels.All.Select(m => m.Id)];

    // "a, b or c".
    internal static string Or(IReadOnlyList<string> items)
        => items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];

    private sealed record Inputs(
        Option<FileInfo> Transactions,
        Option<string> Format,
        Option<string> Period,
        Option<string> CalibrationEnd,
        Option<string> ObservationEnd,
        Option<string> CustomerColumn,
        Option<string> DateColumn,
        Option<string> AmountColumn,
        Option<string> CohortColumn,
        ShopDataOptions Shop,
        ReadCheck Check);

    /// <summary>Whether this invocation read its transactions as asked (no more than --max-rejected of the rows rejected); its exit code.</summary>
    private sealed class ReadCheck
    {
        public int ExitCode { get; set; } = CrmKitCommandLine.Success;
    }

    public static Command Build(TextWriter output, TextWriter error)
    {
        var inputs = new Inputs(
            new Option<FileInfo>("--transactions") { Description = Strings.HelpClvTransactions },
            new Option<string>("--format") { Description = Strings.HelpClvFormat, DefaultValueFactory = _ => "csv" }.AcceptOnlyFromAmong("csv", "cdnow", "bgbb", "cohort"),
            new Option<string>("--period") { Description = Strings.HelpClvPeriod, DefaultValueFactory = _ => TimeUnits.Id(ClvDefaults.Unit) }.AcceptOnlyFromAmong([.. TimeUnits.Ids]),
            new Option<string>("--calibration-end") { Description = Strings.HelpClvCalibrationEnd },
            new Option<string>("--observation-end") { Description = Strings.HelpClvObservationEnd },
            new Option<string>("--customer-column") { Description = Strings.HelpClvCustomerColumn, DefaultValueFactory = _ => "customer_id" },
            new Option<string>("--date-column") { Description = Strings.HelpClvDateColumn, DefaultValueFactory = _ => "date" },
            new Option<string>("--amount-column") { Description = Strings.HelpClvAmountColumn, DefaultValueFactory = _ => "amount" },
            new Option<string>("--column") { Description = Strings.HelpClvColumn },
            new ShopDataOptions(asOf: false, clvModel: false),
            new ReadCheck());

        var summary = new Command("summary", Strings.HelpClvSummaryCommand);
        AddInputs(summary, inputs);
        summary.SetAction(parsed =>
        {
            var (data, _) = LoadSummary(parsed, inputs, error);
            WriteSummary(output, data);
            return inputs.Check.ExitCode;
        });

        string[] fitModels = [.. CountModelIds, GammaGamma, BetaGeoBetaBinomial, ShiftedBetaGeometric];
        var model = new Option<string>("--model") { Description = Or(fitModels) + ".", Required = true }
            .AcceptOnlyFromAmong(fitModels);
        var penalizer = new Option<double>("--penalizer") { Description = Strings.HelpClvPenalizer, DefaultValueFactory = _ => ClvDefaults.Penalizer };
        var json = new Option<bool>("--json") { Description = Strings.HelpClvFitJson };
        var fit = new Command("fit", Strings.HelpClvFitCommand) { model, penalizer, json };
        AddInputs(fit, inputs);
        fit.SetAction(parsed =>
        {
            var name = parsed.GetValue(model)!;
            var options = new FitOptions { Penalizer = parsed.GetValue(penalizer) };
            var (estimates, logLikelihood, customers, elapsed, correlation, diagnosis) = Fit(name, parsed, inputs, options, error);
            if (parsed.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    model = name,
                    parameters = estimates.ToDictionary(e => e.Name, e => e.Value),
                    standardErrors = estimates.ToDictionary(e => e.Name, e => double.IsFinite(e.StandardError) ? e.StandardError : (double?)null),
                    logLikelihood,
                    customers,
                    fitMilliseconds = elapsed.TotalMilliseconds,
                    frequencyValueCorrelation = correlation,
                    interior = diagnosis.IsInterior,
                    usable = diagnosis.IsUsable,
                    problems = diagnosis.Problems.Select(p => p.Message),
                }, JsonOutput));
            }
            else
            {
                output.WriteLine(Display.Format(Strings.ClvFitted, name, customers, elapsed.TotalMilliseconds));
                output.WriteLine(Strings.ClvFitHeader);
                foreach (var e in estimates)
                {
                    output.WriteLine(Display.Format("  {0,-9} {1,15:G8} {2,12:G5}", e.Name, e.Value, e.StandardError));
                }

                output.WriteLine(Display.Format(Strings.ClvFitLogLikelihood, logLikelihood));
                if (correlation is { } rho)
                {
                    output.WriteLine(Display.Format(Strings.ClvFitCorrelation, rho, Math.Abs(rho) > 0.3 ? Strings.ClvFitCorrelationWarning : string.Empty));
                }

                output.WriteLine(diagnosis.IsUsable ? Strings.ClvFitUsable : Display.Format(Strings.ClvFitNotUsable, diagnosis.IsInterior ? Strings.ClvFitInterior : Strings.ClvFitBoundary));
                foreach (var problem in diagnosis.Problems)
                {
                    output.WriteLine($"    {ClvText.Problem(problem)}");
                }
            }

            return inputs.Check.ExitCode;
        });

        var horizon = new Option<double>("--horizon") { Description = Strings.HelpClvHorizon, DefaultValueFactory = _ => ClvDefaults.Horizon };
        var countModel = new Option<string>("--model") { Description = Display.Format(Strings.HelpClvModel, Or(CountModelIds)), DefaultValueFactory = _ => CountModels.Get(ClvDefaults.Model).Id }
            .AcceptOnlyFromAmong(CountModelIds);
        var margin = new Option<double>("--margin") { Description = Strings.HelpClvMargin, DefaultValueFactory = _ => ClvDefaults.Margin };
        var discount = new Option<double>("--discount-rate") { Description = Display.Format(Strings.HelpClvDiscountRate, ClvDefaults.Steps), DefaultValueFactory = _ => ClvDefaults.DiscountRate };
        var predict = new Command("predict", Strings.HelpClvPredictCommand)
        {
            horizon, countModel, margin, discount,
        };
        AddInputs(predict, inputs);
        predict.SetAction(parsed =>
        {
            // The CLV options are checked before any data is read, and reported under their option names (exit 2).
            ClvOptions clvOptions;
            try
            {
                clvOptions = new ClvOptions { Horizon = parsed.GetValue(horizon), Margin = parsed.GetValue(margin), DiscountRate = parsed.GetValue(discount) };
            }
            catch (InvalidValueException ex)
            {
                var option = ex.Field switch { "Horizon" => horizon.Name, "Margin" => margin.Name, "DiscountRate" => discount.Name, _ => ex.Field };
                throw new InvalidValueException(option, ex.Reason, ex.Hint);
            }

            // With a progress display the rows are held and written after it is cleared, so a terminal shows them whole;
            // without one (redirected, the usual case for a large file) they are streamed as before.
            var lines = Progress.Show(error, json: false, (progress, warnings) =>
            {
                progress.Stage("read transactions");
                var (data, _) = LoadSummary(parsed, inputs, warnings);
                progress.Stage("fit models");
                var count = FitCount(parsed.GetValue(countModel)!, data);
                GammaGammaModel? spend = null;
                try
                {
                    // Repeat buyers whose repeat purchases were all free are left out of the spend fit (one $0 purchase
                    // would otherwise make it fail for everyone); they are still valued.
                    var spendData = data.RepeatBuyersWithSpend();
                    var excluded = data.RepeatBuyers().CustomerCount - spendData.CustomerCount;
                    if (excluded > 0)
                    {
                        warnings.WriteLine(Display.Format(Strings.ClvPredictFreeRepeatBuyersLeftOut, excluded));
                    }

                    var spendFit = GammaGammaModel.Fit(spendData);
                    if (spendFit.Diagnosis.IsUsable)
                    {
                        spend = spendFit.Model;
                    }
                    else
                    {
                        warnings.WriteLine(Display.Format(Strings.ClvPredictNoClvColumn, Display.Format(Strings.ClvPredictSpendFitNotUsable, string.Join(" ", spendFit.Diagnosis.Problems.Select(ClvText.Problem)))));
                    }
                }
                catch (FitFailedException ex)
                {
                    warnings.WriteLine(Display.Format(Strings.ClvPredictNoClvColumn, ClvText.Problem(ex.Problem)));
                }

                var predicted = progress.Count("predict", data.Count);
                var rows = progress.IsShown ? new List<string>(data.Count + 1) : null;
                void Row(string line)
                {
                    if (rows is null)
                    {
                        output.WriteLine(line);
                    }
                    else
                    {
                        rows.Add(line);
                    }
                }

                Row("customer_id,frequency,recency,T,monetary_value,probability_alive,expected_purchases" + (spend is null ? string.Empty : ",clv"));
                for (var i = 0; i < data.Count; i++)
                {
                    var row = data[i];
                    double alive, expected;
                    string clv;
                    try
                    {
                        alive = count.ProbabilityAlive(row.Frequency, row.Recency, row.Age);
                        expected = count.ConditionalExpectedPurchases(clvOptions.Horizon, row.Frequency, row.Recency, row.Age);
                        clv = spend is null ? string.Empty : "," + CustomerValue.Discounted(count, spend, row, clvOptions).ToString("F2", Inv);
                    }
                    catch (Exception ex) when (ex is ArithmeticException or InvalidValueException)
                    {
                        // A fit at the edge of the parameter space can make a special function fail for one row: said as
                        // `crmkit run` says it (ClvProblemKind.PredictionFailed), not as an internal error.
                        throw new CommandFailedException(ClvText.Problem(PredictionFailed(count, i, row, ex)));
                    }

                    Row(string.Create(Inv, $"{Csv(row.CustomerId)},{row.Frequency},{row.Recency:0.####},{row.Age:0.####},{row.MonetaryValue:0.##},{alive:0.######},{expected:0.######}{clv}"));
                    predicted.Report(i + 1);
                }

                return rows ?? [];
            });
            foreach (var line in lines)
            {
                output.WriteLine(line);
            }

            return inputs.Check.ExitCode;
        });

        return new Command("clv", Strings.HelpClvCommand) { summary, fit, predict };
    }

    // The problem ValueAnalysis reports when a row's prediction fails, with the same English words.
    internal static ClvProblem PredictionFailed(ICountModel count, int index, RfmRow row, Exception error)
        => new(ClvProblemKind.PredictionFailed, string.Create(Inv, $"{count.Name}: the prediction for row {index} (x = {row.Frequency}, t_x = {row.Recency}, T = {row.Age}) failed: {error.Message} What to do: report it with these values; no predictions are given."))
        {
            Model = count.Name, Figures = [index, row.Frequency, row.Recency, row.Age], Detail = error.Message,
        };

    private static void AddInputs(Command command, Inputs inputs)
    {
        foreach (var option in new Option[] { inputs.Transactions, inputs.Format, inputs.Period, inputs.CalibrationEnd, inputs.ObservationEnd, inputs.CustomerColumn, inputs.DateColumn, inputs.AmountColumn, inputs.CohortColumn })
        {
            command.Options.Add(option);
        }

        inputs.Shop.AddTo(command);
    }

    private static (IReadOnlyList<ParameterEstimate>, double, double, TimeSpan, double?, FitDiagnosis) Fit(string name, ParseResult parsed, Inputs inputs, FitOptions options, TextWriter error)
    {
        var format = parsed.GetValue(inputs.Format);
        if (name == ShiftedBetaGeometric)
        {
            var active = LoadCohort(parsed, inputs);
            var watch = Stopwatch.StartNew();
            var result = ShiftedBetaGeometricModel.Fit(active, options);
            return (result.Parameters, result.LogLikelihood, result.Customers, watch.Elapsed, null, result.Diagnosis);
        }

        if (name == BetaGeoBetaBinomial)
        {
            var patterns = format == "bgbb" ? LoadPatterns(parsed, inputs) : LoadOpportunities(parsed, inputs, error);
            var watch = Stopwatch.StartNew();
            var result = BetaGeoBetaBinomialModel.Fit(patterns, options);
            return (result.Parameters, result.LogLikelihood, result.Customers, watch.Elapsed, null, result.Diagnosis);
        }

        var (data, _) = LoadSummary(parsed, inputs, error);
        var timer = Stopwatch.StartNew();
        if (CountModels.Find(name) is { } countModel)
        {
            return Done(countModel.Fit(data, options));
        }

        // The option accepts only the ids above, so anything else here is a model added to the list but not to this method.
        return name == GammaGamma
            ? Done(GammaGammaModel.Fit(data, options)) with { Item5 = GammaGammaModel.FrequencyValueCorrelation(data) }
            : throw new UnreachableException($"clv fit --model {name} is accepted but not fitted.");

        (IReadOnlyList<ParameterEstimate>, double, double, TimeSpan, double?, FitDiagnosis) Done<T>(FitResult<T> result)
            => (result.Parameters, result.LogLikelihood, result.Customers, timer.Elapsed, null, result.Diagnosis);
    }

    // The count model, or a CommandFailedException saying why its fit is not usable (no predictions from such a fit).
    private static ICountModel FitCount(string name, RfmSummary data)
    {
        var fit = (CountModels.Find(name) ?? throw new UnreachableException($"clv predict --model {name} is accepted but is not a count model.")).Fit(data);
        return fit.Diagnosis.IsUsable ? fit.Model : throw new CommandFailedException(Display.Format(Strings.ClvPredictFitNotUsable, fit.Model.Name, string.Join(" ", fit.Diagnosis.Problems.Select(ClvText.Problem))));
    }

    private static (RfmSummary Summary, IReadOnlyList<ImportIssue> Issues) LoadSummary(ParseResult parsed, Inputs inputs, TextWriter error)
    {
        var calibrationEnd = Date(parsed.GetValue(inputs.CalibrationEnd), "--calibration-end");
        var (transactions, issues, end) = LoadTransactions(parsed, inputs, error);
        var options = new RfmOptions { ObservationEnd = end, CalibrationEnd = calibrationEnd, Unit = Unit(parsed, inputs) };
        return (RfmSummaryBuilder.FromUnsorted(transactions.Select(t => (t.CustomerId, t.Date, t.Amount)), options), issues);
    }

    // bg-bb from transactions: opportunities of one --period after each customer's first purchase.
    private static RfmSummary LoadOpportunities(ParseResult parsed, Inputs inputs, TextWriter error)
    {
        var (transactions, _, end) = LoadTransactions(parsed, inputs, error);
        var builder = new OpportunitySummaryBuilder(end, Unit(parsed, inputs));
        foreach (var t in transactions.OrderBy(t => t.Date))
        {
            builder.Add(t.CustomerId, t.Date);
        }

        return builder.Build().Compress();
    }

    private static TimeUnit Unit(ParseResult parsed, Inputs inputs)
        => TimeUnits.Find(parsed.GetValue(inputs.Period)!) ?? throw new UnreachableException($"--period {parsed.GetValue(inputs.Period)} is accepted but is not a time unit.");

    private static (List<Transaction> Transactions, List<ImportIssue> Issues, LocalDate ObservationEnd) LoadTransactions(ParseResult parsed, Inputs inputs, TextWriter error)
    {
        var observationEnd = Date(parsed.GetValue(inputs.ObservationEnd), "--observation-end");
        var issues = new List<ImportIssue>();
        string? tooMany = null;
        List<Transaction> transactions;
        var file = parsed.GetValue(inputs.Transactions);
        var format = parsed.GetValue(inputs.Format);
        if (format is "bgbb" or "cohort")
        {
            throw new InvalidValueException("--format", Display.Format(Strings.ErrorModelReadyFormat, format, format == "bgbb" ? BetaGeoBetaBinomial : ShiftedBetaGeometric));
        }

        if (file is null)
        {
            // The shop, read, judged and merged as 'crmkit run' reads it (--data, --sample or the files, every import
            // option); its completed orders are the transactions, each dated in the customer's zone (else the run's).
            var settings = inputs.Shop.Settings(parsed);
            var read = inputs.Shop.Read(parsed, settings, error);
            if (!read.Verdict.Usable)
            {
                read.Verdict.Write(error);
                throw new InvalidValueException("--data", Strings.ErrorClvNoShopData);
            }

            var (customers, _) = CustomerLoading.Merge(read.DataSet, settings.Merge);
            transactions = [.. customers.SelectMany(c => c.History.Orders.Where(o => o.IsRevenue).Select(o => new Transaction(c.Id.Value, o.PlacedAt.InZone(c.TimeZone ?? settings.Zone).Date, (double)o.Total.Amount)))];
            read.Verdict.Write(error);
            inputs.Check.ExitCode = read.Verdict.ExitCode;
        }
        else
        {
            InputFiles.Existing(file, "--transactions", Display.Format(Strings.ErrorTransactionsFileMissing, file.FullName));

            if (inputs.Shop.ShopOptionGiven(parsed) is SeedsFolder.SampleOptionName)
            {
                throw new InvalidValueException(SeedsFolder.SampleOptionName, Display.Format(Strings.ErrorSampleAndFile, SeedsFolder.SampleOptionName, inputs.Transactions.Name));
            }

            if (inputs.Shop.ShopOptionGiven(parsed) is { } shopOption)
            {
                throw new InvalidValueException(shopOption, Display.Format(Strings.ErrorClvShopOptionWithTransactions, shopOption, inputs.Transactions.Name));
            }

            // The value-format options (number and date styles, zone, delimiter) describe a delimited file; the CDNOW
            // layout is fixed, so they are refused with it rather than silently ignored.
            var import = inputs.Shop.Import.Options(parsed);
            if (format == "cdnow" && inputs.Shop.Import.ValueFormatOptionGiven(parsed) is { } given)
            {
                throw new InvalidValueException(given, Display.Format(Strings.ErrorClvFormatOptionWithCdnow, given));
            }

            using var reader = file.OpenText();
            transactions = format == "cdnow"
                ? [.. TransactionReader.ReadCdnow(reader, file.Name, issues)]
                : [.. TransactionReader.ReadCsv(reader, file.Name, issues, new TransactionColumns { CustomerId = parsed.GetValue(inputs.CustomerColumn)!, Date = parsed.GetValue(inputs.DateColumn)!, Amount = parsed.GetValue(inputs.AmountColumn)! }, import.Format.Zone, import)];
            inputs.Shop.Import.WriteRejects(parsed, issues);
            var rejected = issues.Count(i => i.Severity == ImportIssueSeverity.Error && i.Line > 0);
            var read = transactions.Count + rejected;
            var maxRejected = inputs.Shop.Import.MaxRejected(parsed);
            if (read > 0 && 100.0 * rejected / read > maxRejected)
            {
                // Written after the issues below; the command still prints its result, then exits 1.
                tooMany = Display.Format(Strings.VerdictTooManyRejected, file.Name, rejected, read, 100.0 * rejected / read, maxRejected);
                inputs.Check.ExitCode = CrmKitCommandLine.BadInput;
            }
        }

        foreach (var group in ImportIssueGroup.Of(issues))
        {
            error.WriteLine(group.Describe());
        }

        if (tooMany is not null)
        {
            error.WriteLine($"crmkit: {tooMany}");
        }

        if (transactions.Count == 0)
        {
            throw new InvalidValueException("transactions", Strings.ErrorNoTransaction);
        }

        return (transactions, issues, observationEnd ?? transactions.Max(t => t.Date));
    }

    private static RfmSummary LoadPatterns(ParseResult parsed, Inputs inputs)
    {
        var rows = ReadNumbers(parsed, inputs, minColumns: 3);
        return RfmSummary.Create(
            [.. rows.Select(r => r.Values[0])],
            [.. rows.Select(r => r.Values[1])],
            [.. rows.Select(r => r.Values[2])],
            weight: rows.All(r => r.Values.Length > 3) ? [.. rows.Select(r => r.Values[3])] : default,
            unit: TimeUnit.Day);
    }

    private static double[] LoadCohort(ParseResult parsed, Inputs inputs)
    {
        if (parsed.GetValue(inputs.Format) != "cohort")
        {
            throw new InvalidValueException("--format", Strings.ErrorSbgNeedsCohort, Strings.ErrorSbgNeedsCohortHint);
        }

        var file = parsed.GetValue(inputs.Transactions) ?? throw new InvalidValueException("--transactions", Strings.ErrorSbgNeedsFile);
        var lines = File.ReadAllLines(file.FullName);
        var header = lines[0].Split(',').Select(h => h.Trim()).ToList();
        var name = parsed.GetValue(inputs.CohortColumn);
        var column = name is null ? 1 : header.IndexOf(name);
        if (column < 0 || column >= header.Count)
        {
            throw new InvalidValueException("--column", Display.Format(Strings.ErrorNotAColumn, name, file.Name, string.Join(", ", header)));
        }

        return [.. ReadNumbers(parsed, inputs, minColumns: column + 1).Select(r => r.Values[column])];
    }

    private static List<(int Line, double[] Values)> ReadNumbers(ParseResult parsed, Inputs inputs, int minColumns)
    {
        var file = parsed.GetValue(inputs.Transactions) ?? throw new InvalidValueException("--transactions", Strings.ErrorDataFileNeeded);
        InputFiles.Existing(file, "--transactions", Display.Format(Strings.ErrorDataFileMissing, file.FullName));

        var rows = new List<(int, double[])>();
        var lines = File.ReadAllLines(file.FullName);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var fields = lines[i].Split(',');
            var values = new double[fields.Length];
            for (var j = 0; j < fields.Length; j++)
            {
                if (!double.TryParse(fields[j].Trim(), NumberStyles.Float, Inv, out values[j]))
                {
                    throw new InvalidValueException("data", Display.Format(Strings.ErrorFieldNotANumber, file.Name, i + 1, j + 1, fields[j].Trim()));
                }
            }

            if (values.Length < minColumns)
            {
                throw new InvalidValueException("data", Display.Plural(values.Length, Strings.ErrorTooFewFieldsOne, Strings.ErrorTooFewFields, file.Name, i + 1, values.Length, minColumns));
            }

            rows.Add((i + 1, values));
        }

        return rows;
    }

    private static LocalDate? Date(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success ? result.Value : throw new InvalidValueException(option, $"'{text}' is not a date YYYY-MM-DD.");
    }

    private static void WriteSummary(TextWriter output, RfmSummary data)
    {
        var holdout = data.HoldoutDuration > 0;
        output.WriteLine("customer_id,frequency,recency,T,monetary_value" + (holdout ? ",frequency_holdout,monetary_value_holdout,duration_holdout" : string.Empty));
        for (var i = 0; i < data.Count; i++)
        {
            var r = data[i];
            var tail = holdout ? string.Create(Inv, $",{r.FrequencyHoldout},{r.MonetaryValueHoldout:0.######},{data.HoldoutDuration:0.######}") : string.Empty;
            output.WriteLine(string.Create(Inv, $"{Csv(r.CustomerId)},{r.Frequency},{r.Recency:0.######},{r.Age:0.######},{r.MonetaryValue:0.######}{tail}"));
        }
    }

    // A CSV cell: safe from formula evaluation in a spreadsheet (SpreadsheetSafety), quoted when it holds a delimiter.
    private static string Csv(string value)
    {
        value = SpreadsheetSafety.Cell(value)!;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
