using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LeadForge.Configuration;

/// <summary>
/// Reads YAML (or JSON, a flow-style subset) into a <see cref="ConfigNode"/> tree with source marks,
/// from the parser's event stream with bounds on everything a hostile document could inflate: the
/// text's length (<see cref="MaxChars"/>), the nesting depth (<see cref="MaxDepth"/>, checked with an
/// explicit stack, so deep nesting never recurses) and anchors, aliases and tags, which a settings
/// document has no use for and which are refused where they appear (an alias bomb never expands).
/// Every refusal is a <see cref="RecipeException"/> with the location, line and column.
/// </summary>
internal static class YamlConfigReader
{
    /// <summary>The longest document read: 4 Mi characters (the lead-scoring recipe is about 20 Ki).</summary>
    public const int MaxChars = 4 * 1024 * 1024;

    /// <summary>The deepest nesting of mappings and lists (the recipes nest at most 6 deep).</summary>
    public const int MaxDepth = 64;

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
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxChars)
        {
            throw new RecipeException($"{location}: the document has {text.Length:N0} characters; a recipe or override may have at most {MaxChars:N0}.") { Location = location };
        }

        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        var builder = new TreeBuilder(location);
        try
        {
            while (parser.MoveNext())
            {
                builder.Accept(parser.Current!);
            }
        }
        catch (YamlException ex)
        {
            var detail = (ex.InnerException?.Message ?? ex.Message).Trim();
            if (detail.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(text, (int)ex.Start.Line) is { } tab)
            {
                // The scanner names the scalar it was reading; the tab the user must fix is where the indentation starts.
                throw Malformed(location, tab.Line, tab.Column, "a tab character in the indentation (YAML indents with spaces only)", ex);
            }

            throw Malformed(location, (int)ex.Start.Line, (int)ex.Start.Column, detail, ex);
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet's parser rejects some malformed nodes (e.g. a tag that is not a URI, "!!0@]'z")
            // with an ArgumentException rather than a YamlException; report where the scanner stands.
            var at = scanner.CurrentPosition;
            var detail = ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal).Trim();
            throw Malformed(location, (int)at.Line, (int)at.Column, $"a malformed node ({detail})", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Some malformed inputs (e.g. an unclosed flow sequence) make YamlDotNet's scanner fail
            // without a YamlException; report the scanner's position instead.
            var at = scanner.CurrentPosition;
            throw Malformed(location, (int)at.Line, (int)at.Column, "unexpected content (is a bracket or quote left open?)", ex);
        }

        return builder.Root ?? new ConfigMapping(new SourceMark(location, 1, 1));
    }

    /// <summary>The first tab in a line's leading whitespace at or after <paramref name="fromLine"/> (1-based), if any.</summary>
    private static (int Line, int Column)? FirstIndentingTab(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var line = lines[i];
            for (var c = 0; c < line.Length && line[c] is ' ' or '\t'; c++)
            {
                if (line[c] == '\t')
                {
                    return (i + 1, c + 1);
                }
            }
        }

        return null;
    }

    private static RecipeException Malformed(string location, int line, int column, string detail, Exception inner) =>
        new($"{location}:{line}:{column}: malformed YAML at line {line}, column {column}: {detail}", inner)
        {
            Location = location,
            Line = line,
            Column = column,
        };

    private static RecipeException At(SourceMark mark, string message) =>
        new($"{mark}: {message}") { Location = mark.Location, Line = mark.Line, Column = mark.Column };

    /// <summary>Builds the tree from parser events with an explicit stack of open mappings and lists.</summary>
    private sealed class TreeBuilder(string location)
    {
        private readonly Stack<Frame> _open = new();
        private int _documents;

        public ConfigNode? Root { get; private set; }

        public void Accept(ParsingEvent e)
        {
            switch (e)
            {
                case DocumentStart when ++_documents > 1:
                    throw At(Mark(e), "expected one YAML document but found a second one.");
                case AnchorAlias alias:
                    throw At(Mark(e), $"YAML aliases (*{alias.Value}) are not supported in recipes or overrides; write the value out.");
                case NodeEvent { Anchor.IsEmpty: false } node:
                    throw At(Mark(e), $"YAML anchors (&{node.Anchor}) are not supported in recipes or overrides; write the value out.");
                case NodeEvent { Tag.IsEmpty: false, Tag.IsNonSpecific: false } node:
                    throw At(Mark(e), $"YAML tags ({node.Tag}) are not supported in recipes or overrides.");
                case Scalar scalar:
                    Add(ScalarOf(scalar), scalar);
                    break;
                case MappingStart:
                    Open(new Frame(new ConfigMapping(Mark(e)), ChildPath()), e);
                    break;
                case SequenceStart:
                    Open(new Frame(Mark(e), ChildPath()), e);
                    break;
                case MappingEnd or SequenceEnd:
                    var frame = _open.Pop();
                    Add(frame.Complete(), e);
                    break;
            }
        }

        private string ChildPath() => _open.Count == 0 ? string.Empty : _open.Peek().ChildPath();

        private void Open(Frame frame, ParsingEvent e)
        {
            if (_open.Count >= MaxDepth)
            {
                throw At(Mark(e), $"the document nests deeper than {MaxDepth} levels.");
            }

            _open.Push(frame);
        }

        private void Add(ConfigNode node, ParsingEvent e)
        {
            if (_open.Count == 0)
            {
                Root = node;
                return;
            }

            _open.Peek().Add(node, Mark(e));
        }

        private ConfigScalar ScalarOf(Scalar scalar)
        {
            var mark = Mark(scalar);
            if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
            {
                return new ConfigScalar(mark, scalar.Value ?? string.Empty, ScalarKind.String);
            }

            var v = scalar.Value;
            return v is null || v.Length == 0 || v == "~" || v == "null" || v == "Null" || v == "NULL"
                ? new ConfigScalar(mark, null, ScalarKind.Null)
                : new ConfigScalar(mark, v, ScalarKind.Plain);
        }

        private SourceMark Mark(ParsingEvent e) => new(location, (int)e.Start.Line, (int)e.Start.Column);
    }

    /// <summary>An open mapping (keys and values alternate) or list.</summary>
    private sealed class Frame
    {
        private readonly ConfigMapping? _mapping;
        private readonly SourceMark _mark;
        private readonly List<ConfigNode>? _items;
        private readonly string _path;
        private string? _key;
        private SourceMark _keyMark;

        public Frame(ConfigMapping mapping, string path)
        {
            _mapping = mapping;
            _mark = mapping.Mark;
            _path = path;
        }

        public Frame(SourceMark mark, string path)
        {
            _mark = mark;
            _items = [];
            _path = path;
        }

        /// <summary>The key path of the next value (the pending key's, or the next list index).</summary>
        public string ChildPath() => _items is not null
            ? $"{_path}[{_items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}]"
            : _path.Length == 0 ? _key ?? string.Empty : _path + "." + _key;

        public void Add(ConfigNode node, SourceMark mark)
        {
            if (_items is not null)
            {
                _items.Add(node);
                return;
            }

            if (_key is null)
            {
                if (node is not ConfigScalar { Value: { } key })
                {
                    throw At(mark, "keys must be plain strings.");
                }

                if (_mapping!.TryGet(key, out _))
                {
                    throw At(mark, $"duplicate key '{(_path.Length == 0 ? key : _path + "." + key)}'.");
                }

                _key = key;
                _keyMark = mark;
                return;
            }

            _mapping!.Set(_key, node, _keyMark);
            _key = null;
        }

        public ConfigNode Complete() => _mapping ?? (ConfigNode)new ConfigSequence(_mark, [.. _items!]);
    }
}
