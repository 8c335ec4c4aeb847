using System.Globalization;
using System.Text;
using MedicalAssistance.Functions.Csv;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// A CSV output (UTF-8 with BOM, as <see cref="ExcelCsvWriter"/> writes it) built from staged blocks, so that a run can
/// checkpoint part of it and an attempt taken over goes on after that part: the rows are buffered, <see cref="StageAsync"/>
/// stages them as the attempt's next block and returns the blocks a checkpoint should record, <see cref="CommitAsync"/> makes
/// the file the header block and the recorded blocks in order: byte for byte what one attempt writing it all would have written.
/// Block ids carry the attempt, so blocks an attempt staged after its last checkpoint (or after it was taken over) are never
/// listed by another attempt.
/// </summary>
public sealed class CheckpointedCsvOutput(RunOutputs outputs, string run, string period, string file, IReadOnlyList<string> header,
    IReadOnlyList<BlockSegment>? resumed, int attempt)
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly List<BlockSegment> _segments = [.. (resumed ?? []).Where(s => s.Attempt != attempt && s.Count > 0)];
    private readonly StringBuilder _rows = new();
    private int _staged;

    /// <summary>The blocks staged so far, for the checkpoint.</summary>
    public IReadOnlyList<BlockSegment> Segments => _staged > 0 ? [.. _segments, new BlockSegment(attempt, _staged)] : _segments;

    /// <summary>Buffered characters not staged yet.</summary>
    public int Pending => _rows.Length;

    public void WriteRow(IEnumerable<string?> cells) => _rows.Append(CsvCells.Line(cells)).Append("\r\n");

    public async Task<IReadOnlyList<BlockSegment>> StageAsync(CancellationToken cancellationToken)
    {
        if (_rows.Length > 0)
        {
            using var content = new MemoryStream(Utf8.GetBytes(_rows.ToString()));
            await outputs.StageBlockAsync(run, period, file, BlockId(attempt, _staged), content, cancellationToken);
            _staged++;
            _rows.Clear();
        }

        return Segments;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await StageAsync(cancellationToken);
        using (var head = new MemoryStream())
        {
            await using (var writer = new ExcelCsvWriter(new NonClosing(head)))
            {
                await writer.WriteRowAsync(header, cancellationToken);
            }

            head.Position = 0;
            await outputs.StageBlockAsync(run, period, file, BlockId(0, 0), head, cancellationToken);
        }

        var ids = new List<string> { BlockId(0, 0) };
        ids.AddRange(Segments.SelectMany(s => Enumerable.Range(0, s.Count).Select(n => BlockId(s.Attempt, n))));
        await outputs.CommitBlocksAsync(run, period, file, ids, cancellationToken);
    }

    /// <summary>Equal length for every id of a blob (a service rule); attempt 0 is the header.</summary>
    private static string BlockId(int attempt, int n) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"a{attempt:D6}n{n:D10}")));

    /// <summary>Keeps the header's buffer open when the CSV writer is disposed.</summary>
    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    }
}
