namespace LeadForge;

/// <summary>The base of every error LeadForge raises on purpose.</summary>
public class LeadForgeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LeadForgeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public LeadForgeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public LeadForgeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A recipe cannot be found, read or parsed (unknown id, malformed YAML, missing file).</summary>
public sealed class RecipeException : LeadForgeException
{
    /// <summary>Creates the exception.</summary>
    public RecipeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public RecipeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RecipeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file or embedded resource the problem is in, when known.</summary>
    public string? Location { get; init; }

    /// <summary>The 1-based line of the problem, when known.</summary>
    public int? Line { get; init; }

    /// <summary>The 1-based column of the problem, when known.</summary>
    public int? Column { get; init; }
}

/// <summary>A bundle on disk is missing files, malformed or does not match its manifest.</summary>
public sealed class BundleFormatException : LeadForgeException
{
    /// <summary>Creates the exception.</summary>
    public BundleFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong with the bundle.</param>
    public BundleFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong with the bundle.</param>
    /// <param name="innerException">The cause.</param>
    public BundleFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A generation scheme failed or broke its contract (e.g. an invalid world graph).</summary>
public class GenerationException : LeadForgeException
{
    /// <summary>Creates the exception.</summary>
    public GenerationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public GenerationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public GenerationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Writing a bundle or table failed; nothing partial was left at the target.</summary>
public sealed class BundleWriteException : LeadForgeException
{
    /// <summary>Creates the exception.</summary>
    public BundleWriteException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public BundleWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public BundleWriteException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
