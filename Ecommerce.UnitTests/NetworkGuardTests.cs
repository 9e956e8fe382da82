using System.Net;
using Ecommerce.Shared.Webhooks;

namespace Ecommerce.UnitTests;

public sealed class NetworkGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Private_loopback_and_link_local_addresses_are_refused(string address)
    {
        Assert.False(NetworkGuard.IsPublic(IPAddress.Parse(address)));
        Assert.False(new NetworkGuard(allowPrivateNetworks: false).Allows(IPAddress.Parse(address)));
        Assert.True(new NetworkGuard(allowPrivateNetworks: true).Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:4860:4860::8888")]
    public void Public_addresses_are_allowed(string address) => Assert.True(NetworkGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    public async Task A_host_on_a_private_network_is_refused_unless_allowed(string host)
    {
        Assert.False(await new NetworkGuard(allowPrivateNetworks: false).AllowsHostAsync(host, TestContext.Current.CancellationToken));
        Assert.True(await new NetworkGuard(allowPrivateNetworks: true).AllowsHostAsync(host, TestContext.Current.CancellationToken));
    }
}
