using System.Text;
using System.Text.RegularExpressions;

namespace Ecommerce.Shared.Webhooks;

/// <summary>Topic patterns as RabbitMQ reads them (words separated by dots, <c>*</c> one word, <c>#</c> any number of
/// words), turned into one regular expression that PostgreSQL's <c>~</c> and .NET read alike.</summary>
public static partial class EventPatterns
{
    public const int MaxLength = 100;

    public static bool IsValid(string pattern) => pattern.Length <= MaxLength && ValidPattern().IsMatch(pattern);

    /// <summary>An anchored expression that matches an event type when any of <paramref name="patterns"/> does.</summary>
    public static string ToRegex(IEnumerable<string> patterns) =>
        $"^({string.Join('|', patterns.Select(PatternRegex))})$";

    /// <summary>Valid patterns hold only letters, digits, <c>_</c>, dots and wildcards, none special to either engine.</summary>
    private static string PatternRegex(string pattern)
    {
        var words = pattern.Split('.');
        if (words is ["#"])
        {
            return ".+";
        }

        var regex = new StringBuilder();
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] == "#")
            {
                // A leading "#" takes the separators of the words it stands for; elsewhere it brings its own.
                regex.Append(i == 0 ? "([^.]+\\.)*" : "(\\.[^.]+)*");
                continue;
            }

            if (i > 0 && !(i == 1 && words[0] == "#"))
            {
                regex.Append("\\.");
            }

            regex.Append(words[i] == "*" ? "[^.]+" : words[i]);
        }

        return regex.ToString();
    }

    [GeneratedRegex(@"\A(\*|#|[a-z0-9_]+)(\.(\*|#|[a-z0-9_]+))*\z")]
    private static partial Regex ValidPattern();
}
