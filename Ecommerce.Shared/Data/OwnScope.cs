using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Shared.Data;

public static class OwnScope
{
    /// <summary>Runs <paramref name="read"/> with a database context of its own. A cache factory needs one: the cache
    /// may let a factory finish in the background after its request ended, when the request's context is disposed or
    /// already serves another request from the pool.</summary>
    public static async Task<T> ReadAsync<T>(
        this IServiceScopeFactory scopes, Func<EcommerceDbContext, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<EcommerceDbContext>(), cancellationToken);
    }
}
