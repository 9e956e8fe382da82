using System.Net;
using System.Net.Sockets;

namespace Ecommerce.Shared.Webhooks;

/// <summary>
/// Keeps webhooks from reaching into the deployment's own network (server-side request forgery): private, loopback,
/// link-local, unique-local and other non-public addresses are refused unless <c>Webhooks:AllowPrivateNetworks</c> is
/// set (development and tests). The API checks a subscription's host when it is created; the dispatcher checks every
/// address it connects to, so a name that later resolves to a private address is refused too.
/// </summary>
public sealed class NetworkGuard(bool allowPrivateNetworks)
{
    public const string AllowPrivateNetworksSetting = "Webhooks:AllowPrivateNetworks";

    public bool Allows(IPAddress address) => allowPrivateNetworks || IsPublic(address);

    /// <summary>Whether every address <paramref name="host"/> resolves to is allowed; false when it does not resolve.</summary>
    public async Task<bool> AllowsHostAsync(string host, CancellationToken cancellationToken)
    {
        if (allowPrivateNetworks)
        {
            return true;
        }

        try
        {
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken);
            return addresses.Length > 0 && addresses.All(IsPublic);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.Equals(IPAddress.Broadcast) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 => b[1] is < 64 or > 127,
            169 => b[1] != 254,
            172 => b[1] is < 16 or > 31,
            192 => !(b[1] == 168 || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99)),
            198 => !(b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100)),
            203 => !(b[1] == 0 && b[2] == 113),
            >= 224 => false,
            _ => true,
        };
    }
}
