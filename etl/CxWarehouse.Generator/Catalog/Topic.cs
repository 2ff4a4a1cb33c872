namespace CxWarehouse.Generator.Catalog;

/// <summary>What a review, comment or ticket is about.</summary>
internal enum Topic
{
    Price,
    Staff,
    Waiting,
    Quality,
    Delivery,
    Booking,
    Communication,
}
