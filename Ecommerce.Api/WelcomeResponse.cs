namespace Ecommerce.Api;

/// <summary>The answer of <c>GET /</c>, as the old service gave it.</summary>
public sealed record WelcomeResponse(string Message, string Version);
