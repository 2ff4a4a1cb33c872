using CxWarehouse.Etl.Runs;

namespace CxWarehouse.Etl.Tests.Transform;

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("email=jane.doe@example.com, id=7", "email=j***@***, id=7")]
    [InlineData("phone=+44 20 7946 0123", "phone=***23")]
    [InlineData("phone=(020) 7946-0123 and 11987654321", "phone=***23 and ***21")]
    [InlineData("customer_key=C8f9caa1bd88d540b, occurrences=2", "customer_key=C8f9caa1bd88d540b, occurrences=2")]
    [InlineData("last_order_at=2026-11-22 20:52:15", "last_order_at=2026-11-22 20:52:15")]
    [InlineData("run 20261123T210356Z-abc: read 1039582, loaded 1039000", "run 20261123T210356Z-abc: read 1039582, loaded 1039000")]
    [InlineData("caller 11987654321 and sha 0038d0000hf1x5EAAQ", "caller ***21 and sha 0038d0000hf1x5EAAQ")]
    // A KPI value is a measure, not a phone: it once printed as value=-0.***33.
    [InlineData("kpi=nps, value=-0.1234567833, n=12", "kpi=nps, value=-0.1234567833, n=12")]
    [InlineData("value=0.12345678901", "value=0.12345678901")]
    [InlineData("phone=555.123.4567", "phone=***67")]
    // A stream's count and its seconds: it once printed as "deduplicated ***.3 s)".
    [InlineData("connect calls.calls: deduplicated 5517 (36.3 s)", "connect calls.calls: deduplicated 5517 (36.3 s)")]
    [InlineData("phone=+1 (555) 123-4567", "phone=***67")]
    public void Mask_HidesEmailsAndPhones_KeepsTheRest(string text, string expected) =>
        Assert.Equal(expected, PersonalData.Mask(text));
}
