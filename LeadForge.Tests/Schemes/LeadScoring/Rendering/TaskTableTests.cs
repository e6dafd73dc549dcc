using LeadForge.Schemes.LeadScoring.Rendering;
using LeadForge.Tables;

namespace LeadForge.Tests.Schemes.LeadScoring.Rendering;

/// <summary>
/// The task table is declared once (<see cref="TaskTable"/>): every declared feature is rendered in
/// every split with its declared schema, and the bundle's feature dictionary is the declarations'.
/// </summary>
[TestFixture]
public sealed class TaskTableTests
{
    private WorldBundle _bundle = null!;

    [OneTimeSetUp]
    public void Generate() => _bundle = LeadScoringWorlds.Builder(ExposureMode.ResearchInstructor, Difficulty.Intermediate, 800, seed: 11).Generate();

    [Test]
    public void Every_declared_feature_is_rendered_in_every_split_with_its_declared_schema()
    {
        var declared = TaskTable.Declaration.Features.Select(f => f.Slot.Schema).ToArray();
        Assert.That(declared, Has.Length.EqualTo(45));
        Assert.Multiple(() =>
        {
            foreach (var (name, table) in _bundle.Tasks[LeadScoringWorlds.TaskId].Splits)
            {
                Assert.That(table.Schema.Columns, Is.EqualTo(declared), $"{name}: the columns, in declaration order");
                Assert.That(table.Schema.PrimaryKey, Is.EqualTo("row_id"), name);
                for (var c = 0; c < declared.Length; c++)
                {
                    var column = table.Columns[c];
                    var row = Enumerable.Range(0, table.RowCount).First(r => !column.IsNull(r));
                    Assert.That(column.GetValue(row), Is.TypeOf(ClrType(declared[c].Type)), $"{name}.{declared[c].Name}: the rendered values have the declared type");
                }
            }
        });
    }

    [Test]
    public void The_feature_dictionary_is_the_declarations()
    {
        var features = TaskTable.Declaration.Features;
        var dictionary = _bundle.FeatureDictionary;
        Assert.That(dictionary.Select(f => f.Name), Is.EqualTo(features.Select(f => f.Name)));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < features.Count; i++)
            {
                var (f, d) = (features[i], dictionary[i]);
                Assert.That(d.Type, Is.EqualTo(f.Slot.Schema.Type), f.Name);
                Assert.That(d.Description, Is.EqualTo(f.Slot.Schema.Description), f.Name);
                Assert.That(d.Category, Is.EqualTo(f.Metadata.Category), f.Name);
                Assert.That(d.SourceTable, Is.EqualTo(f.Metadata.SourceTable), f.Name);
                Assert.That(d.Window, Is.EqualTo(f.Metadata.Window), f.Name);
                Assert.That(d.LeakageRisk, Is.EqualTo(f.Metadata.LeakageRisk), f.Name);
                Assert.That(d.IsTarget, Is.EqualTo(f.Metadata.IsTarget), f.Name);
            }

            Assert.That(dictionary.Where(d => d.IsTarget).Select(d => d.Name), Is.EqualTo(new[] { TaskRenderer.Label }));
            Assert.That(dictionary.Where(d => d.LeakageRisk).Select(d => d.Name), Is.EqualTo(new[] { TaskRenderer.Trap }));
        });
    }

    [Test]
    public void The_distorted_features_are_the_nullable_numeric_ones_in_column_order()
    {
        // The distortion draws are made per lead in this order: changing it changes every distorted cell.
        var features = TaskTable.Declaration.Features;
        var distorted = features.Where(f => f.Distortion is not null).Select(f => f.Name);
        var numericNullable = features
            .Where(f => f.Slot.Schema.Nullable && f.Slot.Schema.Type is ColumnType.Int32 or ColumnType.Double)
            .Select(f => f.Name);
        Assert.That(distorted, Is.EqualTo(numericNullable));
        Assert.That(distorted, Has.Exactly(18).Items);
    }

    private static Type ClrType(ColumnType type) => type switch
    {
        ColumnType.String => typeof(string),
        ColumnType.Int32 => typeof(int),
        ColumnType.Double => typeof(double),
        ColumnType.Boolean => typeof(bool),
        ColumnType.Timestamp => typeof(DateTime),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a task column type"),
    };
}
