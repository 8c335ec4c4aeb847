using System.Text;

namespace MedicalAssistance.Functions.Csv;

/// <summary>
/// Reads RFC 4180 records from text, one at a time: comma-separated, fields optionally in double quotes (<c>""</c> for a
/// quote, line breaks allowed inside), records ending in CRLF, LF or CR. Lenient where Excel is: a quote in the middle of an
/// unquoted field is kept as a character. Memory is bounded by the longest record, never the file.
/// </summary>
public sealed class CsvRecordReader(TextReader reader) : IDisposable
{
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _field = new();
    private int _length;
    private int _position;
    private bool _end;

    /// <summary>The next record's fields, or null at the end of the text. A blank line is a record with one empty field.</summary>
    public async ValueTask<string[]?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await EnsureAsync(cancellationToken))
        {
            return null;
        }

        var fields = new List<string>();
        var quoted = false;
        var inQuotes = false;
        _field.Clear();
        while (true)
        {
            if (!await EnsureAsync(cancellationToken))
            {
                fields.Add(_field.ToString());
                return [.. fields];
            }

            var c = _buffer[_position++];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (!await EnsureAsync(cancellationToken) || _buffer[_position] != '"')
                    {
                        inQuotes = false;
                        continue;
                    }

                    _position++;
                }

                _field.Append(c);
                continue;
            }

            switch (c)
            {
                case '"' when _field.Length == 0 && !quoted:
                    inQuotes = quoted = true;
                    break;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    quoted = false;
                    break;
                case '\r':
                    if (await EnsureAsync(cancellationToken) && _buffer[_position] == '\n')
                    {
                        _position++;
                    }

                    fields.Add(_field.ToString());
                    return [.. fields];
                case '\n':
                    fields.Add(_field.ToString());
                    return [.. fields];
                default:
                    _field.Append(c);
                    break;
            }
        }
    }

    private async ValueTask<bool> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_position < _length)
        {
            return true;
        }

        if (_end)
        {
            return false;
        }

        _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
        _position = 0;
        _end = _length == 0;
        return !_end;
    }

    public void Dispose() => reader.Dispose();
}
