using LeadForge.Configuration;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Core;

public class SmokeTests
{
    [Test]
    public void Tiny_recipe_generates_a_bundle()
    {
        var bundle = Generator.FromRecipe("tiny_world_v1").WithSeed(7).Generate();
        Assert.That(bundle.Tables["leads"].RowCount, Is.EqualTo(200));
        Assert.That(bundle.Tables["accounts"].RowCount, Is.EqualTo(20));
        Assert.That(bundle.Truth, Is.Null);
        Assert.That(RecipeCatalog.Ids, Does.Contain("tiny_world_v1"));
    }
}
