using System.Globalization;

namespace LeadForge.Configuration;

/// <summary>
/// Implemented by settings classes that have rules across fields (weights summing to 1, one value
/// below another). Per-field ranges are declared with DataAnnotations attributes instead.
/// </summary>
public interface IValidatableSettings
{
    /// <summary>Reports every rule this object breaks.</summary>
    /// <param name="scope">Where to report, positioned at this object's key path.</param>
    void Validate(SettingsValidationScope scope);
}

/// <summary>Collects problems for one settings object, prefixing each with the object's key path.</summary>
public sealed class SettingsValidationScope
{
    private readonly List<ConfigProblem> _problems;
    private readonly Func<string, (string? Location, int Line, int Column)> _locate;

    internal SettingsValidationScope(string path, List<ConfigProblem> problems, Func<string, (string?, int, int)> locate)
    {
        Path = path;
        _problems = problems;
        _locate = locate;
    }

    /// <summary>The key path of the object being validated (empty at the root).</summary>
    public string Path { get; }

    /// <summary>The number of problems reported so far (in all scopes of this validation).</summary>
    public int ProblemCount => _problems.Count;

    /// <summary>A scope for a child object.</summary>
    /// <param name="key">The child's key (or an index in brackets, e.g. <c>[2]</c>).</param>
    /// <returns>The child scope.</returns>
    public SettingsValidationScope Child(string key) => new(Join(Path, key), _problems, _locate);

    /// <summary>Reports a problem with a key of this object.</summary>
    /// <param name="key">The key (empty for the object itself).</param>
    /// <param name="message">What is wrong.</param>
    public void Fail(string key, string message)
    {
        var path = Join(Path, key);
        var (location, line, column) = _locate(path);
        _problems.Add(new ConfigProblem(path, message, location, line > 0 ? line : null, column > 0 ? column : null));
    }

    /// <summary>Reports <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    /// <param name="condition">The rule.</param>
    /// <param name="key">The key the rule is about.</param>
    /// <param name="message">What is wrong when it does not hold.</param>
    public void Require(bool condition, string key, string message)
    {
        if (!condition)
        {
            Fail(key, message);
        }
    }

    /// <summary>Reports a problem unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="min">The inclusive minimum.</param>
    /// <param name="max">The inclusive maximum.</param>
    public void InRange(string key, double value, double min, double max)
    {
        if (!(value >= min && value <= max))
        {
            Fail(key, $"{Format(value)} is outside [{Format(min)}, {Format(max)}]");
        }
    }

    /// <summary>Reports a problem unless the weights are non-negative and sum to 1 (±1e-6).</summary>
    /// <param name="key">The key of the weight list or mapping.</param>
    /// <param name="weights">The weights.</param>
    public void SumsToOne(string key, IEnumerable<double> weights)
    {
        var list = weights.ToList();
        if (list.Any(w => !(w >= 0)))
        {
            Fail(key, "weights must be non-negative");
            return;
        }

        var sum = list.Sum();
        if (Math.Abs(sum - 1.0) > 1e-6)
        {
            Fail(key, $"probabilities must sum to 1, but they sum to {Format(sum)}");
        }
    }

    /// <summary>Reports a problem unless the list has exactly <paramref name="count"/> entries.</summary>
    /// <param name="key">The key of the list.</param>
    /// <param name="actual">The list's length.</param>
    /// <param name="count">The required length.</param>
    public void HasLength(string key, int actual, int count)
    {
        if (actual != count)
        {
            Fail(key, $"must have exactly {count} entries, but has {actual}");
        }
    }

    /// <summary>Reports a problem unless the weights are finite and non-negative with a positive sum (relative weights, not probabilities).</summary>
    /// <param name="key">The key of the weight list.</param>
    /// <param name="weights">The weights.</param>
    public void HasPositiveWeights(string key, IEnumerable<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var list = weights.ToList();
        Require(list.All(w => w >= 0 && double.IsFinite(w)) && list.Sum() > 0, key, "must be non-negative with a positive sum");
    }

    /// <summary>Reports a problem naming the first repeated entry unless every name in the list is distinct (ordinal).</summary>
    /// <param name="key">The key of the list.</param>
    /// <param name="names">The names (or the identifying field of each entry).</param>
    public void Unique(string key, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!seen.Add(name))
            {
                Fail(key, $"'{name}' appears more than once; names must be distinct");
                return;
            }
        }
    }

    internal static string Join(string path, string key) =>
        key.Length == 0 ? path : path.Length == 0 ? key : key[0] == '[' ? path + key : path + "." + key;

    internal static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
