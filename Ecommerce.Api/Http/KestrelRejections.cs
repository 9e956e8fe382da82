using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;

namespace Ecommerce.Api.Http;

/// <summary>
/// Kestrel answers a request it refuses to parse (a NUL in the path, a request line or headers past its limits) by
/// itself, before any middleware runs, with an empty body, and offers no hook to change that answer. This connection
/// middleware finds such an answer as Kestrel writes it (a 400, 414 or 431 whose headers say <c>Content-Length: 0</c>
/// and close the connection, which no endpoint of this API sends) and writes the error envelope in its place. Every
/// other byte passes through untouched.
/// </summary>
public static class KestrelRejections
{
    public static void UseErrorEnvelopeForRejections(this ListenOptions listen) =>
        listen.Use(next => connection =>
        {
            connection.Transport = new EnvelopingTransport(connection.Transport);
            return next(connection);
        });

    private sealed class EnvelopingTransport(IDuplexPipe inner) : IDuplexPipe
    {
        public PipeReader Input => inner.Input;

        public PipeWriter Output { get; } = new RejectionRewriter(inner.Output);
    }

    private sealed class RejectionRewriter(PipeWriter inner) : PipeWriter
    {
        private static readonly byte[] StatusLinePrefix = "HTTP/1.1 "u8.ToArray();
        private static readonly byte[] EmptyBody = "\r\nContent-Length: 0\r\n"u8.ToArray();
        private static readonly byte[] ConnectionClose = "\r\nConnection: close\r\n"u8.ToArray();
        private static readonly byte[] HeadersEnd = "\r\n\r\n"u8.ToArray();
        private static readonly Dictionary<int, byte[]> Envelopes = new[]
        {
            StatusCodes.Status400BadRequest, StatusCodes.Status414UriTooLong, StatusCodes.Status431RequestHeaderFieldsTooLarge,
        }.ToDictionary(status => status, Envelope);

        private Memory<byte> _lastBuffer;

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override Memory<byte> GetMemory(int sizeHint = 0) => _lastBuffer = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            if (bytes > StatusLinePrefix.Length && _lastBuffer.Length >= bytes
                && EnvelopeInPlaceOf(_lastBuffer.Span[..bytes]) is { } replacement)
            {
                // Nothing of Kestrel's answer was committed; write ours instead.
                inner.Write(replacement);
                return;
            }

            inner.Advance(bytes);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        /// <summary>Kestrel's whole answer with the envelope as its body, when <paramref name="written"/> is one of its
        /// empty rejections; null for anything else.</summary>
        private static byte[]? EnvelopeInPlaceOf(ReadOnlySpan<byte> written)
        {
            if (!written.StartsWith(StatusLinePrefix) || written.Length < StatusLinePrefix.Length + 4
                || !int.TryParse(written.Slice(StatusLinePrefix.Length, 3), out var status)
                || !Envelopes.TryGetValue(status, out var envelope)
                || !written.EndsWith(HeadersEnd) || written.IndexOf(ConnectionClose) < 0)
            {
                return null;
            }

            var emptyBody = written.IndexOf(EmptyBody);
            if (emptyBody < 0)
            {
                return null;
            }

            var headers = Encoding.ASCII.GetString(written[..emptyBody]);
            var rest = Encoding.ASCII.GetString(written[(emptyBody + EmptyBody.Length)..]);
            var answer = $"{headers}\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n" +
                $"Content-Length: {envelope.Length}\r\n{rest}";
            return [.. Encoding.ASCII.GetBytes(answer), .. envelope];
        }

        private static byte[] Envelope(int status) => JsonSerializer.SerializeToUtf8Bytes(
            new ErrorEnvelope(new ErrorBody(ErrorCodes.ForStatus(status), ReasonPhrases.GetReasonPhrase(status))), JsonConventions.Options);
    }
}
