using System.Reflection;

namespace Ecommerce.Api.Http;

public static class EndpointNames
{
    /// <summary>Names every endpoint below <paramref name="builder"/> after its handler method, so that a route table
    /// need not repeat each handler's name as a string: the name is the operation's id in the OpenAPI document and the
    /// route's name for links. An endpoint that is given a name of its own keeps that one.</summary>
    public static TBuilder NamedAfterHandlers<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            // A lambda's method has a name that the compiler made up, with angle brackets in it.
            if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler && !handler.Name.Contains('<')
                && !endpoint.Metadata.OfType<IEndpointNameMetadata>().Any())
            {
                endpoint.Metadata.Add(new EndpointNameMetadata(handler.Name));
                endpoint.Metadata.Add(new RouteNameMetadata(handler.Name));
            }
        });
        return builder;
    }
}
