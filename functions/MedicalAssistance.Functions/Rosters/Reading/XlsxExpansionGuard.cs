using System.IO.Compression;
using System.Xml;

namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>
/// Refuses an XLSX that would expand beyond <see cref="RosterFileLimits"/> before ExcelDataReader sees it: first from the ZIP
/// directory alone (each part's uncompressed size, the total, the compression ratio: a sheet padded with gigabytes of
/// whitespace fails here in milliseconds), then by streaming every XML part once, counting what it really expands to, the
/// length of every cell and shared string and the number of shared strings (the table ExcelDataReader holds in memory).
/// Nothing is kept while scanning: memory stays flat whatever the file claims. DTDs are refused (no entity expansion).
/// </summary>
internal static class XlsxExpansionGuard
{
    private const string SharedStrings = "xl/sharedStrings.xml";

    private static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>Scans <paramref name="seekable"/> and leaves it at its start.</summary>
    public static void Check(Stream seekable, CancellationToken cancellationToken)
    {
        seekable.Seek(0, SeekOrigin.Begin);
        using (var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true))
        {
            CheckDirectory(zip);
            foreach (var entry in zip.Entries.Where(IsXml))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ScanPart(entry, cancellationToken);
            }
        }

        seekable.Seek(0, SeekOrigin.Begin);
    }

    private static void CheckDirectory(ZipArchive zip)
    {
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (entry.Length > RosterFileLimits.MaxXlsxPartBytes)
            {
                throw TooLarge($"其中的 {Describe(entry)} 解压后为 {entry.Length / 1024.0 / 1024.0:N0} MB，超过上限 {RosterFileLimits.MaxXlsxPartBytes / 1024 / 1024:N0} MB");
            }

            total += entry.Length;
            if (total > RosterFileLimits.MaxXlsxTotalBytes)
            {
                throw TooLarge($"解压后合计超过 {RosterFileLimits.MaxXlsxTotalBytes / 1024 / 1024:N0} MB");
            }

            if (entry.Length > RosterFileLimits.RatioCheckedFromBytes
                && entry.Length > RosterFileLimits.MaxXlsxCompressionRatio * Math.Max(1, entry.CompressedLength))
            {
                throw TooLarge($"其中的 {Describe(entry)} 压缩比约为 {entry.Length / Math.Max(1, entry.CompressedLength):N0} : 1（真实名单不超过 {RosterFileLimits.MaxXlsxCompressionRatio} : 1），内容多为填充（例如大量空白）");
            }
        }
    }

    private static void ScanPart(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        var isSharedStrings = entry.FullName.Equals(SharedStrings, StringComparison.OrdinalIgnoreCase);
        using var reader = XmlReader.Create(new ExpansionLimitedStream(entry.Open(), entry), Xml);
        var buffer = new char[4096];
        long strings = 0, stringChars = 0, current = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when isSharedStrings && reader.LocalName == "si":
                    cancellationToken.ThrowIfCancellationRequested();
                    current = 0;
                    if (++strings > RosterFileLimits.MaxXlsxSharedStrings)
                    {
                        throw new RosterFileException(RosterFileErrorCodes.XlsxTooManyStrings,
                            $"XLSX 文件的共享字符串超过 {RosterFileLimits.MaxXlsxSharedStrings:N0} 个，超出名单可能的规模：请拆分后重新报送");
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    var length = TextLength(reader, buffer);
                    current = isSharedStrings ? current + length : length;
                    if (current > RosterFileLimits.MaxXlsxCellChars)
                    {
                        throw new RosterFileException(RosterFileErrorCodes.XlsxCellTooLong,
                            $"XLSX 文件的 {Describe(entry)} 中有超过 {RosterFileLimits.MaxXlsxCellChars:N0} 个字符的单元格（Excel 本身的上限），不是有效的名单");
                    }

                    stringChars += isSharedStrings ? length : 0;
                    if (stringChars > RosterFileLimits.MaxXlsxSharedStringChars)
                    {
                        throw new RosterFileException(RosterFileErrorCodes.XlsxTooManyStrings,
                            $"XLSX 文件的共享字符串合计超过 {RosterFileLimits.MaxXlsxSharedStringChars:N0} 个字符，超出名单可能的规模：请拆分后重新报送");
                    }

                    break;
            }
        }
    }

    /// <summary>The length of the current text node, read in chunks so that a huge one is never held as a string.</summary>
    private static long TextLength(XmlReader reader, char[] buffer)
    {
        long length = 0;
        int read;
        while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
        {
            length += read;
            if (length > RosterFileLimits.MaxXlsxCellChars)
            {
                break;
            }
        }

        return length;
    }

    private static bool IsXml(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    private static string Describe(ZipArchiveEntry entry) =>
        entry.FullName.Equals(SharedStrings, StringComparison.OrdinalIgnoreCase) ? "共享字符串表（sharedStrings.xml）"
        : entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) ? $"工作表（{entry.Name}）"
        : $"部件 {entry.Name}";

    internal static RosterFileException TooLarge(string why) => new(
        RosterFileErrorCodes.XlsxTooLarge, $"XLSX 文件解压后过大：{why}。整个文件未处理，请检查文件或拆分后重新报送");

    /// <summary>Counts what a part really expands to, whatever its directory entry said.</summary>
    private sealed class ExpansionLimitedStream(Stream inner, ZipArchiveEntry entry) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            if (_read > RosterFileLimits.MaxXlsxPartBytes || _read > entry.Length)
            {
                throw TooLarge($"其中的 {Describe(entry)} 解压后比文件目录声明的更大");
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
