using System.CommandLine;
using System.Globalization;

namespace LeadForge.Cli.CommandLine;

/// <summary>
/// The population options a command shares: the generic <c>--count ENTITY=N</c> (the entities are the
/// scheme's) and the lead-scoring shorthands <c>--n-leads</c>, <c>--n-accounts</c>, <c>--n-contacts</c>.
/// Unknown entities are not checked here: the generator reports them as configuration errors naming
/// the scheme's entities.
/// </summary>
internal sealed class PopulationOptions
{
    private readonly int _minimum;
    private readonly Option<string[]> _counts;
    private readonly (string Entity, Option<int?> Option)[] _shorthands;

    /// <summary>Creates the options; every count must be at least <paramref name="minimum"/>.</summary>
    public PopulationOptions(int minimum = 1)
    {
        _minimum = minimum;
        _counts = new Option<string[]>("--count", "-n")
        {
            Description = "Entity count as ENTITY=N (repeatable), e.g. --count leads=20000; the entities are the scheme's. "
                + "Counts not given follow the scheme's driver entity in the recipe's proportions. [default: the recipe's population]",
            AllowMultipleArgumentsPerToken = false,
        };
        _counts.Validators.Add(r =>
        {
            foreach (var token in r.Tokens)
            {
                if (Parse(token.Value) is { Error: { } error })
                {
                    r.AddError("--count: " + error);
                }
            }
        });
        _shorthands =
        [
            ("leads", Shorthand("--n-leads", "Shorthand for --count leads=N (lead-scoring recipes).")),
            ("accounts", Shorthand("--n-accounts", "Shorthand for --count accounts=N.")),
            ("contacts", Shorthand("--n-contacts", "Shorthand for --count contacts=N.")),
        ];
    }

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_counts);
        foreach (var (_, option) in _shorthands)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The counts given on the command line (a shorthand wins over <c>--count</c> for the same entity).</summary>
    public Dictionary<string, int> Counts(ParseResult parse)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in parse.GetValue(_counts) ?? [])
        {
            var (entity, value, _) = Parse(token);
            counts[entity!] = value;
        }

        foreach (var (entity, option) in _shorthands)
        {
            if (parse.GetValue(option) is { } value)
            {
                counts[entity] = value;
            }
        }

        return counts;
    }

    private Option<int?> Shorthand(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value < _minimum)
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be {Bound()} (got {value})."));
            }
        });
        return option;
    }

    private (string? Entity, int Value, string? Error) Parse(string token)
    {
        var eq = token.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == token.Length - 1)
        {
            return (null, 0, $"'{token}' is not ENTITY=N (e.g. leads=20000)");
        }

        var entity = token[..eq].Trim();
        var text = token[(eq + 1)..].Trim();
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return (entity, 0, $"'{text}' in '{token}' is not a whole number");
        }

        return value < _minimum ? (entity, value, string.Create(CultureInfo.InvariantCulture, $"{entity} must be {Bound()} (got {value})")) : (entity, value, null);
    }

    private string Bound() => _minimum <= 1 ? "a positive integer" : string.Create(CultureInfo.InvariantCulture, $"at least {_minimum}");
}
