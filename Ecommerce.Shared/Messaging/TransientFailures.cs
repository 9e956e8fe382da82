using System.Net.Sockets;

namespace Ecommerce.Shared.Messaging;

public static class TransientFailures
{
    /// <summary>
    /// Whether a failure says that a dependency is unavailable for now (the database down, restarting or refusing
    /// connections, a deadlock or serialization failure, a timeout, a broken socket) rather than that the message
    /// itself cannot be handled. EF Core and Npgsql wrap the cause, so the inner exceptions are asked too.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException or SocketException or IOException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
