namespace CxWarehouse.Generator.Simulation;

/// <summary>What a planned web session does.</summary>
internal enum SessionKind
{
    Browse,
    Research,
    CartAbandon,
    Lead,
    AbandonedCheckout,
    Checkout,
    Account,
}
