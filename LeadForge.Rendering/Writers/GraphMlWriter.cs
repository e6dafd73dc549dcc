using System.Globalization;
using System.Text;
using System.Xml;
using LeadForge.WorldModel;

namespace LeadForge.Rendering.Writers;

/// <summary>
/// Writes a <see cref="WorldGraph"/> as GraphML: a directed graph whose nodes carry
/// <c>type</c>, <c>label</c>, <c>mechanism</c>, <c>bias</c>, <c>scale</c>, <c>noise</c> and
/// <c>threshold</c>, and whose edges carry <c>weight</c> (and <c>modulator</c> when set).
/// </summary>
internal static class GraphMlWriter
{
    private const string Ns = "http://graphml.graphdrawing.org/xmlns";

    private static readonly (string Id, string For, string Name, string Type)[] Keys =
    [
        ("type", "node", "type", "string"),
        ("label", "node", "label", "string"),
        ("mechanism", "node", "mechanism", "string"),
        ("bias", "node", "bias", "double"),
        ("scale", "node", "scale", "double"),
        ("noise", "node", "noise", "double"),
        ("threshold", "node", "threshold", "double"),
        ("weight", "edge", "weight", "double"),
        ("modulator", "edge", "modulator", "string"),
    ];

    public static void Write(WorldGraph graph, Stream stream)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            CloseOutput = false,
        };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("graphml", Ns);
        foreach (var (id, target, name, type) in Keys)
        {
            xml.WriteStartElement("key", Ns);
            xml.WriteAttributeString("id", id);
            xml.WriteAttributeString("for", target);
            xml.WriteAttributeString("attr.name", name);
            xml.WriteAttributeString("attr.type", type);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("graph", Ns);
        xml.WriteAttributeString("id", graph.Family);
        xml.WriteAttributeString("edgedefault", "directed");
        foreach (var node in graph.Nodes)
        {
            xml.WriteStartElement("node", Ns);
            xml.WriteAttributeString("id", node.Id);
            Data(xml, "type", node.Kind.ToWire());
            Data(xml, "label", node.Label);
            Data(xml, "mechanism", node.Mechanism.ToWire());
            Data(xml, "bias", Number(node.Bias));
            Data(xml, "scale", Number(node.Scale));
            Data(xml, "noise", Number(node.Noise));
            Data(xml, "threshold", Number(node.Threshold));
            xml.WriteEndElement();
        }

        var e = 0;
        foreach (var edge in graph.Edges)
        {
            xml.WriteStartElement("edge", Ns);
            xml.WriteAttributeString("id", "e" + e++.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("source", edge.Source);
            xml.WriteAttributeString("target", edge.Target);
            Data(xml, "weight", Number(edge.Weight));
            if (edge.Modulator is not null)
            {
                Data(xml, "modulator", edge.Modulator);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
        stream.Write("\n"u8);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void Data(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("data", Ns);
        xml.WriteAttributeString("key", key);
        xml.WriteString(value);
        xml.WriteEndElement();
    }
}
