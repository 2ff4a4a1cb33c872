namespace CxWarehouse.Generator.Catalog;

/// <summary>A contact-centre agent (Salesforce User, Connect agent or Asterisk extension).</summary>
internal sealed record Agent(
    string UserId,
    string Username,
    string Name,
    Location Location,
    double Skill,
    string ConnectAgentId,
    int Extension);
