namespace CxWarehouse.Generator.Simulation;

/// <summary>Touchpoints generated, by kind (redeliveries and dirty duplicates excluded).</summary>
internal sealed class TouchpointCounts
{
    public long WebEvents { get; set; }
    public long Orders { get; set; }
    public long Calls { get; set; }
    public long Tickets { get; set; }
    public long SurveyResponses { get; set; }
    public long Reviews { get; set; }

    public long Total => WebEvents + Orders + Calls + Tickets + SurveyResponses + Reviews;
}
