using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CdsHooksIcans.IntegrationTests.Replicas;

/// <summary>
/// Debian's nginx on a loopback port in front of the replicas, as a hospital's load balancer: round robin, and a request
/// whose replica fails to answer (connection refused or reset) is sent to the next one, POSTs too: every CDS call is
/// idempotent (hooks store nothing but the issued-card record; feedback is keyed by its content).
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cdshooks-nginx-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; } = ChildProcess.FreePort();

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts nginx in front of <paramref name="upstreamPorts"/> on this proxy's <see cref="Port"/>.</summary>
    public async Task StartAsync(IEnumerable<int> upstreamPorts)
    {
        var proxy = this;
        Directory.CreateDirectory(proxy._folder);
        // Workers run as nobody when the master is root: they write request bodies to temp folders here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(proxy._folder, (UnixFileMode)0x1FF);
        }
        var servers = string.Concat(upstreamPorts.Select(p => string.Create(CultureInfo.InvariantCulture, $"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n")));
        var config = string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes 1;
            error_log {{proxy._folder}}/error.log warn;
            pid {{proxy._folder}}/nginx.pid;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{proxy._folder}}/body;
              proxy_temp_path {{proxy._folder}}/proxy;
              fastcgi_temp_path {{proxy._folder}}/fastcgi;
              uwsgi_temp_path {{proxy._folder}}/uwsgi;
              scgi_temp_path {{proxy._folder}}/scgi;
              client_max_body_size 2m;
              upstream cds {
            {{servers}}    keepalive 32;
              }
              server {
                listen 127.0.0.1:{{proxy.Port}};
                location / {
                  proxy_pass http://cds;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host:$server_port;
                  proxy_next_upstream error timeout non_idempotent;
                  proxy_next_upstream_tries 2;
                  proxy_connect_timeout 1s;
                  proxy_read_timeout 10s;
                }
              }
            }
            """);
        var configFile = Path.Combine(proxy._folder, "nginx.conf");
        await File.WriteAllTextAsync(configFile, config);
        var nginx = ChildProcess.Find("nginx", "apt-get install nginx-light", "/usr/sbin");
        proxy._process = ChildProcess.Start(nginx, ["-p", proxy._folder, "-c", configFile, "-g", "daemon off;"], proxy._output);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await ChildProcess.WaitUntilAsync(async () => (await http.GetAsync(new Uri(proxy.BaseUrl, "/healthz"))).IsSuccessStatusCode, "nginx", proxy._output, proxy._process);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
