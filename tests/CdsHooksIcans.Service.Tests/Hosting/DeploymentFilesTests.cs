using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CdsHooksIcans.Service.Authentication;
using CdsHooksIcans.Service.Feedback;
using CdsHooksIcans.Service.Hooks;
using CdsHooksIcans.Service.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CdsHooksIcans.Service.Tests.Hosting;

/// <summary>
/// No container engine runs on the project's machines, so the Dockerfile, <c>deploy/compose.yaml</c>, nginx, the collector
/// and the Kubernetes manifests are never built or run here. These tests keep them in step with the code instead: every
/// setting they name is one the service binds, every port is the one the image listens on, every path they name exists
/// (probe routes, copied files, content mounts). Plain regexes over the files: no YAML library.
/// </summary>
public sealed class DeploymentFilesTests
{
    /// <summary>
    /// Environment variables the runtime, ASP.NET Core or the OpenTelemetry SDK read (not the service's configuration
    /// classes), so they cannot be resolved by reflection: each must be named here on purpose.
    /// </summary>
    private static readonly HashSet<string> PlatformVariables = new(StringComparer.Ordinal)
    {
        "ASPNETCORE_URLS",             // Kestrel's listening address (the image: http://+:8080)
        "ASPNETCORE_ENVIRONMENT",      // Production outside Development (authentication Required)
        "DOTNET_GCgen0size",           // the GC's gen0 budget, environment only (docs/adr/0010)
        "OTEL_EXPORTER_OTLP_ENDPOINT", // OpenTelemetry SDK: OTLP export on when set (issue 19, item 4)
        "OTEL_SERVICE_NAME",           // OpenTelemetry SDK: service.name
        "OTEL_RESOURCE_ATTRIBUTES",    // OpenTelemetry SDK: service.instance.id per replica
    };

    private static readonly Regex SettingName = new(
        @"(?<![A-Za-z0-9_$])(CdsHooks(?:__|:)[A-Za-z0-9_:]+|ConnectionStrings(?:__|:)[A-Za-z0-9_]+|ASPNETCORE_[A-Z0-9_]+|DOTNET_[A-Za-z0-9_]+|OTEL_[A-Z0-9_]+)",
        RegexOptions.CultureInvariant);

    [Fact]
    public void EverySettingTheFilesName_IsOneTheServiceReads()
    {
        var sections = OptionsSections();
        var connectionStrings = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            RedisJtiReplayCache.ConnectionStringName,
            FeedbackOptions.ConnectionStringName,
        };
        var unknown = new List<string>();
        var named = 0;
        foreach (var (file, name) in NamedSettings())
        {
            named++;
            var key = name.Replace("__", ":", StringComparison.Ordinal).TrimEnd(':', '_');
            var known = key.StartsWith("CdsHooks:", StringComparison.Ordinal)
                ? Resolves(key, sections)
                : key.StartsWith("ConnectionStrings:", StringComparison.Ordinal)
                    ? connectionStrings.Contains(key["ConnectionStrings:".Length..])
                    : PlatformVariables.Contains(name);
            if (!known)
            {
                unknown.Add($"{file}: {name}");
            }
        }

        Assert.True(named > 20, $"only {named} settings found: the pattern no longer matches the files");
        Assert.True(unknown.Count == 0, "Settings the deployment files name that the service does not read:\n" + string.Join('\n', unknown.Distinct()));
    }

    [Fact]
    public void SettingResolution_RefusesWhatTheOptionsClassesDoNotHave()
    {
        var sections = OptionsSections();

        Assert.True(Resolves("CdsHooks:Feedback:Provider", sections));
        Assert.True(Resolves("CdsHooks:PublicBaseUrl", sections));
        Assert.True(Resolves("CdsHooks:Authentication:Clients:0:FhirServers:1", sections));
        Assert.True(Resolves("CdsHooks:Fhir:CircuitBreaker", sections));
        Assert.True(Resolves("cdshooks:grading:carTWindow", sections));
        Assert.False(Resolves("CdsHooks:Feedback:Providr", sections));
        Assert.False(Resolves("CdsHooks:Authentication:Clients:first:Issuer", sections));
        Assert.False(Resolves("CdsHooks:Feedback:Provider:Name", sections));
        Assert.False(Resolves("CdsHooks:Nothing:Here", sections));
    }

    [Fact]
    public void EveryPort_IsTheOneTheImageListensOn()
    {
        var dockerfile = Read("Dockerfile");
        var port = Single(dockerfile, @"ASPNETCORE_URLS=http://\+:(\d+)");
        var mismatches = new List<string>();
        void Expect(string where, IEnumerable<string> found)
        {
            var ports = found.ToList();
            if (ports.Count == 0)
            {
                mismatches.Add($"{where}: no port found");
            }

            mismatches.AddRange(ports.Where(p => p != port).Select(p => $"{where}: {p}"));
        }

        Expect("Dockerfile EXPOSE", All(dockerfile, @"^EXPOSE (\d+)"));
        Expect("Dockerfile HEALTHCHECK", All(dockerfile, @"/dev/tcp/127\.0\.0\.1/(\d+)"));
        Expect("nginx upstream", All(Read("deploy/nginx/nginx.conf"), @"^\s*server cdshooks-[a-z]+:(\d+)"));
        Expect("collector scrape targets", All(Read("deploy/otel-collector.yaml"), @"""cdshooks-[a-z]+:(\d+)"""));
        Expect("Deployment containerPort", All(Read("deploy/kubernetes/deployment.yaml"), @"containerPort: (\d+)"));
        Expect("Deployment scrape annotation", All(Read("deploy/kubernetes/deployment.yaml"), @"prometheus\.io/port: ""(\d+)"""));
        // Nothing may move the service to another port behind the image's back.
        foreach (var file in DeploymentFiles().Where(f => f != "Dockerfile"))
        {
            mismatches.AddRange(All(Read(file), @"ASPNETCORE_URLS\W+http://[^:\s]+:(\d+)").Where(p => p != port).Select(p => $"{file}: ASPNETCORE_URLS port {p}"));
        }

        // The Service forwards to the named container port, and nginx's published port is the one it listens on.
        Assert.Contains("targetPort: http", Read("deploy/kubernetes/service.yaml"), StringComparison.Ordinal);
        Assert.Contains("name: http\n              containerPort:", Read("deploy/kubernetes/deployment.yaml"), StringComparison.Ordinal);
        var nginxListen = Single(Read("deploy/nginx/nginx.conf"), @"^\s*listen (\d+);");
        Assert.Contains($"\"{nginxListen}:{nginxListen}\"", Read("deploy/compose.yaml"), StringComparison.Ordinal);
        Assert.True(mismatches.Count == 0, $"Ports other than the image's {port}:\n" + string.Join('\n', mismatches));
    }

    [Fact]
    public void NginxAndTheCollector_NameBothComposeReplicas()
    {
        var replicas = All(Read("deploy/compose.yaml"), @"^  (cdshooks-[a-z]+):\s*$").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, replicas.Count);
        Assert.Equal(replicas, All(Read("deploy/nginx/nginx.conf"), @"^\s*server (cdshooks-[a-z]+):").Order(StringComparer.Ordinal));
        Assert.Equal(replicas, All(Read("deploy/otel-collector.yaml"), @"""(cdshooks-[a-z]+):\d+""").Order(StringComparer.Ordinal));
        Assert.Contains("proxy_next_upstream error timeout non_idempotent;", Read("deploy/nginx/nginx.conf"), StringComparison.Ordinal);
        Assert.Equal("2", Single(Read("deploy/kubernetes/deployment.yaml"), @"^  replicas: (\d+)"));
    }

    [Fact]
    public async Task ProbePaths_AreRoutesOfTheService()
    {
        var deployment = Read("deploy/kubernetes/deployment.yaml");
        var liveness = Single(deployment, @"livenessProbe:\s+httpGet:\s+path: (\S+)");
        var readiness = Single(deployment, @"readinessProbe:\s+httpGet:\s+path: (\S+)");
        var startup = Single(deployment, @"startupProbe:\s+httpGet:\s+path: (\S+)");
        var healthcheck = Single(Read("Dockerfile"), @"GET (\S+) HTTP/1\.1");
        Assert.Equal("/healthz", liveness);
        Assert.Equal("/readyz", readiness);
        Assert.Equal(liveness, startup);
        Assert.Equal(liveness, healthcheck);

        using var factory = new CdsServiceFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(liveness, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(readiness, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/no-such-probe", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public void TheScrapePath_IsTheSameEverywhere()
    {
        var path = Single(Read("deploy/kubernetes/telemetry.env"), @"^CdsHooks__Telemetry__PrometheusScrapeEndpoint=(\S+)");
        Assert.Equal(path, Single(Read("deploy/otel-collector.yaml"), @"metrics_path: (\S+)"));
        Assert.Equal(path, Single(Read("deploy/kubernetes/deployment.yaml"), @"prometheus\.io/path: (\S+)"));
        Assert.Equal(path, Single(Read("deploy/nginx/nginx.conf"), @"location = (\S+) \{\s*return 404;"));
    }

    [Fact]
    public void Dockerfile_CopiesFilesThatExist_AndEveryProject()
    {
        var dockerfile = Read("Dockerfile");
        var ignored = Read(".dockerignore").Split('\n').Select(l => l.Trim().TrimEnd('/')).Where(l => l.Length > 0 && l[0] != '#').ToHashSet(StringComparer.Ordinal);
        var sources = Regex.Matches(dockerfile, @"^COPY (?!--)(.+) \S+$", RegexOptions.Multiline)
            .SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            var path = RepositoryRoot.File(source.TrimEnd('/'));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"Dockerfile copies {source}, which is not in the repository");
            Assert.DoesNotContain(source.Split('/')[0], ignored);
        }

        // npm packages of the bedside app may carry sample projects of their own (react-native-securerandom does).
        var projects = Directory.GetFiles(RepositoryRoot.File("src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(RepositoryRoot.Path, p).Replace('\\', '/'))
            .Where(p => !p.Contains("/node_modules/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(projects, sources.Where(s => s.EndsWith(".csproj", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal($"[\"dotnet\", \"{typeof(ContentOptions).Assembly.GetName().Name}.dll\"]", Single(dockerfile, @"^ENTRYPOINT (.+)$"));
    }

    [Fact]
    public void Dockerfile_RunsAsTheUserKubernetesExpects_WithTheGcBudgetOfTheReadme()
    {
        var dockerfile = Read("Dockerfile");
        var user = Single(dockerfile, @"^USER (\S+)$");
        Assert.Matches(@"^[1-9]\d*$", user);
        Assert.Equal(user, Single(Read("deploy/kubernetes/deployment.yaml"), @"runAsUser: (\d+)"));
        Assert.Equal($"{user}:{user}", Single(dockerfile, @"chown (\S+) "));

        var budget = Single(dockerfile, @"DOTNET_GCgen0size=(0x[0-9A-Fa-f]+)");
        Assert.Equal(budget, Single(Read("README.md"), @"^DOTNET_GCgen0size=(0x[0-9A-Fa-f]+) "));
    }

    [Fact]
    public void ContentMounts_AreWhereTheContentSettingsPoint()
    {
        var dockerfile = Read("Dockerfile");
        var runtimeStage = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        var appFolder = Single(runtimeStage, @"^WORKDIR (\S+)$");
        var settings = Read("deploy/kubernetes/configmap-settings.yaml");
        var deployment = Read("deploy/kubernetes/deployment.yaml");

        // The SQLite folder the image makes writable is the one the default DatabasePath lands in (content root = WORKDIR).
        var dataFolder = Path.GetDirectoryName(new FeedbackOptions().DatabasePath)!;
        Assert.Contains($"mkdir -p {appFolder}/{dataFolder} ", dockerfile, StringComparison.Ordinal);

        // Card overrides mount under CardsPath, resolved against the application folder, each over a card file the image has.
        var cardsPath = All(settings, @"CdsHooks__Content__CardsPath: (\S+)").SingleOrDefault() ?? new ContentOptions().CardsPath;
        var cardsFolder = cardsPath.StartsWith('/') ? cardsPath : $"{appFolder}/{cardsPath}";
        var cardMounts = Regex.Matches(deployment, @"- name: cards\s+mountPath: (\S+)\s+subPath: (\S+)");
        Assert.NotEmpty(cardMounts);
        var generated = All(Read("deploy/kubernetes/kustomization.yaml"), @"^\s+- (\S+\.json=\S+)$")
            .Select(entry => entry.Split('='))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        foreach (Match mount in cardMounts)
        {
            var target = mount.Groups[1].Value;
            Assert.StartsWith(cardsFolder + "/", target, StringComparison.Ordinal);
            var cardFile = "cards/" + target[(cardsFolder.Length + 1)..];
            Assert.True(File.Exists(RepositoryRoot.File(cardFile)), $"{target} overrides {cardFile}, which the image does not have");
            Assert.True(generated.TryGetValue(mount.Groups[2].Value, out var source), $"no generated ConfigMap key {mount.Groups[2].Value}");
            // The shipped override is the repository's file: it shows how, and changes nothing until an overlay edits it.
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Read(cardFile)), JsonNode.Parse(Read("deploy/kubernetes/" + source))),
                $"deploy/kubernetes/{source} differs from {cardFile}");
        }

        // Terminology: the image's folder first (a list set replaces the default), then each mounted folder.
        var terminology = All(settings, @"CdsHooks__Content__TerminologyPaths__\d+: (\S+)").ToList();
        Assert.Equal(ContentOptions.DefaultTerminologyPath, terminology[0]);
        Assert.True(Directory.Exists(RepositoryRoot.File(terminology[0].Replace("content/", "", StringComparison.Ordinal))));
        var mounts = All(deployment, @"mountPath: (\S+)").ToHashSet(StringComparer.Ordinal);
        Assert.All(terminology.Skip(1), folder => Assert.Contains(folder, mounts));
    }

    /// <summary>Every file under deploy/ (the card override JSON aside) and the Dockerfile, relative to the repository root.</summary>
    private static IEnumerable<string> DeploymentFiles()
        => Directory.GetFiles(RepositoryRoot.File("deploy"), "*", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(".json", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/'))
            .Append("Dockerfile")
            .Order(StringComparer.Ordinal);

    private static IEnumerable<(string File, string Name)> NamedSettings()
        => DeploymentFiles().SelectMany(file => SettingName.Matches(Read(file)).Select(match => (file, match.Groups[1].Value)));

    /// <summary>Each configuration section the service binds, to its options type: every type with a <c>Section</c> constant
    /// is either the options class itself or the validator of one (<c>IValidateOptions&lt;T&gt;</c>).</summary>
    private static Dictionary<string, Type> OptionsSections()
        => typeof(ContentOptions).Assembly.GetTypes()
            .Select(type => (Type: type, Field: type.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.Field is { IsLiteral: true } && t.Field.FieldType == typeof(string))
            .ToDictionary(
                t => (string)t.Field!.GetRawConstantValue()!,
                t => t.Type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidateOptions<>))?.GetGenericArguments()[0] ?? t.Type,
                StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="key"/> binds: its longest known section, then a property per segment (an index for a list).</summary>
    private static bool Resolves(string key, Dictionary<string, Type> sections)
    {
        var segments = key.Split(':');
        for (var length = segments.Length; length > 0; length--)
        {
            if (sections.TryGetValue(string.Join(':', segments[..length]), out var type))
            {
                return Walk(type, segments.AsSpan(length));
            }
        }

        return false;
    }

    private static bool Walk(Type type, ReadOnlySpan<string> segments)
    {
        while (segments.Length > 0)
        {
            if (ElementType(type) is { } element)
            {
                if (!int.TryParse(segments[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return false;
                }

                type = element;
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                type = type.GetGenericArguments()[1];
            }
            else if (type.GetProperty(segments[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } property
                && !IsLeaf(type))
            {
                type = property.PropertyType;
            }
            else
            {
                return false;
            }

            segments = segments[1..];
        }

        return true;
    }

    private static Type? ElementType(Type type)
        => type.IsArray ? type.GetElementType()
            : type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments() is [var element]
                ? element
                : null;

    private static bool IsLeaf(Type type)
        => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(decimal)
            || Nullable.GetUnderlyingType(type) is not null;

    private static string Read(string relativePath) => File.ReadAllText(RepositoryRoot.File(relativePath)).ReplaceLineEndings("\n");

    private static IEnumerable<string> All(string text, string pattern)
        => Regex.Matches(text, pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant).Select(m => m.Groups[1].Value);

    private static string Single(string text, string pattern)
    {
        var found = All(text, pattern).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(found.Count == 1, $"expected one value of /{pattern}/, found {found.Count}: {string.Join(", ", found)}");
        return found[0];
    }
}
