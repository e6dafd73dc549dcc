using System.Reflection;
using LeadForge.Schemes;

namespace LeadForge.Configuration;

/// <summary>What the catalog knows about a recipe.</summary>
/// <param name="Id">The recipe id.</param>
/// <param name="Title">The title.</param>
/// <param name="Scheme">The scheme name.</param>
/// <param name="Description">The description.</param>
/// <param name="PrimaryTask">The primary task id: the first task the recipe's scheme declares.</param>
/// <param name="SupportedModes">Supported exposure modes.</param>
/// <param name="SupportedDifficulties">Supported difficulty tiers.</param>
/// <param name="Source">Where the recipe came from (embedded resource or file).</param>
public sealed record RecipeInfo(
    string Id,
    string Title,
    string Scheme,
    string Description,
    string PrimaryTask,
    IReadOnlyList<ExposureMode> SupportedModes,
    IReadOnlyList<Difficulty> SupportedDifficulties,
    string Source);

/// <summary>
/// The recipes and schemes available to this process. Schemes announced with
/// <see cref="GenerationSchemeAttribute"/> in any referenced <c>LeadForge.Schemes.*</c> assembly, and
/// their embedded recipes, are found automatically on first use.
/// </summary>
/// <threadsafety>All members are thread-safe.</threadsafety>
public static class RecipeCatalog
{
    private const string ResourcePrefix = "LeadForge.Recipes.";
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, IGenerationScheme> Schemes = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, RecipeSource> Recipes = new(StringComparer.Ordinal);
    private static readonly HashSet<Assembly> ScannedAssemblies = [];
    private static bool _probed;

    /// <summary>Lists every known recipe, sorted by id.</summary>
    /// <returns>The recipes.</returns>
    public static IReadOnlyList<RecipeInfo> List()
    {
        EnsureDiscovered();
        RecipeSource[] sources;
        lock (Gate)
        {
            sources = Recipes.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        }

        return sources.Select(s =>
        {
            var r = Bind(s.Tree, s.Location);
            var tasks = GetScheme(r.Scheme).Tasks;
            return new RecipeInfo(r.Id, r.Title, r.Scheme, r.Description, tasks.Count > 0 ? tasks[0].Id : string.Empty, r.SupportedModes, r.SupportedDifficulties, s.Location);
        }).ToArray();
    }

    /// <summary>The ids of every known recipe, sorted.</summary>
    public static IReadOnlyList<string> Ids
    {
        get
        {
            EnsureDiscovered();
            lock (Gate)
            {
                return Recipes.Keys.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>Gets a recipe by id.</summary>
    /// <param name="id">The recipe id.</param>
    /// <returns>The validated recipe.</returns>
    /// <exception cref="RecipeException">No such recipe; the message lists the known ids.</exception>
    public static Recipe Get(string id) => Bind(GetSource(id).Tree, GetSource(id).Location);

    /// <summary>Whether a recipe id is known.</summary>
    /// <param name="id">The recipe id.</param>
    /// <returns><see langword="true"/> if known.</returns>
    public static bool Contains(string id)
    {
        EnsureDiscovered();
        lock (Gate)
        {
            return Recipes.ContainsKey(id);
        }
    }

    /// <summary>Loads and validates a recipe from a YAML (or JSON) file without registering it.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The recipe.</returns>
    public static Recipe LoadFile(string path)
    {
        var (tree, location) = ReadFile(path);
        return Bind(tree, location);
    }

    /// <summary>Parses and validates a recipe from YAML text without registering it.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="location">A name for the text in error messages.</param>
    /// <returns>The recipe.</returns>
    public static Recipe Parse(string yaml, string location = "<recipe>") =>
        Bind(YamlConfigReader.ReadMapping(yaml, location), location);

    /// <summary>Registers a scheme (idempotent for the same type; a different scheme with the same name is an error).</summary>
    /// <param name="scheme">The scheme.</param>
    public static void Register(IGenerationScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        if (!typeof(WorldSettings).IsAssignableFrom(scheme.SettingsType) || scheme.SettingsType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ArgumentException($"Scheme '{scheme.Name}' settings type must derive from WorldSettings and have a public parameterless constructor.", nameof(scheme));
        }

        lock (Gate)
        {
            if (Schemes.TryGetValue(scheme.Name, out var existing))
            {
                if (existing.GetType() != scheme.GetType())
                {
                    throw new ArgumentException($"A different scheme named '{scheme.Name}' ({existing.GetType().FullName}) is already registered.", nameof(scheme));
                }

                return;
            }

            Schemes.Add(scheme.Name, scheme);
            ScanResources(scheme.GetType().Assembly);
        }
    }

    /// <summary>Registers a recipe object (its scheme must be known) so it can be found by id.</summary>
    /// <param name="recipe">The recipe.</param>
    public static void Register(Recipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var tree = ToTree(recipe);
        Bind(tree, "registered:" + recipe.Id);
        AddSource(new RecipeSource(recipe.Id, tree, "registered:" + recipe.Id), replace: true);
    }

    /// <summary>Registers a recipe file so it can be found by id.</summary>
    /// <param name="path">The YAML or JSON file.</param>
    /// <returns>The registered recipe.</returns>
    public static Recipe RegisterFile(string path)
    {
        var (tree, location) = ReadFile(path);
        var recipe = Bind(tree, location);
        AddSource(new RecipeSource(recipe.Id, tree, location), replace: true);
        return recipe;
    }

    /// <summary>The scheme with the given name.</summary>
    /// <param name="name">The scheme name.</param>
    /// <returns>The scheme.</returns>
    /// <exception cref="RecipeException">No such scheme; the message lists the known names.</exception>
    public static IGenerationScheme GetScheme(string name)
    {
        EnsureDiscovered();
        lock (Gate)
        {
            if (Schemes.TryGetValue(name, out var scheme))
            {
                return scheme;
            }

            throw new RecipeException($"Unknown scheme '{name}'. Known schemes: {(Schemes.Count == 0 ? "(none — reference a LeadForge.Schemes.* package)" : string.Join(", ", Schemes.Keys.Order(StringComparer.Ordinal)))}.");
        }
    }

    internal static RecipeSource GetSource(string id)
    {
        EnsureDiscovered();
        lock (Gate)
        {
            if (Recipes.TryGetValue(id, out var source))
            {
                return source;
            }

            var known = Recipes.Keys.Order(StringComparer.Ordinal).ToArray();
            throw new RecipeException($"Unknown recipe id '{id}'. Known recipes: {(known.Length == 0 ? "(none — reference a LeadForge.Schemes.* package)" : string.Join(", ", known))}.");
        }
    }

    internal static (ConfigMapping Tree, string Location) ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new RecipeException($"File '{path}' does not exist.") { Location = path };
        }

        string text;
        try
        {
            // Bound the read before it starts: a huge file is refused by its size, not after loading it.
            var length = new FileInfo(path).Length;
            if (length > YamlConfigReader.MaxChars)
            {
                throw new RecipeException($"File '{path}' has {length:N0} bytes; a recipe or override may have at most {YamlConfigReader.MaxChars:N0}.") { Location = path };
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RecipeException($"File '{path}' cannot be read: {ex.Message}", ex) { Location = path };
        }

        return (YamlConfigReader.ReadMapping(text, path), path);
    }

    internal static ConfigMapping ToTree(Recipe recipe) =>
        (ConfigMapping)JsonConfig.FromJson(ConfigWriter.ToJson(recipe), "recipe:" + recipe.Id);

    internal static Recipe Bind(ConfigMapping tree, string location)
    {
        var scheme = SchemeOf(tree, location);
        var binder = new ConfigBinder(t => t == typeof(WorldSettings) ? scheme.SettingsType : throw new InvalidOperationException(t.Name));
        var recipe = binder.Bind<Recipe>(tree);
        binder.ThrowIfProblems();
        binder.Validate(recipe);
        binder.ThrowIfProblems();
        return recipe;
    }

    internal static IGenerationScheme SchemeOf(ConfigMapping tree, string location)
    {
        if (!tree.TryGet("scheme", out var entry) || entry.Value is not ConfigScalar { Value: { } name })
        {
            throw new ConfigValidationException([new ConfigProblem("scheme", "is required but missing (e.g. scheme: lead_scoring)", location, tree.Mark.IsKnown ? tree.Mark.Line : null, tree.Mark.IsKnown ? tree.Mark.Column : null)]);
        }

        try
        {
            return GetScheme(name);
        }
        catch (RecipeException ex)
        {
            var m = entry.Value.Mark;
            throw new ConfigValidationException([new ConfigProblem("scheme", ex.Message, location, m.IsKnown ? m.Line : null, m.IsKnown ? m.Column : null)]);
        }
    }

    private static void AddSource(RecipeSource source, bool replace)
    {
        lock (Gate)
        {
            if (!replace && Recipes.TryGetValue(source.Id, out var existing) && existing.Location != source.Location)
            {
                throw new RecipeException($"Recipe id '{source.Id}' is defined twice: {existing.Location} and {source.Location}.");
            }

            Recipes[source.Id] = source;
        }
    }

    private static void EnsureDiscovered()
    {
        lock (Gate)
        {
            if (!_probed)
            {
                _probed = true;
                ProbeBaseDirectory();
            }

            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                ScanAssembly(assembly);
            }
        }
    }

    private static void ProbeBaseDirectory()
    {
        string[] files;
        try
        {
            files = Directory.GetFiles(AppContext.BaseDirectory, "LeadForge.Schemes.*.dll");
        }
        catch (IOException)
        {
            return;
        }

        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            try
            {
                Assembly.Load(AssemblyName.GetAssemblyName(file));
            }
            catch (Exception ex) when (ex is IOException or BadImageFormatException)
            {
                // Not a loadable scheme assembly; ignore.
            }
        }
    }

    private static void ScanAssembly(Assembly assembly)
    {
        if (assembly.IsDynamic || !ScannedAssemblies.Add(assembly))
        {
            return;
        }

        var attributes = assembly.GetCustomAttributes<GenerationSchemeAttribute>().ToArray();
        foreach (var attribute in attributes)
        {
            if (Activator.CreateInstance(attribute.SchemeType) is IGenerationScheme scheme && !Schemes.ContainsKey(scheme.Name))
            {
                Schemes.Add(scheme.Name, scheme);
            }
        }

        if (attributes.Length > 0)
        {
            ScanResources(assembly);
        }
    }

    private static void ScanResources(Assembly assembly)
    {
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && (n.EndsWith(".yaml", StringComparison.Ordinal) || n.EndsWith(".yml", StringComparison.Ordinal))).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var location = $"embedded:{assembly.GetName().Name}/{name}";
            var tree = YamlConfigReader.ReadMapping(reader.ReadToEnd(), location);
            var id = tree.TryGet("id", out var idEntry) && idEntry.Value is ConfigScalar { Value: { } v } ? v : name[ResourcePrefix.Length..name.LastIndexOf('.')];
            if (!Recipes.ContainsKey(id))
            {
                Recipes.Add(id, new RecipeSource(id, tree, location));
            }
        }
    }

    internal sealed record RecipeSource(string Id, ConfigMapping Tree, string Location);
}
