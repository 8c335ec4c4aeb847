#!/usr/bin/env python3
"""Writes the hostile XLSX files of RESULTS.md ("XLSX bombs") into a folder: a valid roster header and one data row, plus
  shared-string.xlsx  one shared string of 500,000,000 characters (about 0.5 MB compressed) as the row's name;
  whitespace.xlsx     1 GiB of spaces inside the sheet (about 1 MB compressed).
Usage: make-xlsx-bombs.py <folder>"""
import sys, zipfile, os

HEADER = ["姓名", "身份证号", "人员类别", "认定日期", "开始日期", "终止日期", "变动类型"]
ROW = ["王明", "440102199001011234", "低保对象", "2025-01-10", "2025-02-01", "", "新增"]

def col(i): return chr(ord('A') + i)

def write(path, strings, sheet_chunks):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'.encode())
            for s in strings:
                f.write(b"<si><t>")
                for chunk in s:
                    f.write(chunk)
                f.write(b"</t></si>")
            f.write(b"</sst>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for chunk in sheet_chunks:
                f.write(chunk)
            f.write(b"</worksheet>")

def rows_xml(values_index):
    out = "<sheetData>"
    for r, indexes in enumerate(values_index, start=1):
        out += f'<row r="{r}">' + "".join(f'<c r="{col(i)}{r}" t="s"><v>{v}</v></c>' for i, v in enumerate(indexes) if v is not None) + "</row>"
    return out + "</sheetData>"

def main(folder):
    os.makedirs(folder, exist_ok=True)
    mb = b"x" * (1 << 20)
    plain = [[s.encode()] for s in HEADER + ROW[1:]]
    # strings: 0..6 header, 7 = huge name, 8.. rest of the row
    huge = [mb] * 477 + [b"x" * (500_000_000 - 477 * (1 << 20))]
    strings = [[s.encode()] for s in HEADER] + [huge] + [[s.encode()] for s in ROW[1:] if s]
    sheet = rows_xml([list(range(7)), [7, 8, 9, 10, 11, None, 12]])
    write(os.path.join(folder, "shared-string.xlsx"), strings, [sheet.encode()])
    strings = [[s.encode()] for s in HEADER + [r for r in ROW if r]]
    sheet = rows_xml([list(range(7)), [7, 8, 9, 10, 11, None, 12]])
    at = sheet.index("</row>") + len("</row>")
    spaces = b" " * (1 << 20)
    write(os.path.join(folder, "whitespace.xlsx"), strings, [sheet[:at].encode()] + [spaces] * 1024 + [sheet[at:].encode()])

main(sys.argv[1])
