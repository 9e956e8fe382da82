namespace Ecommerce.Api;

public static class ApiLimits
{
    /// <summary>No request of this API needs more; a larger body is refused with 413 before it is read.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;
}
