using System.Text.Json;

namespace GanSharp.Reporting;

/// <summary>
/// Flattens any JSON document into (field path, value) rows for a two-column table, for example
/// <c>training.steps → 3000</c>. Short arrays of numbers, strings or booleans stay on one row.
/// </summary>
public static class JsonRows
{
    private const int MaxInlineArrayLength = 16;

    public static IReadOnlyList<(string Field, string Value)> Flatten(JsonElement element)
    {
        var rows = new List<(string, string)>();
        Add(rows, element, "");
        return rows;
    }

    private static void Add(List<(string, string)> rows, JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var any = false;
                foreach (var property in element.EnumerateObject())
                {
                    Add(rows, property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}");
                    any = true;
                }

                if (!any)
                {
                    rows.Add((path, "{}"));
                }

                break;

            case JsonValueKind.Array when IsInline(element):
                rows.Add((path, "[" + string.Join(", ", element.EnumerateArray().Select(Scalar)) + "]"));
                break;

            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Add(rows, item, $"{path}[{index++}]");
                }

                break;

            default:
                rows.Add((path, Scalar(element)));
                break;
        }
    }

    private static bool IsInline(JsonElement array) =>
        array.GetArrayLength() <= MaxInlineArrayLength
        && array.EnumerateArray().All(item => item.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array));

    private static string Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? "",
        JsonValueKind.Null => "null",
        _ => element.GetRawText(),
    };
}
