using LeadForge.Calendar;

namespace LeadForge.Tests.Core.Calendar;

public class WorldCalendarTests
{
    private static readonly WorldCalendar Calendar = new(new DateOnly(2024, 1, 1));

    [Test]
    public void Day_zero_is_the_start_at_midnight_utc()
    {
        Assert.That(Calendar.Start, Is.EqualTo(new DateOnly(2024, 1, 1)));
        Assert.That(Calendar.StartUtc, Is.EqualTo(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(Calendar.StartUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(Calendar.Date(0), Is.EqualTo(Calendar.Start));
    }

    [TestCase(59, 2024, 2, 29)] // leap day
    [TestCase(60, 2024, 3, 1)]
    [TestCase(366, 2025, 1, 1)]
    [TestCase(-1, 2023, 12, 31)]
    public void Date_counts_calendar_days(int day, int year, int month, int dayOfMonth)
    {
        var date = new DateOnly(year, month, dayOfMonth);
        Assert.That(Calendar.Date(day), Is.EqualTo(date));
        Assert.That(Calendar.DayOf(date), Is.EqualTo(day));
    }

    [Test]
    public void At_adds_days_and_seconds_and_stays_utc()
    {
        var t = Calendar.At(31, (9 * 3600) + (30 * 60) + 15);
        Assert.That(t, Is.EqualTo(new DateTime(2024, 2, 1, 9, 30, 15, DateTimeKind.Utc)));
        Assert.That(t.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(Calendar.DayOf(t), Is.EqualTo(31));
        Assert.That(Calendar.At(10), Is.EqualTo(Calendar.StartUtc.AddDays(10)));
        Assert.That(Calendar.DayOf(Calendar.At(400, 86_399)), Is.EqualTo(400));
    }
}
