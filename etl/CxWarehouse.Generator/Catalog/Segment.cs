namespace CxWarehouse.Generator.Catalog;

/// <summary>Customer segment; the lowercase name is what CRM and GA4 write.</summary>
internal enum Segment
{
    Wedding,
    Event,
    Portrait,
}
