namespace CrmKit.Cli.Localization;

/// <summary>
/// The people-facing label of a stage of work ("import", "fit CLV models"): the resource <c>Stage</c> + the id in
/// Pascal case (<c>StageFitClvModels</c>) in the current language, else the id itself. The ids stay English in JSON.
/// </summary>
internal static class StageNames
{
    /// <summary>The label of <paramref name="id"/> in the current language.</summary>
    public static string Label(string id)
    {
        var key = "Stage" + string.Concat(id.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length > 1 && w.All(char.IsUpper) ? w[0] + w[1..].ToLowerInvariant() : char.ToUpperInvariant(w[0]) + w[1..]));
        return Strings.ResourceManager.GetString(key, System.Globalization.CultureInfo.CurrentUICulture) ?? id;
    }
}
