namespace MedicalAssistance.Functions.Rosters.Reading;

public enum RosterFileFormat
{
    Csv,
    Xlsx,
    Json,
}

/// <summary>Yields a roster's data rows one at a time, so memory stays flat whatever the file's size.</summary>
public interface IRosterRowSource : IAsyncDisposable
{
    RosterFileFormat Format { get; }

    /// <summary>The next non-blank data row, or null at the end. Unreadable content throws <see cref="RosterFileException"/>.</summary>
    ValueTask<RawRosterRow?> NextAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Opens a roster file by its content, not its name: ZIP magic → XLSX, text in UTF-8 or GB18030 → CSV, a <c>.json</c> upload
/// of the HTTP push → JSON rows. Anything else, an oversized file or missing columns reject the whole file.
/// </summary>
public static class RosterFileReader
{
    public const long DefaultMaxBytes = 50L * 1024 * 1024;
    private const int SniffBytes = 64 * 1024;

    public static RosterFileException TooLarge(long maxBytes) => new(
        RosterFileErrorCodes.FileTooLarge,
        $"文件超过大小上限（{maxBytes / 1024.0 / 1024.0:0.#} MB），请拆分成多个文件后分别报送");

    public static RosterFileException UnknownFormat() => new(
        RosterFileErrorCodes.UnknownFormat,
        "无法识别的文件格式：只接受 CSV（UTF-8 或 GB18030 编码）和 XLSX（Excel 2007 及以上）文件");

    /// <summary>Opens <paramref name="source"/> (which it then owns) and reads the header row.</summary>
    /// <param name="fileName">Only used to recognise the HTTP push's JSON rows; other formats are recognised by content.</param>
    public static async Task<IRosterRowSource> OpenAsync(Stream source, string fileName, long maxBytes, CancellationToken cancellationToken)
    {
        var limited = new SizeLimitedStream(source, maxBytes);
        try
        {
            var prefix = new byte[SniffBytes];
            var length = await limited.ReadAtLeastAsync(prefix, SniffBytes, throwOnEndOfStream: false, cancellationToken);
            if (length == 0)
            {
                throw new RosterFileException(RosterFileErrorCodes.EmptyFile, "文件是空的");
            }

            var isWholeFile = length < SniffBytes;
            if (prefix.AsSpan(0, length).StartsWith("PK\u0003\u0004"u8))
            {
                return new RowsRequired(await Guard(() => XlsxRowSource.OpenAsync(Rewind(limited, prefix, length), cancellationToken)));
            }

            if (TextEncodingSniffer.Detect(prefix.AsSpan(0, length), isWholeFile) is not { } text)
            {
                throw UnknownFormat();
            }

            var rest = Rewind(limited, prefix, length);
            if (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                return new RowsRequired(await Guard(() => JsonRowSource.OpenAsync(rest, cancellationToken)));
            }

            // The whole file is decoded in the encoding the prefix showed; a byte invalid in it further on becomes U+FFFD,
            // which the CSV source refuses naming the row (never stored).
            return new RowsRequired(await Guard(() => CsvRowSource.OpenAsync(
                new StreamReader(rest, text.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024), text.Encoding, cancellationToken)));
        }
        catch
        {
            await limited.DisposeAsync();
            throw;
        }
    }

    /// <summary>Turns whatever a parser throws on corrupt content into a whole-file error; cancellation and our own errors pass.</summary>
    internal static async Task<T> Guard<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (IsContentError(ex))
        {
            throw Unreadable(ex);
        }
    }

    internal static async ValueTask<T> GuardNext<T>(Func<ValueTask<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (IsContentError(ex))
        {
            throw Unreadable(ex);
        }
    }

    private static bool IsContentError(Exception ex) =>
        ex is not (OperationCanceledException or RosterFileException or Azure.RequestFailedException or IOException { InnerException: Azure.RequestFailedException } or OutOfMemoryException);

    /// <summary>The parser's exception is kept as the inner exception for operators; its message is never shown to the department.</summary>
    private static RosterFileException Unreadable(Exception cause) =>
        new(RosterFileErrorCodes.UnreadableFile, "文件内容已损坏或不是有效的 CSV / XLSX 文件，无法读取", inner: cause);

    private static Stream Rewind(Stream stream, byte[] prefix, int length)
    {
        if (stream.CanSeek)
        {
            stream.Seek(0, SeekOrigin.Begin);
            return stream;
        }

        return new PrefixedStream(prefix, length, stream);
    }

    /// <summary>All rows as an async sequence (tests, small files).</summary>
    public static async IAsyncEnumerable<RawRosterRow> ReadAllAsync(this IRosterRowSource source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await source.NextAsync(cancellationToken) is { } row)
        {
            yield return row;
        }
    }
}
