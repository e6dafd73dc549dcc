using LeadForge.Splits;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// Cuts the accounts, in id order, into blocks of consecutive accounts holding at least
/// <see cref="LeadsPerBlock"/> leads and <see cref="AccountsPerBlock"/> accounts each (from the global plan, so every shard sees the same cut).
/// The grouped split is balanced inside each block and shards are whole blocks, so a lead's split
/// never depends on how the run is sharded.
/// </summary>
internal static class SplitBlocks
{
    /// <summary>The minimum number of leads in a block (the last block may hold fewer).</summary>
    public const int LeadsPerBlock = 500;

    /// <summary>
    /// The minimum number of accounts in a block (the last block may hold fewer): the split moves whole
    /// accounts, so a block needs many of them to approach 70/15/15 even when accounts hold many leads.
    /// </summary>
    public const int AccountsPerBlock = 64;

    /// <summary>Block boundaries: block b holds accounts [bounds[b], bounds[b + 1]); the last entry is the account count.</summary>
    /// <param name="accountCount">The number of accounts.</param>
    /// <param name="leadAccount">The account of every lead of the whole population.</param>
    public static int[] Boundaries(int accountCount, int[] leadAccount) => GroupedStratifiedSplit.BlockBoundaries(accountCount, leadAccount, LeadsPerBlock, AccountsPerBlock);

    /// <summary>The block holding an account.</summary>
    public static int BlockOf(int[] bounds, int account) => GroupedStratifiedSplit.BlockOf(bounds, account);

    /// <summary>The accounts of shard k of n: whole, contiguous blocks, every account in exactly one shard.</summary>
    public static (int Start, int End) ShardAccounts(int[] bounds, ShardSpec? shard)
    {
        var accountCount = bounds[^1];
        if (shard is null)
        {
            return (0, accountCount);
        }

        var (first, last) = shard.Range(bounds.Length - 1);
        return (bounds[first], bounds[last]);
    }
}
