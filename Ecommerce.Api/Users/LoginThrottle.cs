using StackExchange.Redis;

namespace Ecommerce.Api.Users;

/// <summary>
/// Counts failed sign-ins per username in Redis, so every API replica sees the same count. After
/// <see cref="MaxFailures"/> failures the username is refused until the window passes. Keyed by username, not by
/// address, so that many people behind one address are never blocked by one another.
/// </summary>
public sealed class LoginThrottle(IConnectionMultiplexer redis)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public async Task<TimeSpan?> RetryAfterAsync(string normalizedUsername)
    {
        var database = redis.GetDatabase();
        var failures = (int?)await database.StringGetAsync(Key(normalizedUsername));
        if (failures is null or < MaxFailures)
        {
            return null;
        }

        return await database.KeyTimeToLiveAsync(Key(normalizedUsername)) ?? Window;
    }

    public async Task RecordFailureAsync(string normalizedUsername)
    {
        var database = redis.GetDatabase();
        var failures = await database.StringIncrementAsync(Key(normalizedUsername));
        if (failures == 1)
        {
            await database.KeyExpireAsync(Key(normalizedUsername), Window);
        }
    }

    public Task ResetAsync(string normalizedUsername) => redis.GetDatabase().KeyDeleteAsync(Key(normalizedUsername));

    private static RedisKey Key(string normalizedUsername) => $"login-failures:{normalizedUsername}";
}
