namespace Ecommerce.Api.Http;

public static class MoneyRules
{
    /// <summary>An amount of money has cents at most; a null amount is left to other rules.</summary>
    public static IRuleBuilderOptions<T, decimal?> AtMostTwoDecimals<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.Must(amount => amount is null || decimal.Round(amount.Value, 2) == amount)
            .WithMessage("'{PropertyName}' may have at most 2 decimals.");
}
