using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.Simulation;

namespace LeadForge.Tests.Schemes.LeadScoring.Simulation;

/// <summary>
/// The compact history storage: packed moments, block slots, the time order of events (which must be
/// exactly what the former per-lead <see cref="List{T}.Sort(Comparison{T})"/> produced, ties included,
/// or bundles would change) and releasing events after rendering.
/// </summary>
public class LeadHistoryStorageTests
{
    [TestCase(-1, 0)]
    [TestCase(0, 0)]
    [TestCase(0, 1)]
    [TestCase(1, 86_399)]
    [TestCase(89, 43_200)]
    [TestCase(3650, 86_399)]
    public void A_moment_round_trips_through_its_packed_seconds(int day, int second)
    {
        var moment = new Moment(day, second);
        Assert.That(Moment.FromPackedSeconds(moment.PackedSeconds), Is.EqualTo(moment));
    }

    [Test]
    public void Packing_a_moment_beyond_32_bits_of_seconds_throws() =>
        Assert.That(() => new Moment(int.MaxValue / 86_400, 86_399).PackedSeconds, Throws.TypeOf<OverflowException>());

    [Test]
    public void Each_slot_of_a_block_reads_back_its_own_fields_and_events_in_time_order()
    {
        var writer = new HistoryBlockWriter();
        writer.Start(3);

        writer.BeginLead();
        writer.EnterStage(FunnelStage.Mql, new Moment(0, 0));
        writer.EnterStage(FunnelStage.Sal, new Moment(2, 500));
        writer.EnterStage(FunnelStage.Sql, new Moment(5, 700));
        writer.SetDeal(12_300, 24);
        writer.Close(LeadOutcome.Lost, new Moment(9, 100), FunnelStage.Sql);
        writer.Add(new TouchEvent(new Moment(3, 10), TouchType.Call, false, 4));
        writer.Add(new TouchEvent(new Moment(0, 0), TouchType.ContentDownload, true, 255));
        writer.Add(new SessionEvent(new Moment(1, 20), SessionType.DemoPage, 4, 0, 1, 90));
        writer.Add(new ActivityEvent(new Moment(2, 500), ActivityType.Call, ActivityOutcome.Connected));
        writer.EndLead();

        writer.BeginLead(); // a lead with no events at all
        writer.EnterStage(FunnelStage.Mql, new Moment(0, 0));
        writer.EndLead();

        writer.BeginLead();
        writer.EnterStage(FunnelStage.Mql, new Moment(0, 0));
        writer.Add(new TouchEvent(new Moment(7, 1), TouchType.Email, false, 1));
        writer.EndLead();
        var block = writer.Finish();

        var first = new LeadHistory(block, 0);
        var empty = new LeadHistory(block, 1);
        var third = new LeadHistory(block, 2);
        Assert.Multiple(() =>
        {
            Assert.That(first.Touches.AsSpan().ToArray().Select(t => t.At), Is.EqualTo(new[] { new Moment(0, 0), new Moment(3, 10) }));
            Assert.That(first.Touches[0].Channel, Is.EqualTo(255));
            Assert.That(first.Touches[1].Type, Is.EqualTo(TouchType.Call));
            Assert.That(first.Sessions[0].DurationSeconds, Is.EqualTo(90));
            Assert.That(first.Activities.Count, Is.EqualTo(1));
            Assert.That(first.Outcome, Is.EqualTo(LeadOutcome.Lost));
            Assert.That(first.ClosedAt, Is.EqualTo(new Moment(9, 100)));
            Assert.That(first.LostFromStage, Is.EqualTo(FunnelStage.Sql));
            Assert.That(first.Acv, Is.EqualTo(12_300));
            Assert.That(first.ContractTermMonths, Is.EqualTo(24));
            Assert.That(first.HasOpportunity, Is.True);
            Assert.That(first.MaxStage, Is.EqualTo(FunnelStage.Sql));
            Assert.That(first.StageAt(new Moment(5, 699)), Is.EqualTo(FunnelStage.Sal));
            Assert.That(first.StageAt(new Moment(9, 100)), Is.EqualTo(FunnelStage.ClosedLost));
            Assert.That(first.StageEntered[FunnelStage.DemoScheduled], Is.EqualTo(Moment.Never));

            Assert.That(empty.Touches.Count + empty.Sessions.Count + empty.Activities.Count, Is.Zero);
            Assert.That(empty.Outcome, Is.EqualTo(LeadOutcome.Open));
            Assert.That(empty.ClosedAt, Is.EqualTo(Moment.Never));
            Assert.That(empty.LostFromStage, Is.Null);
            Assert.That(empty.HasOpportunity, Is.False);

            Assert.That(third.Touches.Count, Is.EqualTo(1));
            Assert.That(third.Touches[0].At, Is.EqualTo(new Moment(7, 1)));
            Assert.That(() => third.Touches[1], Throws.TypeOf<ArgumentOutOfRangeException>(), "a slot never reads its neighbour's events");
        });
    }

    /// <summary>
    /// Many events on few distinct moments, and more than 16 per lead so the sort leaves insertion sort:
    /// the order among ties must be the one <see cref="List{T}.Sort(Comparison{T})"/> gives.
    /// </summary>
    [TestCase(5)]
    [TestCase(40)]
    [TestCase(300)]
    public void Events_with_equal_times_keep_the_order_a_list_sort_gave_them(int eventsPerLead)
    {
        var rng = new Random(eventsPerLead);
        var writer = new HistoryBlockWriter();
        const int leads = 20;
        writer.Start(leads);
        var expected = new List<List<(int Seconds, TouchType Type, byte Channel)>>();
        for (var l = 0; l < leads; l++)
        {
            writer.BeginLead();
            var list = new List<TouchEvent>();
            for (var k = 0; k < eventsPerLead; k++)
            {
                // The payload numbers the event, so a reordering of ties is visible.
                var e = new TouchEvent(new Moment(rng.Next(3), 1 + rng.Next(4)), (TouchType)(k % 251), false, (byte)(k / 251));
                list.Add(e);
                writer.Add(e);
            }

            writer.EndLead();
            list.Sort((a, b) => a.At.CompareTo(b.At));
            expected.Add(list.Select(e => (e.AtSeconds, e.Type, e.Channel)).ToList());
        }

        var block = writer.Finish();
        for (var l = 0; l < leads; l++)
        {
            var actual = new LeadHistory(block, l).Touches.AsSpan().ToArray().Select(e => (e.AtSeconds, e.Type, e.Channel));
            Assert.That(actual, Is.EqualTo(expected[l]), $"lead {l}");
        }
    }

    [Test]
    public void Released_events_throw_when_read_and_the_other_kinds_stay_readable()
    {
        var writer = new HistoryBlockWriter();
        writer.Start(2);
        for (var l = 0; l < 2; l++)
        {
            writer.BeginLead();
            writer.Add(new TouchEvent(new Moment(0, 0), TouchType.Email, false, 0));
            writer.Add(new SessionEvent(new Moment(1, 1), SessionType.Website, 1, 0, 0, 45));
            writer.EndLead();
        }

        var block = writer.Finish();
        var histories = new[] { new LeadHistory(block, 0), new LeadHistory(block, 1) };
        LeadHistory.ReleaseEvents(histories, EventKinds.Touches);
        Assert.Multiple(() =>
        {
            Assert.That(() => histories[1].Touches.Count, Throws.InvalidOperationException);
            Assert.That(histories[1].Sessions.Count, Is.EqualTo(1));
            Assert.That(histories[0].Activities.Count, Is.Zero);
        });
    }

    [Test]
    public void Leads_are_numbered_by_day_then_second_then_draw_order()
    {
        var rng = new Random(11);
        const int n = 5000;
        var day = Enumerable.Range(0, n).Select(_ => rng.Next(3650)).ToArray();
        var second = Enumerable.Range(0, n).Select(_ => rng.Next(8 * 3600, 8 * 3600 + 3)).ToArray(); // many ties
        var expected = Enumerable.Range(0, n).OrderBy(i => day[i]).ThenBy(i => second[i]).ThenBy(i => i);
        Assert.That(PopulationPlan.CreationOrder(day, second), Is.EqualTo(expected));
    }
}
