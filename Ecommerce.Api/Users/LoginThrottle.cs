using StackExchange.Redis;

namespace Ecommerce.Api.Users;

/// <summary>What the throttle says of one sign-in attempt.</summary>
public readonly record struct LoginAdmission(bool Admitted, TimeSpan RetryAfter, bool ThrottleUnavailable = false)
{
    public static readonly LoginAdmission Yes = new(true, TimeSpan.Zero);
}

/// <summary>
/// Counts sign-in attempts per username in Redis, so every API replica sees the same count. The attempt is counted
/// before its password is checked, in one atomic step, so parallel guesses cannot all slip under the limit: after
/// <see cref="MaxFailures"/> attempts without a success the username is refused, before any hashing, until the window
/// passes. A success clears the count. Keyed by username, not by address, so that many people behind one address are
/// never blocked by one another.
/// </summary>
public sealed class LoginThrottle(IConnectionMultiplexer redis, ILogger<LoginThrottle> logger)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static readonly LuaScript CountAttempt = LuaScript.Prepare("""
        local attempts = redis.call('INCR', @key)
        if attempts == 1 then redis.call('PEXPIRE', @key, @window) end
        return {attempts, redis.call('PTTL', @key)}
        """);

    /// <summary>Counts this attempt and says whether its password may be checked. While Redis does not answer, no
    /// attempt is admitted: a throttle that cannot count must not let guesses through uncounted.</summary>
    public async Task<LoginAdmission> AdmitAsync(string normalizedUsername)
    {
        try
        {
            var counted = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                CountAttempt, new { key = Key(normalizedUsername), window = (long)Window.TotalMilliseconds }))!;
            var attempts = (long)counted[0];
            var timeToLive = TimeSpan.FromMilliseconds(Math.Max(0, (long)counted[1]));
            return attempts <= MaxFailures ? LoginAdmission.Yes : new LoginAdmission(false, timeToLive);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            logger.LogWarning(exception, "The sign-in throttle cannot reach Redis; sign-ins are refused until it answers");
            return new LoginAdmission(false, TimeSpan.FromSeconds(1), ThrottleUnavailable: true);
        }
    }

    public async Task ResetAsync(string normalizedUsername)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(Key(normalizedUsername));
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            // The count expires by itself; a user who just signed in must not be refused their token for it.
            logger.LogWarning(exception, "The sign-in throttle could not clear a count in Redis");
        }
    }

    private static RedisKey Key(string normalizedUsername) => $"login-failures:{normalizedUsername}";
}
