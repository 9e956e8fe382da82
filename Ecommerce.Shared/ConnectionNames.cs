namespace Ecommerce.Shared;

/// <summary>The connection names the AppHost gives the servers (<c>ConnectionStrings__NAME</c>).</summary>
public static class ConnectionNames
{
    public const string Database = "ecommerce";
    public const string Cache = "redis";
    public const string Messaging = "rabbitmq";
}
