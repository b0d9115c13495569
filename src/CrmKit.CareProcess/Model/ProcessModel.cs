using System.Collections.Immutable;
using System.Globalization;
using CrmKit.Customers;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// The data of a process definition: states, triggers and transitions, as written by hand, read from JSON or built
/// with <see cref="ProcessBuilder"/>. Turn it into a validated, executable <see cref="ProcessDefinition"/> with
/// <see cref="ProcessDefinition.Create(ProcessModel)"/>.
/// </summary>
/// <param name="Id">The process id (lower-case letters, digits and dashes).</param>
/// <param name="Name">The name shown to staff, by language (JSON: a string, or <c>{"vi": …, "en": …}</c>).</param>
/// <param name="Initial">The state a new instance starts in.</param>
public sealed record ProcessModel(string Id, LocalizedText Name, string Initial)
{
    /// <summary>What the process is for, by language, or null.</summary>
    public LocalizedText? Description { get; init; }

    /// <summary>The states.</summary>
    public ImmutableArray<StateDefinition> States { get; init; } = [];

    /// <summary>The triggers.</summary>
    public ImmutableArray<TriggerDefinition> Triggers { get; init; } = [];

    /// <summary>The transitions, in priority order (guarded candidates are tried in this order).</summary>
    public ImmutableArray<TransitionDefinition> Transitions { get; init; } = [];

    /// <summary>
    /// This model with the texts people read — <see cref="Name"/>, <see cref="Description"/> and the descriptions of
    /// its states and triggers — given in <paramref name="language"/> too, each looked up in
    /// <paramref name="translations"/> by its English text (<see cref="LocalizedText.Get"/> with the invariant culture).
    /// Ids and everything else stay as they are.
    /// </summary>
    /// <param name="language">A language tag, e.g. <c>vi</c>.</param>
    /// <param name="translations">English text → text in <paramref name="language"/>; must hold every text of the model.</param>
    /// <exception cref="ArgumentException">A text of the model has no translation (all missing texts are listed), or <paramref name="language"/> is not a language tag.</exception>
    public ProcessModel WithTranslation(string language, IReadOnlyDictionary<string, string> translations)
    {
        ArgumentNullException.ThrowIfNull(translations);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        LocalizedText? Translate(LocalizedText? text)
        {
            if (text is null)
            {
                return null;
            }

            var english = text.Get(CultureInfo.InvariantCulture);
            if (translations.TryGetValue(english, out var translated))
            {
                return text.WithText(language, translated);
            }

            missing.Add(english);
            return text;
        }

        var translatedModel = this with
        {
            Name = Translate(Name)!,
            Description = Translate(Description),
            States = [.. States.Select(s => s with { Description = Translate(s.Description) })],
            Triggers = [.. Triggers.Select(t => t with { Description = Translate(t.Description) })],
        };
        return missing.Count == 0
            ? translatedModel
            : throw new ArgumentException($"Process '{Id}' has texts without a '{language}' translation: {string.Join("; ", missing.Select(m => $"\"{m}\""))}.", nameof(translations));
    }
}
