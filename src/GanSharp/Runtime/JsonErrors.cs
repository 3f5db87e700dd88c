using System.Text.Json;

namespace GanSharp.Runtime;

/// <summary>One-line descriptions of <see cref="JsonException"/> for messages about run folder files.</summary>
public static class JsonErrors
{
    /// <summary>
    /// Describes what is wrong in a JSON file. A value of the wrong type is named by its field path and line,
    /// for example "field training.steps on line 21 has an invalid value …", in place of the serializer's message,
    /// which names .NET types.
    /// </summary>
    public static string Describe(JsonException exception)
    {
        var firstLine = exception.Message.Split('\n')[0];
        var isConversion = firstLine.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
        if (!isConversion || exception.Path is not { Length: > 2 } path)
        {
            return firstLine;
        }

        // Path is "$.training.steps", and LineNumber counts from 0.
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        var line = exception.LineNumber is { } number ? $" on line {number + 1}" : "";
        return $"field {field}{line} has an invalid value, of the wrong type or an unknown name.";
    }
}
