using System.Net;
using CdsHooksIcans.Service.Tests.Infrastructure;

namespace CdsHooksIcans.Service.Tests.SmartApp;

/// <summary>Every endpoint of the bedside app reads its body as one patient's Bundle (AppBundle), and refuses anything else.</summary>
public sealed class AppBundleTests
{
    private static readonly string[] Endpoints = ["/app/api/grade", "/app/api/course"];

    private static readonly (string Body, string Code)[] NotAPatientsBundle =
    [
        ("""{"resourceType":"Patient","id":"p1"}""", "structure"),
        ("""{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Observation","status":"final","code":{"text":"x"}}}]}""", "required"),
        ("""[1, 2, 3]""", "structure"),
    ];

    public static TheoryData<string, string, string> Refused()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var endpoint in Endpoints)
        {
            foreach (var (body, code) in NotAPatientsBundle)
            {
                data.Add(endpoint, body, code);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task AppEndpoint_OfSomethingThatIsNotAPatientsBundle_Is400(string endpoint, string body, string code)
    {
        await using var factory = new CdsServiceFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostRawAsync(endpoint, System.Text.Encoding.UTF8.GetBytes(body));

        var issue = Assert.Single(await response.ReadOutcomeAsync(HttpStatusCode.BadRequest));
        Assert.Equal(code, issue.Code);
    }
}
