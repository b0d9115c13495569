using System.Globalization;
using CrmKit.Customers;
using CrmKit.Customers.Import;

namespace CrmKit.Cli;

/// <summary>The summary <c>crmkit run</c> prints.</summary>
internal static class RunSummary
{
    public static void Write(TextWriter output, string folder, CustomerDataSet dataSet, IReadOnlyList<Customer> customers, int merged, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        var orders = customers.SelectMany(c => c.History.Orders).ToList();
        var completed = orders.Where(o => o.IsRevenue).ToList();
        var revenue = completed.Sum(o => o.Total.Amount);
        var buyers = customers.Count(c => c.History.Orders.CompletedCount > 0);
        var repeat = customers.Count(c => c.History.Orders.CompletedCount > 1);
        var currency = orders.Count > 0 ? orders[0].Total.Currency.Code : string.Empty;
        output.WriteLine($"CrmKit run over {folder}");
        output.WriteLine(string.Create(inv, $"  imported   {dataSet.Customers.Length,8:N0} customers, {orders.Count:N0} orders ({dataSet.Issues.Length:N0} rows rejected)"));
        output.WriteLine(string.Create(inv, $"  merged     {merged,8:N0} duplicate records → {customers.Count:N0} customers"));
        if (orders.Count > 0)
        {
            var first = orders.Min(o => o.PlacedAt);
            var last = orders.Max(o => o.PlacedAt);
            output.WriteLine(string.Create(inv, $"  orders     {first:yyyy-MM-dd} .. {last:yyyy-MM-dd}; completed {completed.Count:N0}, returned {orders.Count(o => o.Status == OrderStatus.Returned):N0}, cancelled {orders.Count(o => o.Status == OrderStatus.Cancelled):N0}"));
            output.WriteLine(string.Create(inv, $"  revenue    {revenue:N0} {currency}; average order {(completed.Count == 0 ? 0 : revenue / completed.Count):N0} {currency}"));
        }

        output.WriteLine(string.Create(inv, $"  buyers     {buyers:N0} ({Share(buyers, customers.Count)}), repeat buyers {repeat:N0} ({Share(repeat, buyers)} of buyers)"));
        output.WriteLine(string.Create(inv, $"  consent    marketing by Zalo {customers.Count(c => c.Consents.IsGranted(ContactChannel.Zalo, ContactPurpose.Marketing)):N0}, SMS {customers.Count(c => c.Consents.IsGranted(ContactChannel.Sms, ContactPurpose.Marketing)):N0}, email {customers.Count(c => c.Consents.IsGranted(ContactChannel.Email, ContactPurpose.Marketing)):N0}"));
        output.WriteLine(string.Create(inv, $"  history    {customers.Sum(c => c.History.Interactions.Length):N0} interactions, {customers.Sum(c => c.History.Tickets.Length):N0} tickets, {customers.Sum(c => c.History.Feedback.Length):N0} feedback, {customers.Sum(c => c.History.Referrals.Length):N0} referrals"));
        output.WriteLine(string.Create(inv, $"  done in {elapsed.TotalSeconds:F1} s"));
    }

    private static string Share(int part, int whole) => whole == 0 ? "0%" : (part / (double)whole).ToString("P0", CultureInfo.InvariantCulture);
}
