using CxWarehouse.Etl.Extract;
using Microsoft.Data.Sqlite;

namespace CxWarehouse.Etl.Tests.Extract;

public sealed class RetryTests
{
    [Fact]
    public void Run_SourceFailingThirtyPercentOfAttempts_AtLeast99PercentOfRunsSucceed()
    {
        var faults = new Random(7);
        var policy = new RetryPolicy(Attempts: 4, BaseDelayMs: 100, MaxDelayMs: 1000);
        var succeeded = 0;
        var attempts = 0;
        const int Runs = 2000;
        for (var run = 0; run < Runs; run++)
        {
            try
            {
                Retry.Run(() =>
                {
                    attempts++;
                    return faults.NextDouble() < 0.3 ? throw new SqliteException("database is locked", 5) : 1;
                }, policy, sleep: _ => { });
                succeeded++;
            }
            catch (SqliteException)
            {
                // Four failures in a row: expected in about 0.3^4 = 0.8% of runs.
            }
        }

        Assert.True(succeeded >= Runs * 0.99, $"{succeeded} of {Runs} runs succeeded");
        Assert.InRange(attempts, Runs * 1.3, Runs * 1.5); // about 1 / (1 - 0.3) attempts per run
    }

    [Theory]
    [InlineData(typeof(UnauthorizedAccessException))]
    [InlineData(typeof(FileNotFoundException))]
    [InlineData(typeof(InvalidOperationException))]
    public void Run_NonTransientFault_FailsAtOnce(Type fault)
    {
        var attempts = 0;

        Assert.Throws(fault, () => Retry.Run<int>(() =>
        {
            attempts++;
            throw (Exception)Activator.CreateInstance(fault, "no")!;
        }, new RetryPolicy(), sleep: _ => { }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public void Delay_GrowsExponentiallyWithJitterAndACap()
    {
        var policy = new RetryPolicy(Attempts: 10, BaseDelayMs: 100, MaxDelayMs: 1000);
        var random = new Random(1);

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var ceiling = Math.Min(1000, 100 * Math.Pow(2, attempt));
            var delays = Enumerable.Range(0, 200).Select(_ => policy.Delay(attempt, random).TotalMilliseconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, 0, ceiling));
            Assert.True(delays.Max() > ceiling * 0.8, "jitter spans the window");
            Assert.True(delays.Distinct().Count() > 100, "delays are jittered");
        }
    }

    [Fact]
    public void Run_SqliteBusyThenFine_RetriesAndReportsEachRetry()
    {
        var retries = new List<int>();
        var calls = 0;

        var value = Retry.Run(() => ++calls < 3 ? throw new SqliteException("busy", 5) : 42,
            new RetryPolicy(), (attempt, _, _) => retries.Add(attempt), sleep: _ => { });

        Assert.Equal(42, value);
        Assert.Equal([1, 2], retries);
    }
}
