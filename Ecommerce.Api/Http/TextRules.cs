namespace Ecommerce.Api.Http;

public static class TextRules
{
    /// <summary>Text that PostgreSQL can store: it refuses the NUL character outright.</summary>
    public static IRuleBuilderOptions<T, string?> StorableText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || !text.Contains('\0'))
            .WithMessage("'{PropertyName}' must not hold NUL characters.")
            .WithErrorCode("text");

    public static IRuleBuilderOptions<T, string?> NotBlank<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || text.Trim().Length > 0)
            .WithMessage("'{PropertyName}' must not be blank.")
            .WithErrorCode("blank");
}
