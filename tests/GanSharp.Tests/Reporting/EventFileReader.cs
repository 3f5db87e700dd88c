using System.Buffers.Binary;
using System.Text;

namespace GanSharp.Tests.Reporting;

/// <summary>What one summary value of a TensorBoard event holds.</summary>
internal enum EventKind
{
    FileVersion,
    Scalar,
    Image,
    Histogram,
    Other,
}

/// <summary>One summary value of an event file, or its file-version record.</summary>
/// <param name="Step">The event's step.</param>
/// <param name="Tag">The value's tag, or the file version for <see cref="EventKind.FileVersion"/>.</param>
/// <param name="Kind">What the value holds.</param>
/// <param name="Scalar">The simple value of a scalar.</param>
/// <param name="ImageBytes">The encoded image of an image value.</param>
internal sealed record EventValue(long Step, string Tag, EventKind Kind, float Scalar, byte[]? ImageBytes);

/// <summary>
/// Reads TensorBoard event files without TorchSharp or a protobuf library, so that tests check the files against the
/// formats themselves: TFRecord framing with masked CRC-32C checksums, and the protobuf wire format of
/// <c>Event</c> (wall_time = 1, step = 2, file_version = 3, summary = 5), <c>Summary</c> (value = 1) and
/// <c>Summary.Value</c> (tag = 1, simple_value = 2, image = 4, histo = 5; the image's encoded_image_string = 4).
/// </summary>
internal static class EventFileReader
{
    private static readonly uint[] Crc32CTable = BuildCrc32CTable();

    /// <summary>Returns the number of records of the file, failing the test on a bad length or checksum.</summary>
    public static int CountRecords(string path) => ReadRecordData(path).Count;

    /// <summary>Returns every summary value and file-version record of the file, in file order.</summary>
    public static List<EventValue> ReadValues(string path)
    {
        var values = new List<EventValue>();
        foreach (var data in ReadRecordData(path))
        {
            values.AddRange(ParseEvent(data));
        }

        return values;
    }

    private static List<byte[]> ReadRecordData(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var records = new List<byte[]>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            Assert.True(bytes.Length - offset >= 16, $"{path}: {bytes.Length - offset} trailing bytes at offset {offset}, too short for a record.");
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset));
            Assert.Equal(MaskedCrc(bytes.AsSpan(offset, 8)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8)));
            Assert.True(offset + 12 + length + 4 <= bytes.Length, $"{path}: the record at offset {offset} runs past the end.");
            var data = bytes.AsSpan(offset + 12, length);
            Assert.Equal(MaskedCrc(data), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 12 + length)));
            records.Add(data.ToArray());
            offset += 12 + length + 4;
        }

        return records;
    }

    private static IEnumerable<EventValue> ParseEvent(byte[] data)
    {
        long step = 0;
        string? fileVersion = null;
        var summaries = new List<byte[]>();
        foreach (var (field, wireType, varint, payload) in ReadFields(data))
        {
            switch (field)
            {
                case 2 when wireType == 0:
                    step = (long)varint;
                    break;
                case 3 when wireType == 2:
                    fileVersion = Encoding.UTF8.GetString(payload!);
                    break;
                case 5 when wireType == 2:
                    summaries.Add(payload!);
                    break;
            }
        }

        if (fileVersion is not null)
        {
            yield return new EventValue(step, fileVersion, EventKind.FileVersion, 0, null);
        }

        foreach (var summary in summaries)
        {
            foreach (var (field, wireType, _, payload) in ReadFields(summary))
            {
                if (field == 1 && wireType == 2)
                {
                    yield return ParseValue(step, payload!);
                }
            }
        }
    }

    private static EventValue ParseValue(long step, byte[] data)
    {
        var tag = "";
        var kind = EventKind.Other;
        float scalar = 0;
        byte[]? image = null;
        foreach (var (field, wireType, varint, payload) in ReadFields(data))
        {
            switch (field)
            {
                case 1 when wireType == 2:
                    tag = Encoding.UTF8.GetString(payload!);
                    break;
                case 2 when wireType == 5:
                    kind = EventKind.Scalar;
                    scalar = BitConverter.Int32BitsToSingle((int)varint);
                    break;
                case 4 when wireType == 2:
                    kind = EventKind.Image;
                    image = ReadFields(payload!).Single(item => item.Field == 4).Payload;
                    break;
                case 5 when wireType == 2:
                    kind = EventKind.Histogram;
                    break;
            }
        }

        return new EventValue(step, tag, kind, scalar, image);
    }

    /// <summary>Splits a protobuf message into fields; fixed-width values are returned in the varint slot.</summary>
    private static List<(int Field, int WireType, ulong Varint, byte[]? Payload)> ReadFields(byte[] data)
    {
        var fields = new List<(int, int, ulong, byte[]?)>();
        var offset = 0;
        while (offset < data.Length)
        {
            var key = ReadVarint(data, ref offset);
            var field = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    fields.Add((field, wireType, ReadVarint(data, ref offset), null));
                    break;
                case 1:
                    fields.Add((field, wireType, BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(offset)), null));
                    offset += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(data, ref offset);
                    fields.Add((field, wireType, 0, data.AsSpan(offset, length).ToArray()));
                    offset += length;
                    break;
                case 5:
                    fields.Add((field, wireType, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset)), null));
                    offset += 4;
                    break;
                default:
                    Assert.Fail($"Unexpected protobuf wire type {wireType} for field {field}.");
                    break;
            }
        }

        return fields;
    }

    private static ulong ReadVarint(byte[] data, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var next = data[offset++];
            value |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A protobuf varint is longer than 10 bytes.");
    }

    private static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in data)
        {
            crc = Crc32CTable[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }

        crc = ~crc;
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }

    private static uint[] BuildCrc32CTable()
    {
        // Reflected Castagnoli polynomial.
        const uint polynomial = 0x82F63B78;
        var table = new uint[256];
        for (uint index = 0; index < 256; index++)
        {
            var entry = index;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ polynomial : entry >> 1;
            }

            table[index] = entry;
        }

        return table;
    }
}
