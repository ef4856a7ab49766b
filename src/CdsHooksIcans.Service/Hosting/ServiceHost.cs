using System.Reflection;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Hosting;

/// <summary>
/// Runs the service as a process: a start-up that fails on configuration (a setting, the card or terminology content, the
/// listening address) prints one line per problem on stderr and exits with 1, anything else one line with its type and
/// message and 70, instead of an unhandled exception's stack trace and a crash (exit 134).
/// </summary>
public static class ServiceHost
{
    /// <summary>Exit code for a start-up refused on configuration.</summary>
    public const int ConfigurationError = 1;

    /// <summary>Exit code for any other failure at start-up (EX_SOFTWARE).</summary>
    public const int UnexpectedError = 70;

    /// <param name="args">The command line.</param>
    /// <param name="build">Builds the application; content loaded in it is validated there.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args, Func<string[], WebApplication> build)
    {
        ArgumentNullException.ThrowIfNull(build);

        // Under a test host (WebApplicationFactory) the exception is the test's to see, as it was thrown.
        var reportFailures = Assembly.GetEntryAssembly() == typeof(ServiceHost).Assembly;
        WebApplication? app = null;
        try
        {
            app = build(args);
            // The options validators run here rather than inside StartAsync, so a wrong setting is not also logged as
            // "Hosting failed to start" with its stack trace.
            app.Services.GetService<IStartupValidator>()?.Validate();
            app.Run();
            return 0;
        }
        catch (Exception failure) when (reportFailures && failure is not HostAbortedException)
        {
            var problems = StartupProblems.Describe(failure);
            foreach (var line in problems.Lines)
            {
                Console.Error.WriteLine(line);
            }

            // Flushes the log lines written so far.
            (app as IDisposable)?.Dispose();
            return problems.IsConfiguration ? ConfigurationError : UnexpectedError;
        }
    }
}
