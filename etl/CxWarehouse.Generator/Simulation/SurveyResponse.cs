namespace CxWarehouse.Generator.Simulation;

/// <summary>One Qualtrics response row (times in UTC; the sink writes them in the account zone).</summary>
internal sealed class SurveyResponse
{
    public required DateTime Start { get; init; }
    public required DateTime End { get; init; }
    public required DateTime Recorded { get; init; }
    public required string IpAddress { get; init; }
    public required int Progress { get; init; }
    public required bool Finished { get; init; }
    public required string ResponseId { get; init; }
    public string LastName { get; init; } = "";
    public string FirstName { get; init; } = "";
    public string Email { get; init; } = "";
    public string ExternalReference { get; init; } = "";
    public required double Latitude { get; init; }
    public required double Longitude { get; init; }
    public required string Channel { get; init; }
    public required string Language { get; init; }
    public int? Nps { get; init; }
    public int? Csat { get; init; }
    public int? Ces { get; init; }
    public string Comment { get; init; } = "";
    public required string Touchpoint { get; init; }
    public required string LocationCode { get; init; }
}
