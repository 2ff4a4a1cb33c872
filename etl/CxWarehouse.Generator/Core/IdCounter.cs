namespace CxWarehouse.Generator.Core;

/// <summary>Sequential Salesforce id source for one object, starting at a seed-derived offset.</summary>
internal sealed class IdCounter(string keyPrefix, long start)
{
    private long _next = start;

    public string Next() => SalesforceId.Make(keyPrefix, _next++);
}
