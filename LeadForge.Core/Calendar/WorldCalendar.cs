namespace LeadForge.Calendar;

/// <summary>
/// The world's calendar, anchored by configuration (never by the clock). Day 0 is
/// <see cref="Start"/>; timestamps are UTC <see cref="DateTime"/> values with microsecond precision.
/// </summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class WorldCalendar
{
    /// <summary>Creates a calendar starting at <paramref name="start"/>.</summary>
    /// <param name="start">The first day of the world.</param>
    public WorldCalendar(DateOnly start)
    {
        Start = start;
        StartUtc = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    /// <summary>The first day of the world (day 0).</summary>
    public DateOnly Start { get; }

    /// <summary>Midnight UTC of <see cref="Start"/>.</summary>
    public DateTime StartUtc { get; }

    /// <summary>The date of world day <paramref name="day"/>.</summary>
    /// <param name="day">The 0-based world day.</param>
    /// <returns>The date.</returns>
    public DateOnly Date(int day) => Start.AddDays(day);

    /// <summary>The UTC timestamp of world day <paramref name="day"/> plus a time of day.</summary>
    /// <param name="day">The 0-based world day.</param>
    /// <param name="secondOfDay">Seconds since midnight, in [0, 86400).</param>
    /// <returns>The timestamp.</returns>
    public DateTime At(int day, int secondOfDay = 0) =>
        StartUtc.AddTicks((day * TimeSpan.TicksPerDay) + (secondOfDay * TimeSpan.TicksPerSecond));

    /// <summary>The world day of a date.</summary>
    /// <param name="date">The date.</param>
    /// <returns>Days since <see cref="Start"/> (negative before it).</returns>
    public int DayOf(DateOnly date) => date.DayNumber - Start.DayNumber;

    /// <summary>The world day of a timestamp (its date's day).</summary>
    /// <param name="timestamp">A UTC timestamp.</param>
    /// <returns>Days since <see cref="Start"/>.</returns>
    public int DayOf(DateTime timestamp) => DayOf(DateOnly.FromDateTime(timestamp));
}
