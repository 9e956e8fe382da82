using System.Net.Sockets;
using Ecommerce.Shared.Messaging;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ecommerce.UnitTests;

/// <summary>A consumer keeps a message through an outage and dead-letters only what fails for its own reasons.</summary>
public sealed class TransientFailureTests
{
    public static TheoryData<Exception> Unavailable =>
    [
        new NpgsqlException("Exception while connecting", new SocketException((int)SocketError.ConnectionRefused)),
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown),
        new PostgresException("terminating connection because of crash of another server process", "FATAL", "FATAL", PostgresErrorCodes.CrashShutdown),
        new PostgresException("the database system is in recovery mode", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow),
        new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected),
        new TimeoutException("The operation has timed out."),
        new DbUpdateException("An error occurred while saving the entity changes.", new NpgsqlException("broken", new IOException("reset"))),
        new InvalidOperationException("The retry limit was exceeded.", new NpgsqlException("Exception while reading from stream", new TimeoutException())),
    ];

    public static TheoryData<Exception> OwnFailures =>
    [
        new PostgresException("value too long for type character varying(50)", "ERROR", "ERROR", PostgresErrorCodes.StringDataRightTruncation),
        new DbUpdateException("duplicate", new PostgresException("duplicate key value", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)),
        new KeyNotFoundException("The given key 'order_id' was not present."),
        new InvalidOperationException("Sequence contains no elements"),
    ];

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void A_dependency_that_is_unavailable_is_transient(Exception failure) => Assert.True(TransientFailures.IsTransient(failure));

    [Theory]
    [MemberData(nameof(OwnFailures))]
    public void A_failure_of_the_message_itself_is_not(Exception failure) => Assert.False(TransientFailures.IsTransient(failure));
}
