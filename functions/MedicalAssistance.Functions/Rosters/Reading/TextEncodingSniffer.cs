using System.Text;

namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>
/// Tells UTF-8 from GB18030 (what Chinese Excel saves as "CSV") and both from binary, by content. Departments do not
/// say which encoding they used, and a wrong guess turns every name into mojibake, so the first bytes are decoded strictly.
/// </summary>
public static class TextEncodingSniffer
{
    // .NET ships GB18030 as a code-page encoding that must be registered; static initialisers run in textual order.
    private static readonly EncodingProvider CodePages = Register();

    /// <summary>Makes the code-page encodings available (GB18030 here; ExcelDataReader needs Windows-1252). Idempotent.</summary>
    public static void EnsureCodePages() => GC.KeepAlive(CodePages);

    /// <summary>GB18030 (code page 54936), a superset of GBK and GB2312. Replaces undecodable bytes after sniffing.</summary>
    public static Encoding Gb18030 { get; } = Encoding.GetEncoding("GB18030");

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictGb18030 = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static EncodingProvider Register()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return CodePagesEncodingProvider.Instance;
    }

    /// <summary>The text encoding of a file that starts with <paramref name="prefix"/>, and the length of its BOM; null if it is not text.</summary>
    /// <param name="isWholeFile">The prefix is the whole file: a multi-byte character cut at its end is then an error.</param>
    public static (Encoding Encoding, int BomLength)? Detect(ReadOnlySpan<byte> prefix, bool isWholeFile)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return LooksLikeText(prefix[3..], StrictUtf8, isWholeFile) ? (Encoding.UTF8, 3) : null;
        }

        if (LooksLikeText(prefix, StrictUtf8, isWholeFile))
        {
            return (Encoding.UTF8, 0);
        }

        return LooksLikeText(prefix, StrictGb18030, isWholeFile) ? (Gb18030, 0) : null;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> bytes, Encoding strict, bool isWholeFile)
    {
        // Control characters other than tab and line breaks do not occur in a roster; NUL means a binary file (or UTF-16).
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\r' or (byte)'\n') || b == 0x7F)
            {
                return false;
            }
        }

        try
        {
            var decoder = strict.GetDecoder();
            var chars = new char[strict.GetMaxCharCount(Math.Min(bytes.Length, 4096))];
            var remaining = bytes;
            while (remaining.Length > 0)
            {
                var take = Math.Min(remaining.Length, 4096);
                // flush only at the true end of the file: a prefix may end in the middle of a character.
                decoder.Convert(remaining[..take], chars, flush: isWholeFile && take == remaining.Length, out var used, out _, out _);
                remaining = remaining[used..];
                if (used == 0)
                {
                    break;
                }
            }

            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
