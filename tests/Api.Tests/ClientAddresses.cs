using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Api.Tests;

/// <summary>
/// Lets a test say which address a request comes from: the test server has no network
/// connection, so its requests carry no remote address. A host made by <see cref="WithSettings"/>
/// takes the connection's address from <see cref="Header"/> before any of the service's middleware runs.
/// </summary>
public static class ClientAddresses
{
    public const string Header = "X-Test-Client-Address";

    /// <summary>A host over <paramref name="factory"/>'s data folder with <paramref name="settings"/> applied and test-chosen client addresses.</summary>
    public static WebApplicationFactory<Program> WithSettings(this ApiFactory factory, params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, AddressFromHeader>());
        });

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient CreateClientFrom(this WebApplicationFactory<Program> host, string address)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (http.Request.Headers.TryGetValue(Header, out var address))
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return following(http);
            });
            next(app);
        };
    }
}
