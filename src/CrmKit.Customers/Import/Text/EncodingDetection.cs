using System.Text;

namespace CrmKit.Customers.Import;

/// <summary>What <see cref="TextEncodingDetector"/> found out about a file's encoding.</summary>
/// <param name="Encoding">
/// The encoding to read the file with: the one its byte order mark names, UTF-8 when the content is valid UTF-8,
/// otherwise the best guess (see <see cref="Evidence"/>). Decoding Windows-1258 yields Vietnamese letters with
/// combining tone marks (<c>a</c> + U+0300): normalise the text to NFC after decoding.
/// </param>
/// <param name="Evidence">How sure the result is.</param>
/// <param name="PreambleLength">How many bytes of byte order mark start the file (0, 2, 3 or 4); they are not content.</param>
/// <param name="InvalidOffset">The 0-based byte offset, from the start of the file (the stream's position when detection began), of the first byte that is not UTF-8 (or of the first zero byte of a UTF-16 file without a byte order mark); <see langword="null"/> when the evidence is certain.</param>
/// <param name="InvalidLine">The 1-based line of <paramref name="InvalidOffset"/>, counting line feeds (so CRLF files count right).</param>
/// <param name="Explanation">Why the encoding was guessed and how to confirm it; <see langword="null"/> when the evidence is certain.</param>
internal sealed record EncodingDetection(
    Encoding Encoding,
    EncodingEvidence Evidence,
    int PreambleLength,
    long? InvalidOffset,
    long? InvalidLine,
    string? Explanation)
{
    /// <summary>Whether the encoding is known for sure (a byte order mark or valid UTF-8).</summary>
    public bool IsCertain => Evidence is EncodingEvidence.ByteOrderMark or EncodingEvidence.ValidUtf8;

    /// <summary>The encoding's name as <see cref="TextEncodingName.Resolve"/> accepts it: <c>utf-8</c>, <c>windows-1258</c>.</summary>
    public string EncodingName => TextEncodingName.NameOf(Encoding);
}
