using System.Globalization;
using System.Text.RegularExpressions;
using CrmKit.Cli.Report.Charts;

namespace CrmKit.Cli.Tests;

/// <summary>
/// Checks the report's charts and diagrams as Chromium lays them out (<c>getBoundingClientRect</c>, with the fonts of
/// the machine): no two text elements of one SVG intersect, no text reaches past its SVG's edge or its clip path (a
/// legend cut to "droppe"), no text crosses the edge of a filled bar, box or cell (a label drawn over a bar's end; a
/// label wholly inside a bar or cell is fine), and the page logged no console error.
/// </summary>
internal static class ReportGeometry
{
    /// <summary>Every problem on the page at <paramref name="path"/>, one line each: "chart: what".</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(string path)
    {
        await using var browser = await HeadlessChromium.StartAsync();
        await browser.NavigateAsync(new Uri(path).AbsoluteUri);
        var problems = (await browser.EvaluateAsync(Script))!.AsArray().Select(p => (string)p!).ToList();
        var count = (int)(await browser.EvaluateAsync("document.querySelectorAll('figure.chart svg text').length"))!;
        Assert.True(count > 200, $"The page has {count} chart texts (the sample shop's report has over 400): the check would be vacuous.");
        problems.AddRange(browser.Errors);
        return problems;
    }

    /// <summary>
    /// The numbers of the value labels (<see cref="HorizontalBarChart.LabelFontSize"/>) of <paramref name="chart"/>'s SVG that match <paramref name="pattern"/>, in
    /// document order (bars' labels are drawn top to bottom); group 1 is the whole part (separators removed), group 2 the decimals.
    /// </summary>
    public static IReadOnlyList<double> BarLabels(string html, string chart, string pattern)
    {
        var figure = Regex.Match(html, $"data-chart=\"{chart}\">.*?</figure>", RegexOptions.Singleline).Value;
        return [.. Regex.Matches(figure, $"<text [^>]*font-size=\"{HorizontalBarChart.LabelFontSize}\"[^>]*>([^<>]*)</text>").Select(m => Regex.Match(m.Groups[1].Value.Trim(), pattern)).Where(m => m.Success)
            .Select(m => double.Parse($"{m.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal)}.{(m.Groups[2].Value.Length > 0 ? m.Groups[2].Value : "0")}", CultureInfo.InvariantCulture))];
    }

    // Boxes may touch by up to 1 px (anti-aliasing and the fonts' line gap), no more.
    private const string Script = """
        (() => {
          const problems = [];
          const eps = 1;
          const meets = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > eps && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > eps;
          const inside = (a, b) => a.left >= b.left - eps && a.right <= b.right + eps && a.top >= b.top - eps && a.bottom <= b.bottom + eps;
          // A clip path is not rendered: its box in user space, mapped to the page like its SVG.
          const clientBox = (svg, clip) => {
            const b = clip.firstElementChild.getBBox(), m = svg.getScreenCTM();
            const p = (x, y) => new DOMPoint(x, y).matrixTransform(m);
            const a = p(b.x, b.y), c = p(b.x + b.width, b.y + b.height);
            return { left: Math.min(a.x, c.x), right: Math.max(a.x, c.x), top: Math.min(a.y, c.y), bottom: Math.max(a.y, c.y) };
          };
          for (const f of document.querySelectorAll('figure.chart')) {
            const svg = f.querySelector('svg');
            if (!svg) { problems.push(`${f.dataset.chart}: no SVG`); continue; }
            const frame = svg.getBoundingClientRect();
            const texts = [...svg.querySelectorAll('text')]
              .map(t => ({ element: t, text: t.textContent.trim(), box: t.getBoundingClientRect() }))
              .filter(t => t.text.length > 0 && t.box.width > 0 && t.box.height > 0);
            for (const t of texts) {
              if (!inside(t.box, frame)) problems.push(`${f.dataset.chart}: "${t.text}" is clipped by the SVG's edge`);
              for (let g = t.element.parentElement.closest('[clip-path]'); g; g = g.parentElement.closest('[clip-path]')) {
                const id = /url\(["']?#([^"')]+)/.exec(g.getAttribute('clip-path'));
                const clip = id && svg.getElementById(id[1]);
                if (clip && !inside(t.box, clientBox(svg, clip))) problems.push(`${f.dataset.chart}: "${t.text}" is clipped by its clip path`);
              }
            }
            for (let i = 0; i < texts.length; i++)
              for (let j = i + 1; j < texts.length; j++)
                if (meets(texts[i].box, texts[j].box)) problems.push(`${f.dataset.chart}: "${texts[i].text}" overlaps "${texts[j].text}"`);
            const marks = [...svg.querySelectorAll('rect, polygon')]
              .filter(m => !m.closest('clipPath') && !['none', 'rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)'].includes(getComputedStyle(m).fill))
              .map(m => ({ mark: `a ${m.tagName} filled ${getComputedStyle(m).fill}`, box: m.getBoundingClientRect() }))
              .filter(m => m.box.width > 0 && m.box.height > 0);
            for (const t of texts)
              for (const m of marks)
                if (meets(t.box, m.box) && !inside(t.box, m.box)) problems.push(`${f.dataset.chart}: "${t.text}" crosses the edge of ${m.mark}`);
          }
          return problems;
        })()
        """;
}
