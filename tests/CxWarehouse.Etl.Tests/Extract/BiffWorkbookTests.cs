using System.Buffers.Binary;
using System.Text;
using CxWarehouse.Etl.Extract;

namespace CxWarehouse.Etl.Tests.Extract;

/// <summary>
/// An Excel 97-2003 workbook (.xls) read as the CSV of its first worksheet, from a compound file built here record by
/// record as Excel writes one (MS-CFB, MS-XLS): shared strings split across CONTINUE records, RK and MULRK numbers,
/// dates under built-in and custom formats, formulas with string results, booleans and errors. The LibreOffice round
/// trip of a real HubSpot export is in the CLI's RealExportTests.
/// </summary>
public sealed class BiffWorkbookTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static byte[] Record(int type, params byte[][] parts)
    {
        var data = parts.SelectMany(p => p).ToArray();
        return [.. U16(type), .. U16(data.Length), .. data];
    }

    private static byte[] U16(int value) => BitConverter.GetBytes((ushort)value);

    private static byte[] U32(uint value) => BitConverter.GetBytes(value);

    private static byte[] Double(double value) => BitConverter.GetBytes(value);

    /// <summary>An XLUnicodeString: a 16-bit length, the flags byte, the characters (Latin-1 or UTF-16).</summary>
    private static byte[] Text(string text, bool wide = false) =>
        [.. U16(text.Length), (byte)(wide ? 1 : 0), .. wide ? Encoding.Unicode.GetBytes(text) : Encoding.Latin1.GetBytes(text)];

    private static byte[] Cell(int row, int column, int format) => [.. U16(row), .. U16(column), .. U16(format)];

    /// <summary>The workbook stream: globals (a chart sheet listed before the worksheet), then the worksheet.</summary>
    private static byte[] WorkbookStream(bool date1904, byte[][] cells)
    {
        // Shared strings; the fourth's characters run on into a CONTINUE record, which restarts them as UTF-16.
        var strings = new[] { "Record ID", "Deal Name", "Smith, \"Bob\"\nJr" };
        byte[] sst = [.. U32(5), .. U32(4), .. strings.SelectMany(s => Text(s)), .. U16(8), 0, .. "Tok"u8];
        byte[] rest = [1, .. Encoding.Unicode.GetBytes("yo 東京")];
        byte[] globalsStart =
        [
            .. Record(0x0809, U16(0x0600), U16(0x0005), new byte[12]),
            .. Record(0x0022, U16(date1904 ? 1 : 0)),
            .. Record(0x041E, U16(164), Text("dd/mm/yyyy\\ hh:mm")),
            .. Record(0x041E, U16(165), Text("[h]:mm:ss")),
            // Cell formats: 0 General, 1 a date (14), 2 a date-time (22), 3 custom day-first date-time, 4 a time (20),
            // 5 elapsed hours (a duration: the number).
            .. new[] { 0, 14, 22, 164, 20, 165 }.SelectMany(f => Record(0x00E0, U16(0), U16(f), new byte[16])),
            .. Record(0x00FC, sst),
            .. Record(0x003C, rest),
        ];
        byte[] Sheets(uint at) =>
        [
            .. Record(0x0085, U32(0), [0, 2], [5, 0], "Chart"u8.ToArray()),
            .. Record(0x0085, U32(at), [0, 0], [6, 0], "Export"u8.ToArray()),
            .. Record(0x000A),
        ];
        var sheetAt = (uint)(globalsStart.Length + Sheets(0).Length);
        byte[] sheet =
        [
            .. Record(0x0809, U16(0x0600), U16(0x0010), new byte[12]),
            .. cells.SelectMany(c => c),
            .. Record(0x000A),
        ];
        return [.. globalsStart, .. Sheets(sheetAt), .. sheet];
    }

    /// <summary>
    /// A compound file holding the stream as "Workbook", 512-byte sectors: the FAT, the directory, then the stream in
    /// ordinary sectors; or, <paramref name="mini"/>, a small stream in 64-byte sectors of the root's mini stream, as a
    /// workbook under 4,096 bytes is stored (the mini FAT in sector 2, the mini stream from sector 3).
    /// </summary>
    private string Xls(byte[] stream, bool mini = false)
    {
        // An ordinary stream is padded past the 4,096-byte cutoff, as every workbook Excel writes is.
        var size = mini ? stream.Length : Math.Max(stream.Length, 4096 + 512);
        Assert.True(!mini || size < 4096);
        var miniSectors = (size + 63) / 64;
        var sectors = mini ? (miniSectors * 64 + 511) / 512 : (size + 511) / 512;
        var first = mini ? 3 : 2;
        var file = new byte[512 * (1 + first + sectors)];
        var header = file.AsSpan(0, 512);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x18..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1A..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x2C..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x30..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x3C..], mini ? 2u : 0xFFFFFFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x40..], mini ? 1u : 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x44..], 0xFFFFFFFE);
        for (var i = 0; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(0x4C + i * 4)..], i == 0 ? 0 : 0xFFFFFFFF);
        }
        // A chain of sectors (or mini sectors) from `from`, `count` long, written into a table of 128 entries.
        static void Chain(Span<byte> table, int from, int count)
        {
            for (var i = from; i < from + count; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(table[(i * 4)..], i == from + count - 1 ? 0xFFFFFFFE : (uint)(i + 1));
            }
        }
        var fat = file.AsSpan(512, 512);
        fat.Fill(0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(fat, 0xFFFFFFFD);
        Chain(fat, 1, 1);
        if (mini)
        {
            Chain(fat, 2, 1);
            var miniFat = file.AsSpan(512 * 3, 512);
            miniFat.Fill(0xFF);
            Chain(miniFat, 0, miniSectors);
        }
        Chain(fat, first, sectors);
        void Entry(int index, string name, byte type, uint start, uint length)
        {
            var entry = file.AsSpan(1024 + index * 128, 128);
            Encoding.Unicode.GetBytes(name).CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[0x40..], (ushort)((name.Length + 1) * 2));
            entry[0x42] = type;
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x44..], 0xFFFFFFFF);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x48..], 0xFFFFFFFF);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x4C..], index == 0 ? 1u : 0xFFFFFFFF);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x74..], start);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[0x78..], length);
        }
        Entry(0, "Root Entry", 5, mini ? (uint)first : 0xFFFFFFFE, mini ? (uint)(miniSectors * 64) : 0);
        Entry(1, "Workbook", 2, mini ? 0 : (uint)first, (uint)size);
        stream.CopyTo(file.AsSpan(512 * (1 + first)));
        var path = Path.Combine(_folder.Path, $"book{Guid.NewGuid():N}.xls");
        File.WriteAllBytes(path, file);
        return path;
    }

    private static string Csv(string path)
    {
        using var output = new MemoryStream();
        Assert.True(WorkbookCsv.Write(path, "book.xls", output));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static byte[][] Cells() =>
    [
        // Row 1, the header: shared strings, one a formula's string result.
        Record(0x00FD, Cell(0, 0, 0), U32(0)),
        Record(0x00FD, Cell(0, 1, 0), U32(1)),
        Record(0x0204, Cell(0, 2, 0), Text("City")),
        Record(0x0006, Cell(0, 3, 0), [0, 0, 0, 0, 0, 0, 0xFF, 0xFF], U16(0), U32(0), U16(0)),
        Record(0x0207, Text("Closed", wide: true)),
        Record(0x0204, Cell(0, 4, 0), Text("Amount")),
        // Row 2: an RK integer, the string split across records, a date-time, TRUE, an RK hundredth.
        Record(0x027E, Cell(1, 0, 0), U32((6877153u << 2) | 2)),
        Record(0x00FD, Cell(1, 1, 0), U32(3)),
        Record(0x0203, Cell(1, 2, 2), Double(45020.491666666669)),
        Record(0x0205, Cell(1, 3, 0), [1, 0]),
        Record(0x027E, Cell(1, 4, 0), U32((37500050u << 2) | 3)),
        // Row 4 (row 3 has no cell): a MULRK of a date, a custom date-time, a time and a duration, then an error.
        Record(0x00BD, U16(3), U16(0), U16(1), U32(BitConverter.ToUInt32(BitConverter.GetBytes(45021.0), 4) & 0xFFFFFFFC),
            U16(3), U32((45021u << 2) | 2), U16(4), U32(BitConverter.ToUInt32(BitConverter.GetBytes(0.5), 4) & 0xFFFFFFFC),
            U16(5), U32((3u << 2) | 2), U16(3)),
        Record(0x0205, Cell(3, 4, 0), [0x2A, 1]),
        // Row 5: a formula's number, a shared string with a comma, quotes and a line break, a formula's FALSE.
        Record(0x0006, Cell(4, 0, 0), Double(1.5), U16(0), U32(0), U16(0)),
        Record(0x00FD, Cell(4, 1, 0), U32(2)),
        Record(0x0006, Cell(4, 2, 0), [1, 0, 0, 0, 0, 0, 0xFF, 0xFF], U16(0), U32(0), U16(0)),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FirstWorksheet_StringsNumbersAndDates_AsExcelSavesCsv(bool inTheMiniStream)
    {
        var csv = Csv(Xls(WorkbookStream(date1904: false, Cells()), inTheMiniStream));

        Assert.Equal(
            "Record ID,Deal Name,City,Closed,Amount\n"
            + "6877153,Tokyo 東京,2023-04-04 11:48:00,TRUE,375000.5\n"
            + "2023-04-05,2023-04-05 00:00:00,12:00:00,3,#N/A\n"
            + "1.5,\"Smith, \"\"Bob\"\"\nJr\",FALSE,,\n",
            csv);
    }

    [Fact]
    public void ACellsTextLongerThanItsRecord_GoesOnInContinueRecords()
    {
        // A formula's string result of 10,000 characters: 8,000 in its STRING record, the rest in two CONTINUE
        // records, the second switching to UTF-16.
        var text = string.Concat(Enumerable.Range(0, 1000).Select(i => $"{i % 10}23456789"));
        byte[][] cells =
        [
            Record(0x0006, Cell(0, 0, 0), [0, 0, 0, 0, 0, 0, 0xFF, 0xFF], U16(0), U32(0), U16(0)),
            Record(0x0207, U16(text.Length), [0], Encoding.Latin1.GetBytes(text[..8000])),
            Record(0x003C, [0], Encoding.Latin1.GetBytes(text[8000..9000])),
            Record(0x003C, [1], Encoding.Unicode.GetBytes(text[9000..])),
            Record(0x0204, Cell(0, 1, 0), Text("next")),
        ];

        Assert.Equal(text + ",next\n", Csv(Xls(WorkbookStream(date1904: false, cells))));
    }

    [Fact]
    public void Date1904_CountsFromThe1904Epoch()
    {
        var csv = Csv(Xls(WorkbookStream(date1904: true, [Record(0x0203, Cell(0, 0, 1), Double(0)), Record(0x0203, Cell(0, 1, 2), Double(1.25))])));

        Assert.Equal("1904-01-01,1904-01-02 06:00:00\n", csv);
    }

    [Fact]
    public void RkNumbers_IntegersFloatsAndHundredths()
    {
        Assert.Equal(-5, BiffWorkbook.RkNumber(unchecked((uint)(-5 << 2) | 2)));
        Assert.Equal(12.34, BiffWorkbook.RkNumber((1234u << 2) | 3), 12);
        Assert.Equal(0.5, BiffWorkbook.RkNumber(BitConverter.ToUInt32(BitConverter.GetBytes(0.5), 4) & 0xFFFFFFFC));
    }

    [Fact]
    public void AProtectedOrBrokenWorkbook_OrAnotherOfficeFile_IsASourceFileError()
    {
        var stream = WorkbookStream(date1904: false, Cells());
        // A password: the FILEPASS record among the globals.
        byte[] protectedStream = [.. stream[..20], .. Record(0x002F, U16(1), new byte[52]), .. stream[20..]];
        var locked = Assert.Throws<SourceFileException>(() => Csv(Xls(protectedStream)));
        Assert.Contains("book.xls: the Excel workbook is protected by a password", locked.Message, StringComparison.Ordinal);

        // Cut short: the stream's chain runs past the end of the file.
        var whole = File.ReadAllBytes(Xls(stream));
        var cut = Path.Combine(_folder.Path, "cut.xls");
        File.WriteAllBytes(cut, whole[..(1536 + 200)]);
        var broken = Assert.Throws<SourceFileException>(() => Csv(cut));
        Assert.Contains("book.xls: the Excel workbook cannot be read (", broken.Message, StringComparison.Ordinal);

        // An Excel 5.0 workbook (BIFF5).
        byte[] old = [.. stream];
        old[4] = 0x00;
        old[5] = 0x05;
        var biff5 = Assert.Throws<SourceFileException>(() => Csv(Xls(old)));
        Assert.Contains("an Excel 5.0/95 workbook (BIFF5), which is not read", biff5.Message, StringComparison.Ordinal);

        // A mini sector that is not 64 bytes: a broken header, not a 2 GB buffer.
        var miniShift = File.ReadAllBytes(Xls(stream, mini: true));
        miniShift[0x20] = 30;
        var hostile = Path.Combine(_folder.Path, "hostile.xls");
        File.WriteAllBytes(hostile, miniShift);
        Assert.Contains("the Excel workbook cannot be read (a mini sector size of 2^30 bytes)",
            Assert.Throws<SourceFileException>(() => Csv(hostile)).Message, StringComparison.Ordinal);

        // A sector table that says it goes on for 2^32 sectors and points back at itself: stopped, not followed.
        var looping = new byte[2048];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(looping, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(looping.AsSpan(0x1E), 9);
        BinaryPrimitives.WriteUInt32LittleEndian(looping.AsSpan(0x44), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(looping.AsSpan(0x48), 0xFFFFFFFF);
        looping.AsSpan(0x4C, 109 * 4).Fill(0xFF);
        File.WriteAllBytes(hostile, looping);
        Assert.Contains("the Excel workbook cannot be read (",
            Assert.Throws<SourceFileException>(() => Csv(hostile)).Message, StringComparison.Ordinal);

        // Not a workbook at all: a compound file whose stream is not named Workbook (a Word document's).
        var document = File.ReadAllBytes(Xls(stream));
        Encoding.Unicode.GetBytes("WordDocument").CopyTo(document, 1024 + 128);
        BinaryPrimitives.WriteUInt16LittleEndian(document.AsSpan(1024 + 128 + 0x40), 26);
        var word = Path.Combine(_folder.Path, "letter.doc");
        File.WriteAllBytes(word, document);
        Assert.True(WorkbookCsv.IsWorkbook(word));
        var notABook = Assert.Throws<SourceFileException>(() => Csv(word));
        Assert.Contains("an Office 97-2003 file with no Excel workbook in it", notABook.Message, StringComparison.Ordinal);
    }
}
