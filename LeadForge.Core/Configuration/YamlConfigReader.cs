using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LeadForge.Configuration;

/// <summary>Reads YAML (or JSON, a flow-style subset) into a <see cref="ConfigNode"/> tree with source marks.</summary>
internal static class YamlConfigReader
{
    public static ConfigMapping ReadMapping(string text, string location)
    {
        var root = Read(text, location);
        return root as ConfigMapping ?? throw new RecipeException(
            $"{location}: the document must be a mapping of keys to values, but it is {(root is ConfigSequence ? "a list" : "a single value")}.")
        {
            Location = location,
            Line = root.Mark.Line,
            Column = root.Mark.Column,
        };
    }

    public static ConfigNode Read(string text, string location)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            throw Malformed(location, (int)ex.Start.Line, (int)ex.Start.Column, (ex.InnerException?.Message ?? ex.Message).Trim(), ex);
        }
        catch (InvalidOperationException ex)
        {
            // Some malformed inputs (e.g. an unclosed flow sequence) make YamlDotNet's scanner fail
            // without a YamlException; report the scanner's position instead.
            var at = scanner.CurrentPosition;
            throw Malformed(location, (int)at.Line, (int)at.Column, "unexpected content (is a bracket or quote left open?)", ex);
        }

        if (stream.Documents.Count == 0)
        {
            return new ConfigMapping(new SourceMark(location, 1, 1));
        }

        if (stream.Documents.Count > 1)
        {
            throw new RecipeException($"{location}: expected one YAML document but found {stream.Documents.Count}.") { Location = location };
        }

        return Convert(stream.Documents[0].RootNode, location, "");
    }

    private static RecipeException Malformed(string location, int line, int column, string detail, Exception inner) =>
        new($"{location}:{line}:{column}: malformed YAML at line {line}, column {column}: {detail}", inner)
        {
            Location = location,
            Line = line,
            Column = column,
        };

    private static ConfigNode Convert(YamlNode node, string location, string path)
    {
        var mark = new SourceMark(location, (int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlMappingNode map:
                var result = new ConfigMapping(mark);
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    var keyMark = new SourceMark(location, (int)keyNode.Start.Line, (int)keyNode.Start.Column);
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        throw new RecipeException($"{keyMark}: keys must be plain strings.") { Location = location, Line = keyMark.Line, Column = keyMark.Column };
                    }

                    var childPath = path.Length == 0 ? key : path + "." + key;
                    if (result.TryGet(key, out _))
                    {
                        throw new RecipeException($"{keyMark}: duplicate key '{childPath}'.") { Location = location, Line = keyMark.Line, Column = keyMark.Column };
                    }

                    result.Set(key, Convert(valueNode, location, childPath), keyMark);
                }

                return result;
            case YamlSequenceNode seq:
                return new ConfigSequence(mark, seq.Children.Select((c, i) => Convert(c, location, $"{path}[{i}]")).ToArray());
            case YamlScalarNode scalar:
                if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
                {
                    return new ConfigScalar(mark, scalar.Value ?? string.Empty, ScalarKind.String);
                }

                var v = scalar.Value;
                if (v is null || v.Length == 0 || v == "~" || v == "null" || v == "Null" || v == "NULL")
                {
                    return new ConfigScalar(mark, null, ScalarKind.Null);
                }

                return new ConfigScalar(mark, v, ScalarKind.Plain);
            default:
                throw new RecipeException($"{mark}: YAML anchors, aliases and tags are not supported here.") { Location = location, Line = mark.Line, Column = mark.Column };
        }
    }
}
