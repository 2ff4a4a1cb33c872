using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace CxWarehouse.Etl.Extract;

/// <summary>
/// An Excel 97-2003 workbook (.xls: BIFF8 records in the <c>Workbook</c> stream of a compound file) read row by row
/// from its first worksheet, each cell's text as <see cref="WorkbookCsv"/> writes an .xlsx cell's (shared strings,
/// numbers and RK numbers, dates under a date format, booleans, errors, formula results). HubSpot's export dialog
/// offers XLS beside CSV and XLSX. The workbook stream is read where its sectors lie in the file, record by record;
/// only the shared strings and the cell formats are held.
/// </summary>
internal static class BiffWorkbook
{
    private static readonly byte[] s_signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>True when the file starts as a compound file does (an .xls, or another Office 97-2003 document).</summary>
    public static bool IsCompoundFile(string path)
    {
        try
        {
            Span<byte> start = stackalloc byte[8];
            using var file = File.OpenRead(path);
            return file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && IsCompoundFile(start);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>True when these first eight bytes are a compound file's signature.</summary>
    public static bool IsCompoundFile(ReadOnlySpan<byte> start) => start.SequenceEqual(s_signature);

    /// <summary>
    /// The first worksheet's rows, each the texts of its cells from column A (cells left out as empty texts); rows
    /// without a cell are left out. The list is reused from row to row.
    /// </summary>
    public static IEnumerable<List<string>> Rows(string path, string displayName)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var stream = CompoundFile.OpenWorkbook(file, displayName);
        var records = new Records(stream);
        var globals = Globals.Read(records, displayName);
        records.Seek(globals.FirstSheet);
        if (!records.Next() || records.Type != Bof)
        {
            throw new InvalidDataException("the first sheet does not start where the workbook says");
        }
        var fields = new List<string>();
        var row = -1;
        var depth = 1;
        (int Row, int Column)? pendingString = null;
        while (depth > 0 && records.Next())
        {
            var data = records.Data;
            switch (records.Type)
            {
                case Bof:
                    depth++; // a chart or another object's records inside the sheet
                    continue;
                case Eof:
                    depth--;
                    continue;
            }
            if (depth > 1)
            {
                continue;
            }
            int? cellRow = records.Type is LabelSst or Number or Rk or MulRk or Label or RString or BoolErr or Formula
                ? U16(data, 0) : null;
            if (cellRow is { } r && r != row)
            {
                if (r < row)
                {
                    throw new InvalidDataException($"the cells of row {r + 1} come after those of row {row + 1}");
                }
                if (row >= 0)
                {
                    yield return fields;
                }
                fields.Clear();
                row = r;
            }
            if (cellRow is not null)
            {
                pendingString = null;
            }
            switch (records.Type)
            {
                case LabelSst:
                    var index = (int)U32(data, 6);
                    Set(fields, U16(data, 2), index < globals.Strings.Count ? globals.Strings[index]
                        : throw new InvalidDataException($"a cell names shared string {index} of {globals.Strings.Count}"));
                    break;
                case Number:
                    Set(fields, U16(data, 2), globals.Number(BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(6)), U16(data, 4)));
                    break;
                case Rk:
                    Set(fields, U16(data, 2), globals.Number(RkNumber(U32(data, 6)), U16(data, 4)));
                    break;
                case MulRk:
                    var first = U16(data, 2);
                    // The first column, then a cell format and an RK number per cell, then the last column.
                    for (var i = 0; 4 + i * 6 + 6 <= records.Length - 2; i++)
                    {
                        Set(fields, first + i, globals.Number(RkNumber(U32(data, 6 + i * 6)), U16(data, 4 + i * 6)));
                    }
                    break;
                case Label or RString:
                    Set(fields, U16(data, 2), records.UnicodeString(6));
                    break;
                case BoolErr:
                    Set(fields, U16(data, 2), data[7] == 0 ? (data[6] != 0 ? "TRUE" : "FALSE") : ErrorText(data[6]));
                    break;
                case Formula:
                    var column = U16(data, 2);
                    if (U16(data, 12) != 0xFFFF)
                    {
                        Set(fields, column, globals.Number(BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(6)), U16(data, 4)));
                    }
                    else
                    {
                        // A result that is not a number: a string (in the STRING record that follows), a boolean,
                        // an error or nothing.
                        Set(fields, column, data[6] switch
                        {
                            1 => data[8] != 0 ? "TRUE" : "FALSE",
                            2 => ErrorText(data[8]),
                            _ => "",
                        });
                        pendingString = data[6] == 0 ? (row, column) : null;
                    }
                    break;
                case FormulaString when pendingString is { } cell && cell.Row == row:
                    Set(fields, cell.Column, records.UnicodeString(0));
                    pendingString = null;
                    break;
            }
        }
        if (row >= 0)
        {
            yield return fields;
        }
    }

    private const ushort Bof = 0x0809;
    private const ushort Eof = 0x000A;
    private const ushort Continue = 0x003C;
    private const ushort LabelSst = 0x00FD;
    private const ushort Number = 0x0203;
    private const ushort Rk = 0x027E;
    private const ushort MulRk = 0x00BD;
    private const ushort Label = 0x0204;
    private const ushort RString = 0x00D6;
    private const ushort BoolErr = 0x0205;
    private const ushort Formula = 0x0006;
    private const ushort FormulaString = 0x0207;

    private static void Set(List<string> fields, int column, string text)
    {
        if (column >= WorkbookCsv.MaxColumns)
        {
            throw new InvalidDataException($"a cell in column {column + 1}, beyond the last, XFD");
        }
        while (fields.Count <= column)
        {
            fields.Add("");
        }
        fields[column] = text;
    }

    /// <summary>An RK number: a 30-bit integer or the top 30 bits of a double, divided by 100 when its first bit says.</summary>
    internal static double RkNumber(uint rk)
    {
        var value = (rk & 2) != 0
            ? (int)rk >> 2
            : BitConverter.Int64BitsToDouble((long)(rk & 0xFFFFFFFC) << 32);
        return (rk & 1) != 0 ? value / 100 : value;
    }

    private static string ErrorText(byte code) => code switch
    {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        0x2A => "#N/A",
        _ => "#N/A",
    };

    private static int U16(byte[] data, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(offset));

    private static uint U32(byte[] data, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));

    /// <summary>The BIFF records of a stream, one at a time: type, length and data.</summary>
    private sealed class Records(Stream stream)
    {
        /// <summary>Whether the current record was read ahead (past a record's CONTINUE records) and is next again.</summary>
        private bool _held;

        public int Type { get; private set; }

        public int Length { get; private set; }

        /// <summary>The record's data (at least 16 bytes, zero beyond <see cref="Length"/>).</summary>
        public byte[] Data { get; private set; } = new byte[8228];

        public void Seek(long position)
        {
            stream.Position = position;
            _held = false;
        }

        public bool Next()
        {
            if (_held)
            {
                _held = false;
                return true;
            }
            return Read();
        }

        /// <summary>
        /// The current record's data from <paramref name="offset"/>, then the data of the CONTINUE records after it:
        /// what does not fit in a record (8,224 bytes) goes on in them.
        /// </summary>
        public Segments WithContinues(int offset)
        {
            List<byte[]> segments = [Data[offset..Length]];
            while (Read())
            {
                if (Type != Continue)
                {
                    _held = true;
                    break;
                }
                segments.Add(Data[..Length]);
            }
            return new Segments(segments);
        }

        /// <summary>An XLUnicodeString (a 16-bit length, a flags byte, the characters) at <paramref name="offset"/>.</summary>
        public string UnicodeString(int offset)
        {
            var text = WithContinues(offset);
            var count = text.U16();
            return text.Chars(count, (text.Byte() & 1) != 0);
        }

        private bool Read()
        {
            Span<byte> head = stackalloc byte[4];
            if (stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
            {
                return false;
            }
            Type = BinaryPrimitives.ReadUInt16LittleEndian(head);
            Length = BinaryPrimitives.ReadUInt16LittleEndian(head[2..]);
            if (Length + 16 > Data.Length)
            {
                Data = new byte[Length + 16];
            }
            stream.ReadExactly(Data, 0, Length);
            Array.Clear(Data, Length, 16);
            return true;
        }
    }

    /// <summary>What the workbook's globals say: where its first worksheet starts, its shared strings and cell formats.</summary>
    private sealed class Globals
    {
        public long FirstSheet { get; private set; } = -1;

        public List<string> Strings { get; } = [];

        private readonly List<WorkbookCsv.DateKind> _cellKinds = [];
        private bool _date1904;

        public string Number(double value, int cellFormat) =>
            WorkbookCsv.Number(value.ToString("R", CultureInfo.InvariantCulture),
                cellFormat < _cellKinds.Count ? _cellKinds[cellFormat] : WorkbookCsv.DateKind.None, _date1904);

        public static Globals Read(Records records, string displayName)
        {
            if (!records.Next() || records.Type != Bof)
            {
                throw new InvalidDataException("the Workbook stream does not start with a BOF record");
            }
            if (U16(records.Data, 0) != 0x0600)
            {
                throw new SourceFileException($"{displayName}: an Excel 5.0/95 workbook (BIFF{(U16(records.Data, 0) == 0x0500 ? 5 : 4)}), "
                    + "which is not read: open it in Excel or LibreOffice and save it as .xlsx or CSV UTF-8");
            }
            var globals = new Globals();
            var formats = new Dictionary<int, string>();
            var formatIds = new List<int>();
            while (records.Next() && records.Type != Eof)
            {
                var data = records.Data;
                switch (records.Type)
                {
                    case 0x002F:
                        throw new SourceFileException($"{displayName}: the Excel workbook is protected by a password, so "
                            + "it cannot be read; open it, remove the password (or save a copy without it) and deliver that, or "
                            + "export the data as CSV");
                    case 0x0022:
                        globals._date1904 = U16(data, 0) == 1;
                        break;
                    case 0x041E:
                        formats[U16(data, 0)] = records.UnicodeString(2);
                        break;
                    case 0x00E0:
                        formatIds.Add(U16(data, 2));
                        break;
                    case 0x0085 when globals.FirstSheet < 0 && data[5] == 0:
                        globals.FirstSheet = U32(data, 0);
                        break;
                    case 0x00FC:
                        globals.Strings.AddRange(SharedStrings(records.WithContinues(0)));
                        break;
                }
            }
            if (globals.FirstSheet < 0)
            {
                throw new SourceFileException($"{displayName}: the Excel workbook holds no worksheet; export the data again");
            }
            globals._cellKinds.AddRange(formatIds.Select(id =>
                formats.TryGetValue(id, out var code) ? WorkbookCsv.KindOf(code) : WorkbookCsv.BuiltInKind(id)));
            return globals;
        }

        /// <summary>
        /// The shared string table: an SST record and its CONTINUE records. A string's characters may run on into the
        /// next record, which then starts with a flags byte saying how the rest is stored (Latin-1 or UTF-16).
        /// </summary>
        private static List<string> SharedStrings(Segments reader)
        {
            reader.Skip(4);
            var count = (int)reader.U32();
            var strings = new List<string>(Math.Min(count, 1 << 20));
            for (var i = 0; i < count && !reader.AtEnd; i++)
            {
                var length = reader.U16();
                var flags = reader.Byte();
                var runs = (flags & 8) != 0 ? reader.U16() : 0;
                var extended = (flags & 4) != 0 ? (int)reader.U32() : 0;
                strings.Add(reader.Chars(length, (flags & 1) != 0));
                reader.Skip(runs * 4 + extended);
            }
            return strings;
        }
    }

    /// <summary>
    /// Reads across a record and its CONTINUE records as one run of bytes, but for characters: a string's characters
    /// that run on into the next record go on behind a flags byte saying how the rest is stored (Latin-1 or UTF-16).
    /// </summary>
    private sealed class Segments(List<byte[]> segments)
    {
        private int _segment;
        private int _position;

        public bool AtEnd
        {
            get
            {
                while (_segment < segments.Count && _position == segments[_segment].Length)
                {
                    _segment++;
                    _position = 0;
                }
                return _segment == segments.Count;
            }
        }

        public byte Byte()
        {
            if (AtEnd)
            {
                throw new InvalidDataException("a record and its CONTINUE records end in the middle of a string");
            }
            return segments[_segment][_position++];
        }

        public int U16() => Byte() | Byte() << 8;

        public uint U32() => (uint)(U16() | U16() << 16);

        public void Skip(int count)
        {
            while (count > 0)
            {
                if (AtEnd)
                {
                    throw new InvalidDataException("a record and its CONTINUE records end in the middle of a string");
                }
                var take = Math.Min(count, segments[_segment].Length - _position);
                _position += take;
                count -= take;
            }
        }

        public string Chars(int count, bool wide)
        {
            var text = new StringBuilder(count);
            while (count > 0)
            {
                if (_position == segments[_segment].Length)
                {
                    // The characters go on in the next record, behind a flags byte of their own.
                    _segment++;
                    _position = 0;
                    wide = (Byte() & 1) != 0;
                }
                var bytes = segments[_segment];
                var take = Math.Min(count, wide ? (bytes.Length - _position) / 2 : bytes.Length - _position);
                if (take == 0)
                {
                    throw new InvalidDataException("a shared string's characters are split in the middle of one");
                }
                text.Append(wide ? Encoding.Unicode.GetString(bytes, _position, take * 2) : Encoding.Latin1.GetString(bytes, _position, take));
                _position += wide ? take * 2 : take;
                count -= take;
            }
            return text.ToString();
        }
    }

    /// <summary>
    /// The compound file (OLE2 structured storage) an .xls is: a file allocation table of sectors, a directory of
    /// named streams; the workbook is the stream named Workbook.
    /// </summary>
    private static class CompoundFile
    {
        private const uint LastRegularSector = 0xFFFFFFFA;

        public static Stream OpenWorkbook(FileStream file, string displayName)
        {
            var header = new byte[512];
            file.ReadExactly(header);
            if (!header.AsSpan(0, 8).SequenceEqual(s_signature))
            {
                throw new InvalidDataException("not a compound file");
            }
            var sectorShift = U16(header, 0x1E);
            if (sectorShift is not (9 or 12))
            {
                throw new InvalidDataException($"a sector size of 2^{sectorShift} bytes");
            }
            var sectorSize = 1 << sectorShift;
            // No table can name more sectors than the file holds: a crafted header or a looping chain stops here
            // instead of allocating for sectors that do not exist.
            var fileSectors = file.Length / sectorSize;
            var fatSectors = new List<uint>();
            for (var i = 0; i < 109; i++)
            {
                AddSector(fatSectors, U32(header, 0x4C + i * 4));
            }
            var difat = U32(header, 0x44);
            for (var i = 0; difat <= LastRegularSector && i < U32(header, 0x48); i++)
            {
                var sector = ReadSector(file, difat, sectorSize);
                for (var j = 0; j < sectorSize / 4 - 1; j++)
                {
                    AddSector(fatSectors, U32(sector, j * 4));
                }
                difat = U32(sector, sectorSize - 4);
                if (i >= fileSectors)
                {
                    throw new InvalidDataException("a looping sector table");
                }
            }
            if (fatSectors.Count > fileSectors)
            {
                throw new InvalidDataException($"a sector table of {fatSectors.Count} sectors in a file of {fileSectors}");
            }
            var fat = new uint[fatSectors.Count * (sectorSize / 4)];
            for (var i = 0; i < fatSectors.Count; i++)
            {
                var sector = ReadSector(file, fatSectors[i], sectorSize);
                for (var j = 0; j < sectorSize / 4; j++)
                {
                    fat[i * (sectorSize / 4) + j] = U32(sector, j * 4);
                }
            }

            var entries = new List<byte[]>();
            using (var directory = new ChainStream(file, Chain(fat, U32(header, 0x30)), sectorSize, long.MaxValue))
            {
                var entry = new byte[128];
                while (directory.ReadAtLeast(entry, entry.Length, throwOnEndOfStream: false) == entry.Length)
                {
                    entries.Add([.. entry]);
                }
            }
            if (entries.Count == 0 || entries[0][0x42] != 5)
            {
                throw new InvalidDataException("the directory has no root entry");
            }
            var root = (Start: U32(entries[0], 0x74), Size: Size(entries[0], sectorShift));
            // The root's own streams (a red-black tree of siblings under its child), not a workbook embedded in a
            // storage below it; Workbook (BIFF8) before Book (Excel 5.0/95, which a dual-format file also holds).
            (uint Start, long Size)? workbook = null, book = null;
            var seen = new HashSet<uint>();
            var next = new Stack<uint>([U32(entries[0], 0x4C)]);
            while (next.TryPop(out var id))
            {
                if (id >= entries.Count || !seen.Add(id))
                {
                    continue;
                }
                var entry = entries[(int)id];
                next.Push(U32(entry, 0x44));
                next.Push(U32(entry, 0x48));
                if (entry[0x42] != 2)
                {
                    continue;
                }
                var name = Encoding.Unicode.GetString(entry, 0, Math.Clamp(U16(entry, 0x40) - 2, 0, 62) & ~1);
                if (name.Equals("Workbook", StringComparison.OrdinalIgnoreCase))
                {
                    workbook = (U32(entry, 0x74), Size(entry, sectorShift));
                }
                else if (name.Equals("Book", StringComparison.OrdinalIgnoreCase))
                {
                    book = (U32(entry, 0x74), Size(entry, sectorShift));
                }
            }
            workbook ??= book;
            if (workbook is not { } stream)
            {
                throw new SourceFileException($"{displayName}: an Office 97-2003 file with no Excel workbook in it (a Word "
                    + "document or an Outlook message?); export the data as CSV or .xlsx");
            }
            if (stream.Size >= U32(header, 0x38))
            {
                return new ChainStream(file, Chain(fat, stream.Start), sectorSize, stream.Size);
            }
            // A stream under the cutoff (4,096 bytes) lives in the mini stream: 64-byte sectors inside the root's stream.
            if (U16(header, 0x20) != 6)
            {
                throw new InvalidDataException($"a mini sector size of 2^{U16(header, 0x20)} bytes");
            }
            var miniSize = 64;
            var miniFat = new List<uint>();
            using (var miniFatStream = new ChainStream(file, Chain(fat, U32(header, 0x3C)), sectorSize, long.MaxValue))
            {
                var word = new byte[4];
                while (miniFatStream.ReadAtLeast(word, 4, throwOnEndOfStream: false) == 4)
                {
                    miniFat.Add(U32(word, 0));
                }
            }
            using var mini = new ChainStream(file, Chain(fat, root.Start), sectorSize, root.Size);
            var bytes = new MemoryStream();
            var buffer = new byte[miniSize];
            foreach (var sector in Chain([.. miniFat], stream.Start))
            {
                mini.Position = (long)sector * miniSize;
                mini.ReadExactly(buffer);
                bytes.Write(buffer);
            }
            bytes.SetLength(Math.Min(bytes.Length, stream.Size));
            bytes.Position = 0;
            return bytes;
        }

        /// <summary>A directory entry's stream size: 32 bits in a version 3 file (its high half may be garbage), else 64.</summary>
        private static long Size(byte[] entry, int sectorShift) =>
            sectorShift == 9 ? U32(entry, 0x78) : BinaryPrimitives.ReadInt64LittleEndian(entry.AsSpan(0x78));

        private static void AddSector(List<uint> sectors, uint sector)
        {
            if (sector <= LastRegularSector)
            {
                sectors.Add(sector);
            }
        }

        private static byte[] ReadSector(FileStream file, uint sector, int sectorSize)
        {
            var bytes = new byte[sectorSize];
            file.Position = ((long)sector + 1) * sectorSize;
            file.ReadExactly(bytes);
            return bytes;
        }

        /// <summary>The sectors of a chain, from its first; a chain that loops or leaves the table is a broken file.</summary>
        private static List<uint> Chain(uint[] fat, uint first)
        {
            var sectors = new List<uint>();
            for (var sector = first; sector <= LastRegularSector; sector = fat[sector])
            {
                if (sector >= fat.Length || sectors.Count >= fat.Length)
                {
                    throw new InvalidDataException("a broken sector chain");
                }
                sectors.Add(sector);
            }
            return sectors;
        }
    }

    /// <summary>A stream whose bytes lie in a chain of sectors of the file, read where they lie.</summary>
    private sealed class ChainStream(FileStream file, List<uint> sectors, int sectorSize, long length) : Stream
    {
        private readonly long _length = Math.Min(length, (long)sectors.Count * sectorSize);

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => _length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = 0;
            while (count > 0 && Position < _length)
            {
                var within = (int)(Position % sectorSize);
                var take = (int)Math.Min(Math.Min(count, sectorSize - within), _length - Position);
                file.Position = ((long)sectors[(int)(Position / sectorSize)] + 1) * sectorSize + within;
                file.ReadExactly(buffer, offset, take);
                Position += take;
                offset += take;
                count -= take;
                read += take;
            }
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => _length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
