using System.Buffers.Binary;
using System.Numerics;
using GanSharp.Runtime;

namespace GanSharp.Reporting;

/// <summary>
/// Reads and trims TensorBoard event files, which are TFRecord files of serialised <c>Event</c> protocol buffers.
/// </summary>
/// <remarks>
/// Each record is framed as: the data length (uint64, little-endian), the masked CRC-32C of those 8 bytes, the data,
/// and the masked CRC-32C of the data. A masked CRC is ((crc &gt;&gt; 15) | (crc &lt;&lt; 17)) + 0xa282ead8.
/// </remarks>
public static class TensorBoardEventFiles
{
    /// <summary>Start of the name of every event file that TensorBoard reads.</summary>
    public const string FilePrefix = "events.out.tfevents.";

    private const int HeaderLength = 12;
    private const int FooterLength = 4;

    /// <summary>Returns the event files directly inside <paramref name="directory"/>, or none when it does not exist.</summary>
    public static string[] Find(string directory) => Directory.Exists(directory)
        ? Directory.GetFiles(directory, FilePrefix + "*").Order(StringComparer.Ordinal).ToArray()
        : [];

    /// <summary>
    /// Returns the complete records of an event file, each with its framing. Reading stops at the first record that is
    /// cut short or whose checksum does not match, as left by a process killed while writing.
    /// </summary>
    public static IReadOnlyList<EventRecord> ReadRecords(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var records = new List<EventRecord>();
        var offset = 0;
        while (bytes.Length - offset >= HeaderLength + FooterLength)
        {
            var header = bytes.AsSpan(offset, HeaderLength);
            var length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != MaskedCrc32C(header[..8])
                || length > (ulong)(bytes.Length - offset - HeaderLength - FooterLength))
            {
                break;
            }

            var data = bytes.AsSpan(offset + HeaderLength, (int)length);
            var footer = bytes.AsSpan(offset + HeaderLength + (int)length, FooterLength);
            if (BinaryPrimitives.ReadUInt32LittleEndian(footer) != MaskedCrc32C(data))
            {
                break;
            }

            var framedLength = HeaderLength + (int)length + FooterLength;
            records.Add(new EventRecord(ReadStep(data), bytes.AsSpan(offset, framedLength).ToArray()));
            offset += framedLength;
        }

        return records;
    }

    /// <summary>
    /// Removes from every event file in <paramref name="directory"/> the records of steps after <paramref name="step"/>,
    /// and any damaged tail, so that a run resumed from a checkpoint at that step writes each later step once.
    /// A file is rewritten atomically, and only when something is removed.
    /// </summary>
    /// <returns>The number of records removed.</returns>
    public static int TrimAfterStep(string directory, long step)
    {
        var removed = 0;
        foreach (var path in Find(directory))
        {
            var records = ReadRecords(path);
            var keptRecords = records.Where(record => record.Step <= step).ToList();
            var keptLength = keptRecords.Sum(record => (long)record.Framed.Length);
            if (keptRecords.Count == records.Count && keptLength == new FileInfo(path).Length)
            {
                continue;
            }

            AtomicFile.Write(path, stream =>
            {
                foreach (var record in keptRecords)
                {
                    stream.Write(record.Framed);
                }
            });
            removed += records.Count - keptRecords.Count;
        }

        return removed;
    }

    /// <summary>
    /// Returns the <c>step</c> of a serialised <c>Event</c>: field 2, a varint. Other fields are skipped by wire type:
    /// 0 varint, 1 eight bytes, 2 length-prefixed, 5 four bytes.
    /// </summary>
    /// <remarks>
    /// The protobuf classes in TorchSharp 0.107 cannot parse from a span with the Google.Protobuf version it brings,
    /// and only this one field is needed.
    /// </remarks>
    private static long ReadStep(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        long step = 0;
        while (offset < data.Length)
        {
            var key = ReadVarint(data, ref offset);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    var value = ReadVarint(data, ref offset);
                    if (key >> 3 == 2)
                    {
                        step = (long)value;
                    }

                    break;
                case 1:
                    offset += 8;
                    break;
                case 2:
                    var length = checked((int)ReadVarint(data, ref offset));
                    offset += length;
                    break;
                case 5:
                    offset += 4;
                    break;
                default:
                    throw new InvalidDataException($"Invalid TensorBoard event: unknown protobuf wire type {wireType}.");
            }
        }

        return step;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64 && offset < data.Length; shift += 7)
        {
            var next = data[offset++];
            value |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("Invalid TensorBoard event: a protobuf varint is cut short or longer than 10 bytes.");
    }

    /// <summary>Returns the masked CRC-32C (Castagnoli) of <paramref name="data"/>, as TFRecord framing stores it.</summary>
    internal static uint MaskedCrc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in data)
        {
            crc = BitOperations.Crc32C(crc, value);
        }

        crc = ~crc;
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }
}
