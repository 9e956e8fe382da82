[assembly: AssemblyFixture(typeof(Ecommerce.Tests.EcommerceAppFixture))]

namespace Ecommerce.Tests;

/// <summary>The whole distributed application, started once for the test assembly, one replica of each service.</summary>
public sealed class EcommerceAppFixture : AppHostInstance;
