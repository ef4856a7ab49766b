namespace CdsHooksIcans.Service.Security;

/// <summary>
/// Answers Chrome's Private Network Access preflight (a public page such as the CDS Hooks sandbox calling
/// http://localhost). ASP.NET Core CORS does not know the header, so the grant rides on CORS's own decision:
/// it is added only to preflight responses that CORS allowed.
/// </summary>
internal sealed class PrivateNetworkAccessMiddleware(RequestDelegate next)
{
    public const string RequestHeader = "Access-Control-Request-Private-Network";
    public const string AllowHeader = "Access-Control-Allow-Private-Network";

    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsOptions(context.Request.Method)
            && string.Equals(context.Request.Headers[RequestHeader], "true", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                if (response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.AccessControlAllowOrigin))
                {
                    response.Headers[AllowHeader] = "true";
                }

                return Task.CompletedTask;
            }, context.Response);
        }

        return next(context);
    }
}
