using System.Net;
using System.Text.Json;

namespace CdsHooksIcans.Service.Tests.Infrastructure;

/// <summary>Fails the test when a successful hook response (POST /cds-services/{id}) breaks a <see cref="CardRules"/> rule.</summary>
public sealed class CardRulesCheckingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (IsHookCall(request) && response.StatusCode == HttpStatusCode.OK)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var violations = CardRules.Check(body.RootElement);
            Assert.True(violations.Count == 0, $"{request.RequestUri} answered cards that break CDS Hooks rules:\n" + string.Join('\n', violations));
        }

        return response;
    }

    private static bool IsHookCall(HttpRequestMessage request)
        => request.Method == HttpMethod.Post
           && request.RequestUri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["cds-services", _];
}
