namespace Ecommerce.Shared.Data;

public static class DatabaseClock
{
    /// <summary>Now in UTC at PostgreSQL's precision (microseconds), so that a timestamp returned by a write reads
    /// back the same.</summary>
    public static DateTime UtcNowForDatabase(this TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }
}
