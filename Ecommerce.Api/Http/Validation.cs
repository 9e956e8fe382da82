using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ecommerce.Api.Http;

public static partial class Validation
{
    public static IServiceCollection AddRequestValidation(this IServiceCollection services)
    {
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : SnakeCase(member.Name);
        return services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
    }

    /// <summary>Validates the endpoint's <typeparamref name="T"/> argument, found in the request at
    /// <paramref name="location"/> (body or query), and answers 422 with every broken rule.</summary>
    public static RouteHandlerBuilder Validates<T>(this RouteHandlerBuilder builder, string location = "body") =>
        builder
            .AddEndpointFilter(async (context, next) =>
            {
                var argument = context.Arguments.OfType<T>().FirstOrDefault();
                if (argument is null)
                {
                    return await next(context);
                }

                var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
                var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
                if (result.IsValid)
                {
                    return await next(context);
                }

                return ApiResults.Validation(result.Errors
                    .Select(error => new FieldError(Loc(location, error.PropertyName), error.ErrorMessage, ErrorType(error.ErrorCode)))
                    .ToList());
            })
            .Produces<ErrorEnvelope>(StatusCodes.Status422UnprocessableEntity);

    /// <summary>"Items[0].Quantity" in the body becomes ["body", "items", 0, "quantity"].</summary>
    internal static IReadOnlyList<object> Loc(string location, string propertyPath)
    {
        List<object> loc = [location];
        foreach (Match segment in PropertySegment().Matches(propertyPath))
        {
            loc.Add(segment.Groups["index"].Success ? int.Parse(segment.Groups["index"].Value) : SnakeCase(segment.Groups["name"].Value));
        }

        return loc;
    }

    private static string ErrorType(string errorCode) => SnakeCase(errorCode.Replace("Validator", "", StringComparison.Ordinal));

    private static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    [GeneratedRegex(@"(?<name>[A-Za-z_]\w*)|\[(?<index>\d+)\]")]
    private static partial Regex PropertySegment();
}
