using System.Globalization;
using CrmKit.CareProcess;
using CrmKit.Customers;
using CrmKit.Engine;
using CrmKit.Segmentation;

namespace CrmKit.Cli.Localization;

/// <summary>
/// The one place the tool turns a definition's localised name or description (<see cref="LocalizedText"/>) into the
/// text a person reads: the text for the invocation's language (<see cref="CultureInfo.CurrentUICulture"/>, set by
/// <see cref="UiLanguage"/>), falling back as <see cref="LocalizedText.Get"/> does (vi-VN → vi → en → any). JSON and
/// CSV output do not come here: they write <see cref="Invariant"/> (the English text), whatever the language.
/// </summary>
internal static class DisplayNames
{
    /// <summary>A text in the invocation's language, or null.</summary>
    public static string? Display(this LocalizedText? text) => text?.Get(CultureInfo.CurrentUICulture);

    /// <summary>A text as machine-readable output writes it: English, else the only or first language; null stays null.</summary>
    public static string? Invariant(this LocalizedText? text) => text?.Get(CultureInfo.InvariantCulture);

    /// <summary>The segment's name in the invocation's language (<c>Khách hàng mới</c> / <c>New customers</c>).</summary>
    public static string DisplayName(this Segment segment) => segment.Name.Get(CultureInfo.CurrentUICulture);

    /// <summary>The segment's description in the invocation's language, or null.</summary>
    public static string? DisplayDescription(this Segment segment) => segment.Description.Display();

    /// <summary>The process's name in the invocation's language.</summary>
    public static string DisplayName(this ProcessModel process) => process.Name.Get(CultureInfo.CurrentUICulture);

    /// <summary>The process's name in the invocation's language.</summary>
    public static string DisplayName(this ProcessDefinition process) => process.Model.DisplayName();

    /// <summary>The process's name in the invocation's language.</summary>
    public static string DisplayName(this ProcessGraph process) => process.Name.Get(CultureInfo.CurrentUICulture);

    /// <summary>
    /// An enumeration value as text for people: in English the tool's historical camelCase spelling (<c>phoneCall</c>,
    /// <c>completed</c>), in Vietnamese a word (<c>gọi điện</c>, <c>hoàn tất</c>); the key is <c>Type_Value</c> in
    /// <see cref="Strings"/>. JSON and CSV keep <see cref="RunSummary.Name{T}"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value has no text in <see cref="Strings"/> (a test checks every value of the enums shown).</exception>
    public static string Of<T>(T value)
        where T : struct, Enum
        => Strings.ResourceManager.GetString($"{typeof(T).Name}_{value}", CultureInfo.CurrentUICulture)
           ?? throw new InvalidOperationException($"Strings.resx has no text for {typeof(T).Name}.{value}.");

    /// <summary>The journey's name in the invocation's language, else its id.</summary>
    public static string DisplayName(this Journey journey) => journey.Name.Display() ?? journey.Id;
    /// <summary>
    /// A journey's versioned id (<c>after-sale@v1</c>) as a text command shows it: in English the id as it always was, in
    /// another language the journey's name with the id in parentheses (<c>Chăm sóc sau bán … (after-sale@v1)</c>), since
    /// the id is what <c>crmkit replay</c> and the definition files name; an id no journey of <paramref name="journeys"/> has stays as it is.
    /// </summary>
    public static string JourneyLabel(string id, IEnumerable<Journey> journeys)
    {
        if (UiLanguage.Current == UiLanguage.English)
        {
            return id;
        }

        var journey = journeys.FirstOrDefault(j => j.VersionedId == id || j.Id == id);
        return journey?.Name.Display() is { } name ? $"{name} ({id})" : id;
    }

    /// <summary>
    /// A process id (<c>after-sale</c>) as a text command shows it: in English the id as it always was, in another
    /// language the process's name with the id in parentheses (<c>Chăm sóc sau bán (after-sale)</c>); an id no process
    /// of <paramref name="processes"/> has stays as it is.
    /// </summary>
    public static string ProcessLabel(string id, IEnumerable<ProcessDefinition> processes)
    {
        if (UiLanguage.Current == UiLanguage.English)
        {
            return id;
        }

        var process = processes.FirstOrDefault(p => p.Id == id);
        return process is null ? id : $"{process.DisplayName()} ({id})";
    }

    /// <summary>
    /// A message template's id (<c>review-request</c>) as people read it: in English the id as it always was, in another
    /// language the template's name from <see cref="Strings"/> (key <c>Template_</c> + the id with <c>_</c> for <c>-</c>)
    /// with the id in parentheses, since staff find the template by it (<c>Xin khách đánh giá (review-request)</c>); a
    /// template of the shop's own with no name there stays as its id.
    /// </summary>
    public static string TemplateLabel(string id)
    {
        if (UiLanguage.Current == UiLanguage.English)
        {
            return id;
        }

        return TemplateName(id) is { } name ? $"{name} ({id})" : id;
    }

    /// <summary>
    /// A care plan's id (<c>vip-care</c>) as people read it, in both languages: its name from <see cref="ReportStrings"/>
    /// (key <c>Plan_</c> + the id: <c>Chăm sóc khách VIP</c> / <c>VIP care</c>), else the plan's own name from
    /// <paramref name="plans"/>, else the id.
    /// </summary>
    public static string PlanName(string id, IEnumerable<CarePlan>? plans = null)
        => ReportStrings.ResourceManager.GetString("Plan_" + id, CultureInfo.CurrentUICulture)
           ?? plans?.FirstOrDefault(p => p.Id == id)?.Name
           ?? id;

    /// <summary>A message template's id as a list for people shows it, in both languages: its name (<see cref="TemplateName"/>), else the id.</summary>
    public static string TemplateDisplayName(string id) => TemplateName(id) ?? id;

    /// <summary>The name of a built-in message template in the invocation's language, or null for a template Strings does not name.</summary>
    public static string? TemplateName(string id) => Strings.ResourceManager.GetString("Template_" + id.Replace('-', '_'), CultureInfo.CurrentUICulture);

    /// <summary>
    /// A care task's title as people read it, in every text output (<c>crmkit customer</c>, the report's task table): the
    /// built-in processes' titles translated (<see cref="BuiltInProcesses.Translate"/>), an assignment
    /// (<c>Assign to care-lead</c>) worded by the language with the role's name; in English as the engine wrote it.
    /// </summary>
    public static string TaskTitle(CareTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (UiLanguage.Current == UiLanguage.English)
        {
            return task.Title;
        }

        return task.Title == $"Assign to {task.Role}" && task.Role is { } role
            ? global::CrmKit.Cli.Localization.Display.Format(ProfileStrings.TaskAssignTo, RoleName(role))
            : BuiltInProcesses.Translate(task.Title, CultureInfo.CurrentUICulture) ?? task.Title;
    }

    /// <summary>A built-in staff role in the language's words (<see cref="ProfileStrings"/> <c>Role_</c> + the id with <c>_</c> for <c>-</c>: <c>care-lead</c> → <c>trưởng nhóm chăm sóc khách hàng</c>); any other role as written.</summary>
    public static string RoleName(string role)
        => ProfileStrings.ResourceManager.GetString("Role_" + role.Replace('-', '_'), CultureInfo.CurrentUICulture) ?? role;

    /// <summary>
    /// A segment group (a segment's <c>ExclusiveGroup</c>: <c>value-tier</c>, <c>age-band</c> …) in the invocation's
    /// language (<see cref="Strings"/> <c>SegmentGroup_</c> + the id with <c>_</c> for <c>-</c>: "hạng giá trị", "value tier");
    /// a group of the shop's own catalogue keeps its id; none is empty.
    /// </summary>
    public static string GroupName(string? group)
        => group is null ? string.Empty : Strings.ResourceManager.GetString("SegmentGroup_" + group.Replace('-', '_'), CultureInfo.CurrentUICulture) ?? group;
}
