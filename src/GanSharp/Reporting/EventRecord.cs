namespace GanSharp.Reporting;

/// <summary>One record of a TensorBoard event file.</summary>
/// <param name="Step">The <c>step</c> field of the record's <c>Event</c>, 0 for the file-version record.</param>
/// <param name="Framed">The record as stored: length, masked CRC of the length, data, masked CRC of the data.</param>
public sealed record EventRecord(long Step, byte[] Framed);
