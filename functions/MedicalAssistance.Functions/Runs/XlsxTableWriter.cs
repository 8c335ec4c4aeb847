using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// A one-sheet XLSX copy of a small report (Open XML SDK, streamed with <see cref="OpenXmlWriter"/>): text as inline strings,
/// so Excel never reads a cell as a formula; amounts as numbers.
/// </summary>
public static class XlsxTableWriter
{
    public static void Write(Stream output, string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object>> rows)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, header);
            foreach (var row in rows)
            {
                WriteRow(writer, row);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        workbook.Workbook.Save();
    }

    /// <summary>One row: decimals and ints as numbers, anything else as an inline string (shared with <see cref="RunTableWriter"/>).</summary>
    internal static void WriteRow(OpenXmlWriter writer, IEnumerable<object> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            if (value is decimal or int)
            {
                writer.WriteElement(new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)) });
            }
            else
            {
                writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value?.ToString() ?? "")) });
            }
        }

        writer.WriteEndElement();
    }
}
