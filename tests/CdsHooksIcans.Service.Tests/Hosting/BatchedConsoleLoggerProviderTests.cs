using CdsHooksIcans.Service.Hosting;
using System.Globalization;
using CdsHooksIcans.Service.Protocol;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Tests.Hosting;

/// <summary>The batched console logger writes what the framework's console logger wrote, in order, without waiting for shutdown.</summary>
public sealed class BatchedConsoleLoggerProviderTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging(logging => logging.AddConsole()).BuildServiceProvider();
    private readonly StringWriter _output = new(CultureInfo.InvariantCulture);

    public void Dispose() => _services.Dispose();

    private BatchedConsoleLoggerProvider NewProvider() => new(
        _services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(),
        _services.GetServices<ConsoleFormatter>(),
        TextWriter.Synchronized(_output));

    [Fact]
    public void Lines_AreWrittenInOrder_AsTheConsoleFormatterFormatsThem()
    {
        var provider = NewProvider();
        var logger = provider.CreateLogger("Cds.Test");
        for (var i = 0; i < 500; i++)
        {
            logger.LogInformation(new EventId(7), "call {Number} answered", i);
        }

        logger.LogError(new InvalidOperationException("boom"), "failed");
        provider.Dispose();

        var expected = new StringWriter(CultureInfo.InvariantCulture);
        var simple = _services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Simple);
        for (var i = 0; i < 500; i++)
        {
            var state = string.Create(CultureInfo.InvariantCulture, $"call {i} answered");
            simple.Write(new LogEntry<string>(LogLevel.Information, "Cds.Test", new EventId(7), state, null, (s, _) => s), null, expected);
        }

        simple.Write(new LogEntry<string>(LogLevel.Error, "Cds.Test", default, "failed", new InvalidOperationException("boom"), (s, _) => s), null, expected);
        Assert.Equal(expected.ToString(), _output.ToString());
    }

    [Fact]
    public async Task Line_IsWrittenWithinABatchInterval_NotAtShutdown()
    {
        using var provider = NewProvider();
        provider.CreateLogger("Cds.Test").LogWarning("written soon");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_output.ToString().Contains("written soon", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(BatchedConsoleLoggerProvider.BatchInterval);
        }

        Assert.Contains("warn: Cds.Test[0]", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_LogsToTheBatchedConsole_InsteadOfTheFrameworks()
    {
        await using var factory = new CdsServiceFactory();
        using var client = factory.CreateClient();

        var providers = factory.Services.GetServices<ILoggerProvider>().ToList();

        Assert.Contains(providers, p => p is BatchedConsoleLoggerProvider);
        Assert.DoesNotContain(providers, p => p is ConsoleLoggerProvider);
    }

    [Fact]
    public void JsonFormatterSetting_WritesOneJsonObjectPerLine_WithTheTemplatesFields()
    {
        // Logging__Console__FormatterName=json arrives as this key; the framework binds it to the console logger's options.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:Console:FormatterName"] = "json" })
            .Build();
        using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddConsole())
            .BuildServiceProvider();
        var provider = new BatchedConsoleLoggerProvider(
            services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), services.GetServices<ConsoleFormatter>(), TextWriter.Synchronized(_output));
        var logger = provider.CreateLogger("Cds.Test");

        logger.LogInformation(new EventId(1000), "CDS {Kind} {ServiceId} answered {StatusCode}", "hook", "icans-patient-view", 200);
        logger.LogError(new InvalidOperationException("boom"), "failed");
        provider.Dispose();

        Assert.Equal("json", provider.FormatterName);
        var lines = _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = System.Text.Json.JsonDocument.Parse(lines[0]);
        Assert.Equal("Information", first.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal(1000, first.RootElement.GetProperty("EventId").GetInt32());
        Assert.Equal("CDS hook icans-patient-view answered 200", first.RootElement.GetProperty("Message").GetString());
        var state = first.RootElement.GetProperty("State");
        Assert.Equal("icans-patient-view", state.GetProperty("ServiceId").GetString());
        Assert.Equal(200, state.GetProperty("StatusCode").GetInt32());
        using var second = System.Text.Json.JsonDocument.Parse(lines[1]);
        Assert.Equal("Error", second.RootElement.GetProperty("LogLevel").GetString());
    }

    [Fact]
    public async Task Service_WithTheJsonFormatterSetting_FormatsItsConsoleLinesAsJson()
    {
        await using var factory = new CdsServiceFactory().WithSetting("Logging:Console:FormatterName", "json");
        using var client = factory.CreateClient();

        var console = Assert.Single(factory.Services.GetServices<ILoggerProvider>().OfType<BatchedConsoleLoggerProvider>());

        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
    }
}
