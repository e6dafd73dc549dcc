using LeadForge.Tables;

namespace LeadForge.Tests.TestSupport;

/// <summary>The tiny world's <c>accounts</c> table: one row per account, with its size.</summary>
internal sealed class TinyAccountsTable : TableDefinition
{
    public TinyAccountsTable(int accounts)
        : base("accounts", "One row per account.")
    {
        AccountId = Key("account_id", "Account id.", TinyScheme.Accounts.IdPrefix, accounts);
        Size = Value<int>("size", "Employees.");
    }

    public IdSlot AccountId { get; }

    public ValueSlot<int> Size { get; }

    /// <summary>Renders the accounts [start, end).</summary>
    public Table Render(int start, int end, TinyWorld world)
    {
        Allocate(end - start);
        for (var a = start; a < end; a++)
        {
            AccountId.Set(a - start, a + 1);
            Size.Set(a - start, world.Sizes[a]);
        }

        return Build();
    }
}
