using System.Text.Json;
using System.Text.Json.Nodes;
using GanSharp.Data;
using GanSharp.Models;
using GanSharp.Runtime;

namespace GanSharp.Training;

/// <summary>
/// Reads a configuration file in the format of a run's <c>config.json</c>. The file may be complete, as every run
/// writes it, or partial: fields it leaves out take the defaults of <see cref="RunConfiguration.CreateDefault"/> for
/// its <c>data.name</c> (default <c>mnist</c>) and <c>model.design</c> (default <c>common</c>).
/// </summary>
public static class RunConfigurationFile
{
    // A hand-written file may hold comments and trailing commas, which a run's config.json never has.
    private static readonly JsonSerializerOptions ReaderOptions = new(RunConfiguration.JsonOptions)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>
    /// Reads <paramref name="path"/> and fills in the missing fields. Every error is an <see cref="IOException"/> or
    /// <see cref="InvalidDataException"/> whose one-line message names the file, and the field where there is one.
    /// The result is not validated; call <see cref="RunConfiguration.Validate"/> after applying other options.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not JSON, has a value of the wrong type, or an unknown field.</exception>
    public static RunConfiguration Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException(
                $"Configuration file not found: {fullPath}. Pass the config.json of a run, or a file in the same format.", fullPath);
        }

        return Parse(File.ReadAllText(fullPath), fullPath);
    }

    /// <summary>Parses the text of a configuration file; <paramref name="source"/> names it in error messages.</summary>
    public static RunConfiguration Parse(string json, string source)
    {
        var file = ParseObject(json, source);

        // Deserializing the file as written reports a value of the wrong type with its line in that file.
        try
        {
            JsonSerializer.Deserialize<RunConfiguration>(json, ReaderOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"Invalid configuration {source}: {JsonErrors.Describe(exception)} Fix the value.");
        }

        var defaults = CreateDefaults(file, source);
        var merged = JsonNode.Parse(defaults.ToJson())!.AsObject();
        Merge(merged, file, source, prefix: "");
        return RunConfiguration.FromJson(merged.ToJsonString(), source);
    }

    private static JsonObject ParseObject(string json, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,

                // A field given twice is a mistake in the file, so it is reported like a syntax error.
                AllowDuplicateProperties = false,
            });
        }
        catch (JsonException exception)
        {
            var reason = exception.Message.Split(". ", 2)[0].TrimEnd('.');

            // A duplicate field is reported without a position.
            if (exception.LineNumber is not { } lineIndex)
            {
                throw new InvalidDataException($"Invalid configuration {source}: the JSON is malformed ({reason}). Fix the file.");
            }

            var position = exception.BytePositionInLine + 1;
            throw new InvalidDataException(
                $"Invalid configuration {source}: the JSON is malformed on line {lineIndex + 1}, byte {position} ({reason}). Fix the syntax there.");
        }

        return node as JsonObject
               ?? throw new InvalidDataException(
                   $"Invalid configuration {source}: the file must hold one JSON object, like a run's config.json.");
    }

    private static RunConfiguration CreateDefaults(JsonObject file, string source)
    {
        var dataName = ReadString(file, "data", "name", source) ?? DataOptions.Mnist;
        var designName = ReadString(file, "model", "design", source);
        var design = designName is null
            ? ModelDesign.Common
            : JsonSerializer.Deserialize<ModelDesign>(JsonValue.Create(designName), RunConfiguration.JsonOptions);
        var kindName = ReadString(file, "model", "kind", source);
        var kind = kindName is null
            ? ModelKind.Mlp
            : JsonSerializer.Deserialize<ModelKind>(JsonValue.Create(kindName), RunConfiguration.JsonOptions);
        var defaults = RunConfiguration.CreateDefault(dataName, design, kind);

        // Without learning rates in the file, SGD gets the same default of 0.01 as the --optimizer sgd option.
        if (ReadString(file, "training", "optimizer", source) == "sgd")
        {
            var training = file["training"]!.AsObject();
            defaults = defaults with
            {
                Training = defaults.Training with
                {
                    LearningRateG = training.ContainsKey("learning_rate_g") ? defaults.Training.LearningRateG : 0.01,
                    LearningRateD = training.ContainsKey("learning_rate_d") ? defaults.Training.LearningRateD : 0.01,
                },
            };
        }

        return defaults;
    }

    private static string? ReadString(JsonObject file, string section, string field, string source)
    {
        if (file[section] is not JsonObject sectionObject || sectionObject[field] is not { } value)
        {
            return null;
        }

        if (value.GetValueKind() != JsonValueKind.String)
        {
            throw new InvalidDataException($"Invalid configuration {source}: field {section}.{field} must be a string.");
        }

        var text = value.GetValue<string>();
        if (section == "data" && field == "name"
            && text is not (DataOptions.Mnist or DataOptions.Idx or DataOptions.Points)
            && !BuiltInDistributions.Names.Contains(text))
        {
            throw new InvalidDataException(
                $"Invalid configuration {source}: field data.name '{text}' is unknown. Use mnist, idx, points, {string.Join(", ", BuiltInDistributions.Names)}.");
        }

        return text;
    }

    /// <summary>
    /// Copies the file's fields over the defaults. A field that the defaults lack is a typing mistake, so it is
    /// rejected instead of being ignored.
    /// </summary>
    private static void Merge(JsonObject target, JsonObject file, string source, string prefix)
    {
        foreach (var (name, value) in file)
        {
            var field = prefix + name;
            if (!target.ContainsKey(name))
            {
                throw new InvalidDataException(
                    $"Invalid configuration {source}: unknown field {field}. Known fields here: {string.Join(", ", target.Select(pair => prefix + pair.Key))}.");
            }

            if (target[name] is JsonObject targetSection && value is JsonObject fileSection)
            {
                Merge(targetSection, fileSection, source, field + ".");
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}
