using LeadForge.Randomness;

namespace LeadForge.Schemes.LeadScoring.Planning;

/// <summary>
/// The population plan: every entity, its attributes drawn at creation, its id number, and every
/// quantity that couples accounts (rep assignment and workload). Cheap, deterministic, and the
/// same in every shard.
/// </summary>
internal sealed class PopulationPlan
{
    // Accounts (index a = account number - 1).
    public required int AccountCount { get; init; }
    public required int[] AccountBand { get; init; }
    public required int[] AccountSegment { get; init; }
    public required int[] AccountIndustry { get; init; }
    public required int[] AccountRegion { get; init; }
    public required int[] AccountCreatedDay { get; init; }

    // Contacts (index c = contact number - 1). In a sharded run only the shard's contacts are held.
    public required int ContactCount { get; init; }
    public required EntityColumn ContactAccount { get; init; }
    public required EntityColumn ContactPersona { get; init; }
    public required EntityColumn ContactTitle { get; init; }
    public required EntityColumn ContactEmailType { get; init; }
    public required EntityColumn ContactCreatedDay { get; init; }

    /// <summary>The contacts of the shard's accounts, ascending (every contact when unsharded).</summary>
    public required int[] ShardContacts { get; init; }

    /// <summary>Each contact's position in <see cref="ShardContacts"/> (−1 outside the shard), or null when unsharded.</summary>
    public required int[]? ContactSlots { get; init; }

    // Leads (index l = lead number - 1, numbered in order of creation time). In a sharded run only
    // the shard's leads and the calibration sample are held (see EntityColumn).
    public required int LeadCount { get; init; }
    public required EntityColumn LeadContact { get; init; }
    public required EntityColumn LeadAccount { get; init; }
    public required EntityColumn LeadChannel { get; init; }
    public required EntityColumn LeadCreatedDay { get; init; }
    public required EntityColumn LeadCreatedSecond { get; init; }
    public required EntityColumn LeadRep { get; init; }
    public required EntityColumn LeadRepLoad { get; init; }

    /// <summary>Split blocks of accounts (see <see cref="Rendering.SplitBlocks"/>), from the whole population.</summary>
    public required int[] BlockBounds { get; init; }

    /// <summary>The leads of the run's shard (every lead when unsharded).</summary>
    public required bool[] InShard { get; init; }

    // Reps.
    public required int RepCount { get; init; }
    public required int[] RepSegment { get; init; }

    /// <summary>
    /// Plans the population. Every entity draws from its own substream, so the per-entity loops run
    /// through <paramref name="parallelFor"/> (each index writes only its own slots) and the plan is the
    /// same for any thread count; rep assignment, which couples leads, runs in lead order.
    /// </summary>
    /// <param name="settings">The world settings.</param>
    /// <param name="config">The resolved configuration.</param>
    /// <param name="random">The run's root random source.</param>
    /// <param name="parallelFor">Runs a loop body per index (sequential when null).</param>
    /// <param name="shard">The shard to keep per-lead values for, or null for every lead.</param>
    public static PopulationPlan Create(LeadScoringSettings settings, LeadForge.Configuration.GenerationConfig config, RandomSource random, Action<int, Action<int>>? parallelFor = null, ShardSpec? shard = null)
    {
        parallelFor ??= static (count, body) =>
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }
        };

        var population = config.Population;
        var narrative = settings.Narrative;
        var accounts = settings.Accounts;
        var bandTable = new CategoricalTable(accounts.EmployeeBands.Select(b => b.Weight).ToArray());
        var segmentIndex = accounts.Segments.Select((s, i) => (s.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var geoWeights = narrative.Market.GeographyWeights.Count == narrative.Market.Geographies.Count
            ? narrative.Market.GeographyWeights
            : narrative.Market.Geographies.Select(_ => 1.0).ToArray();
        var geoTable = new CategoricalTable(geoWeights);

        // Accounts.
        var nA = population[LeadScoringEntities.Accounts];
        var band = new int[nA];
        var segment = new int[nA];
        var industry = new int[nA];
        var region = new int[nA];
        var accountCreated = new int[nA];
        var accountStream = random.Derive("plan/accounts");
        var bandSegment = accounts.EmployeeBands.Select(b => segmentIndex[b.Segment]).ToArray();
        var industryCount = narrative.Market.IcpIndustries.Count;
        parallelFor(nA, a =>
        {
            var rng = accountStream.Stream(a);
            band[a] = rng.Choose(bandTable);
            segment[a] = bandSegment[band[a]];
            industry[a] = rng.NextInt(industryCount);
            region[a] = rng.Choose(geoTable);
            accountCreated[a] = -(int)rng.NextLong(30, accounts.CreatedBeforeStartDays);
        });

        // Contacts: one per account first (while contacts last), the rest to accounts weighted by size.
        var nC = population[LeadScoringEntities.Contacts];
        var personaTable = new CategoricalTable(narrative.Personas.Select(p => p.Weight).ToArray());
        var emailTable = new CategoricalTable(settings.Contacts.EmailDomainWeights);
        var sizeTable = new CategoricalTable(band.Select(b => Math.Exp(0.5 * accounts.EmployeeBands[b].SizeScore)).ToArray());
        var contactAccount = new int[nC];
        var persona = new int[nC];
        var title = new int[nC];
        var email = new int[nC];
        var contactCreated = new int[nC];
        var contactStream = random.Derive("plan/contacts");
        var titleCounts = narrative.Personas.Select(p => p.TitleVariants.Count).ToArray();
        parallelFor(nC, c =>
        {
            var rng = contactStream.Stream(c);
            contactAccount[c] = c < nA ? c : rng.Choose(sizeTable);
            persona[c] = rng.Choose(personaTable);
            title[c] = rng.NextInt(titleCounts[persona[c]]);
            email[c] = rng.Choose(emailTable);
            contactCreated[c] = accountCreated[contactAccount[c]] + rng.NextInt(31);
        });

        // Contacts grouped by account (CSR), in contact order.
        var contactsOf = GroupBy(contactAccount, nA);

        // Leads: accounts weighted by segment arrival rate and size; arrival day by trend × weekday × month.
        var accountWeights = new double[nA];
        for (var a = 0; a < nA; a++)
        {
            accountWeights[a] = contactsOf.Count(a) == 0 ? 0 : accounts.Segments[segment[a]].ArrivalMultiplier * Math.Exp(0.3 * accounts.EmployeeBands[band[a]].SizeScore);
        }

        var accountTable = new CategoricalTable(accountWeights);
        var dayTable = new CategoricalTable(ArrivalWeights(settings.Arrival, config.Recipe.StartDate));
        var channelTable = new CategoricalTable(narrative.Channels.Select(c => c.Share).ToArray());
        var nL = population[LeadScoringEntities.Leads];
        var drawAccount = new int[nL];
        var drawContact = new int[nL];
        var drawChannel = new int[nL];
        var drawDay = new int[nL];
        var drawSecond = new int[nL];
        var leadStream = random.Derive("plan/leads");
        parallelFor(nL, i =>
        {
            var rng = leadStream.Stream(i);
            var a = rng.Choose(accountTable);
            drawAccount[i] = a;
            drawContact[i] = contactsOf.Item(a, rng.NextInt(contactsOf.Count(a)));
            drawChannel[i] = rng.Choose(channelTable);
            drawDay[i] = rng.Choose(dayTable);
            drawSecond[i] = BusinessSecond(rng);
        });

        // Number leads by creation time (ties by draw order): lead_000001 is the first to arrive.
        var order = CreationOrder(drawDay, drawSecond);

        var leadAccount = new int[nL];
        var leadContact = new int[nL];
        var leadChannel = new int[nL];
        var leadDay = new int[nL];
        var leadSecond = new int[nL];
        parallelFor(nL, l =>
        {
            var i = order[l];
            leadAccount[l] = drawAccount[i];
            leadContact[l] = drawContact[i];
            leadChannel[l] = drawChannel[i];
            leadDay[l] = drawDay[i];
            leadSecond[l] = drawSecond[i];
        });

        // Reps: spread over segments by their share of leads; each new lead goes to the least-loaded
        // rep of its segment (load = leads assigned in the previous 30 days). Couples accounts, so it
        // is decided here, in lead order, for every shard alike.
        var repCount = settings.Reps.Count;
        var segmentCount = accounts.Segments.Count;
        var segmentLeads = new double[segmentCount];
        for (var l = 0; l < nL; l++)
        {
            segmentLeads[segment[leadAccount[l]]]++;
        }

        var repSegment = AllocateReps(repCount, segmentLeads);
        var repsBySegment = Enumerable.Range(0, segmentCount).Select(s => Enumerable.Range(0, repCount).Where(r => repSegment[r] == s).ToArray()).ToArray();
        var allReps = Enumerable.Range(0, repCount).ToArray();
        var leadRep = new int[nL];
        var leadRepLoad = new int[nL];
        var recent = new Queue<(int Day, int Rep)>();
        var load = new int[repCount];
        for (var l = 0; l < nL; l++)
        {
            while (recent.Count > 0 && recent.Peek().Day <= leadDay[l] - 30)
            {
                load[recent.Dequeue().Rep]--;
            }

            var candidates = repsBySegment[segment[leadAccount[l]]];
            if (candidates.Length == 0)
            {
                candidates = allReps;
            }

            var best = candidates[0];
            foreach (var r in candidates)
            {
                if (load[r] < load[best])
                {
                    best = r;
                }
            }

            leadRep[l] = best;
            leadRepLoad[l] = load[best];
            load[best]++;
            recent.Enqueue((leadDay[l], best));
        }

        // The shard: whole blocks of accounts. Its leads, and the fixed calibration sample every shard
        // evaluates, are the leads the later stages read; only they are held when the run is sharded.
        var bounds = Rendering.SplitBlocks.Boundaries(nA, leadAccount);
        var blocks = bounds.Length - 1;
        if (shard is not null && shard.Count > blocks)
        {
            // More shards than blocks would leave shards empty (no accounts, no task rows): refused, not written.
            throw new GenerationException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Shard {shard.Index}/{shard.Count}: this world's {nA:N0} accounts and {nL:N0} leads form {blocks:N0} block(s) of whole accounts "
                + $"(each at least {Rendering.SplitBlocks.LeadsPerBlock} leads and {Rendering.SplitBlocks.AccountsPerBlock} accounts), and a shard is made of whole blocks, "
                + $"so the world can be cut into at most {blocks:N0} shard(s)."));
        }

        var (shardStart, shardEnd) = Rendering.SplitBlocks.ShardAccounts(bounds, shard);
        var inShard = new bool[nL];
        parallelFor(nL, l => inShard[l] = leadAccount[l] >= shardStart && leadAccount[l] < shardEnd);
        Func<int[], EntityColumn> column = EntityColumn.Whole;
        Func<int[], EntityColumn> contactColumn = EntityColumn.Whole;
        int[] shardContacts;
        int[]? contactSlots = null;
        if (shard is null)
        {
            shardContacts = new int[nC];
            parallelFor(nC, c => shardContacts[c] = c);
        }
        else
        {
            (var slotsOfContacts, shardContacts) = EntityColumn.SlotsOf(nC, c => contactAccount[c] >= shardStart && contactAccount[c] < shardEnd);
            contactSlots = slotsOfContacts;
            contactColumn = values => EntityColumn.Gather(values, slotsOfContacts, shardContacts);

            var sampled = new bool[nL];
            foreach (var l in World.HiddenWorld.CalibrationSample(nL))
            {
                sampled[l] = true;
            }

            var (slots, heldLeads) = EntityColumn.SlotsOf(nL, l => inShard[l] || sampled[l]);
            column = values => EntityColumn.Gather(values, slots, heldLeads);
        }

        return new PopulationPlan
        {
            AccountCount = nA,
            AccountBand = band,
            AccountSegment = segment,
            AccountIndustry = industry,
            AccountRegion = region,
            AccountCreatedDay = accountCreated,
            ContactCount = nC,
            ContactAccount = contactColumn(contactAccount),
            ContactPersona = contactColumn(persona),
            ContactTitle = contactColumn(title),
            ContactEmailType = contactColumn(email),
            ContactCreatedDay = contactColumn(contactCreated),
            ShardContacts = shardContacts,
            ContactSlots = contactSlots,
            LeadCount = nL,
            LeadContact = column(leadContact),
            LeadAccount = column(leadAccount),
            LeadChannel = column(leadChannel),
            LeadCreatedDay = column(leadDay),
            LeadCreatedSecond = column(leadSecond),
            LeadRep = column(leadRep),
            LeadRepLoad = column(leadRepLoad),
            BlockBounds = bounds,
            InShard = inShard,
            RepCount = repCount,
            RepSegment = repSegment,
        };
    }

    /// <summary>
    /// The draw indices in order of (day, second, draw index). Each draw is sorted as one 64-bit key
    /// (seconds since the window start above 31 bits of draw index): the keys are distinct, so the
    /// order is the only one there is, and a primitive sort of 10M keys takes a fraction of the time
    /// of a sort through a comparison delegate.
    /// </summary>
    internal static int[] CreationOrder(int[] day, int[] second)
    {
        var keys = new long[day.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            // day ≤ 3,650 (arrival.window_days) and second < 86,400, so the key stays below 2^60.
            keys[i] = (((day[i] * 86_400L) + second[i]) << 31) | (uint)i;
        }

        Array.Sort(keys);
        var order = new int[keys.Length];
        for (var l = 0; l < order.Length; l++)
        {
            order[l] = (int)(keys[l] & int.MaxValue);
        }

        return order;
    }

    /// <summary>A uniformly drawn second within business hours (08:00–18:00 UTC).</summary>
    internal static int BusinessSecond(RandomStream rng) => (8 * 3600) + rng.NextInt(10 * 3600);

    /// <summary>Relative arrival weight of each day of the window: trend × weekday × month.</summary>
    internal static double[] ArrivalWeights(ArrivalSettings arrival, DateOnly start)
    {
        var weights = new double[arrival.WindowDays];
        for (var d = 0; d < weights.Length; d++)
        {
            var date = start.AddDays(d);
            var years = d / 365.25;
            var trend = arrival.Trend switch
            {
                TrendKind.Linear => 1 + (arrival.GrowthRate * years),
                TrendKind.Exponential => Math.Pow(1 + arrival.GrowthRate, years),
                TrendKind.Logarithmic => 1 + (arrival.GrowthRate * Math.Log(1 + years)),
                _ => 1.0,
            };
            var weekday = ((int)date.DayOfWeek + 6) % 7; // Monday = 0
            weights[d] = Math.Max(0, trend) * arrival.WeekdayWeights[weekday] * arrival.MonthWeights[date.Month - 1];
        }

        return weights;
    }

    private static int[] AllocateReps(int repCount, double[] segmentLeads)
    {
        // Largest-remainder allocation, at least one rep per segment with leads when possible.
        var total = segmentLeads.Sum();
        var shares = segmentLeads.Select(n => total == 0 ? 0 : n / total * repCount).ToArray();
        var counts = shares.Select(s => (int)Math.Floor(s)).ToArray();
        for (var s = 0; s < counts.Length && counts.Sum() < repCount; s++)
        {
            if (counts[s] == 0 && segmentLeads[s] > 0)
            {
                counts[s] = 1;
            }
        }

        while (counts.Sum() < repCount)
        {
            var s = Enumerable.Range(0, counts.Length).OrderByDescending(i => shares[i] - counts[i]).ThenBy(i => i).First();
            counts[s]++;
        }

        while (counts.Sum() > repCount)
        {
            var s = Enumerable.Range(0, counts.Length).OrderByDescending(i => counts[i]).First();
            counts[s]--;
        }

        var result = new int[repCount];
        var r = 0;
        for (var s = 0; s < counts.Length; s++)
        {
            for (var k = 0; k < counts[s]; k++)
            {
                result[r++] = s;
            }
        }

        return result;
    }

    internal static Grouping GroupBy(int[] keys, int keyCount)
    {
        var start = new int[keyCount + 1];
        foreach (var k in keys)
        {
            start[k + 1]++;
        }

        for (var k = 0; k < keyCount; k++)
        {
            start[k + 1] += start[k];
        }

        var items = new int[keys.Length];
        var fill = (int[])start.Clone();
        for (var i = 0; i < keys.Length; i++)
        {
            items[fill[keys[i]]++] = i;
        }

        return new Grouping(start, items);
    }

    /// <summary>Items grouped by key in compressed-row form, items in ascending order within a key.</summary>
    internal readonly record struct Grouping(int[] Start, int[] Items)
    {
        public int Count(int key) => Start[key + 1] - Start[key];

        public int Item(int key, int k) => Items[Start[key] + k];

        public ReadOnlySpan<int> Of(int key) => Items.AsSpan(Start[key], Count(key));
    }
}
