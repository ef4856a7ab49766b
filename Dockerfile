# syntax=docker/dockerfile:1
# The CDS Hooks ICANS service as an image: built and published ReadyToRun for linux-x64 in the SDK image, run on the
# ASP.NET Core runtime image as a non-root user. At the repository root because the build needs the whole tree
# (src/, cards/, fhir-profiles/, the shared Directory.*.props): `docker build -t cdshooks-icans .`
#
# No container engine runs on the project's machines, so this file is not built there:
# tests/CdsHooksIcans.Service.Tests/Hosting/DeploymentFilesTests.cs checks that every file it copies exists, every setting
# it names is one the service reads, and its port is the one compose, nginx and Kubernetes use.

# ---- bedside app ---------------------------------------------------------------------------------------------------
# The SMART app (src/bedside-app) is built with Node.js here; the SDK image has no Node, so the publish below takes
# this folder (-p:BedsideAppDist) instead of building it.
FROM node:20-bookworm-slim AS app
WORKDIR /app-src
COPY src/bedside-app/package.json src/bedside-app/package-lock.json src/bedside-app/.npmrc ./
RUN npm ci --no-audit --no-fund
COPY src/bedside-app/ ./
RUN npm run build -- --outDir /bedside-app --emptyOutDir

# ---- build ---------------------------------------------------------------------------------------------------------
# The SDK image carries the newest 10.0 feature band; global.json pins 10.0.401 with rollForward latestFeature.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the project files and the shared build settings alone, so a code change reuses the restore layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/CdsHooksIcans.Grading/CdsHooksIcans.Grading.csproj src/CdsHooksIcans.Grading/
COPY src/CdsHooksIcans.Clinical/CdsHooksIcans.Clinical.csproj src/CdsHooksIcans.Clinical/
COPY src/CdsHooksIcans.Service/CdsHooksIcans.Service.csproj src/CdsHooksIcans.Service/
RUN dotnet restore src/CdsHooksIcans.Service/CdsHooksIcans.Service.csproj -r linux-x64

# The service's csproj copies cards/ and fhir-profiles/ into the output's content/ folder (CdsHooks:Content defaults).
COPY src/ src/
COPY cards/ cards/
COPY fhir-profiles/ fhir-profiles/
COPY --from=app /bedside-app/ /bedside-app/
# PublishReadyToRun is set in the csproj: the Firely model is large to JIT at start (docs/benchmarks.md, start-up).
RUN dotnet publish src/CdsHooksIcans.Service/CdsHooksIcans.Service.csproj -c Release -r linux-x64 --self-contained false \
    --no-restore -o /app -p:BuildBedsideApp=false -p:BedsideAppDist=/bedside-app/

# ---- runtime -------------------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# Binaries and content stay owned by root: the service cannot change what it serves.
COPY --from=build /app ./

# The only folder the service writes: the SQLite feedback file of the single-instance default
# (CdsHooks:Feedback:DatabasePath = data/feedback.db, under the content root /app). Mount a volume here to keep it.
# Replicas use PostgreSQL (CdsHooks:Feedback:Provider = PostgreSql) and write nothing.
RUN mkdir -p /app/data && chown 1654:1654 /app/data

# 1654 is the image's unprivileged `app` user ($APP_UID); numeric so Kubernetes' runAsNonRoot can verify it.
USER 1654

# DOTNET_GCgen0size: a 48 MB gen0 budget; the runtime reads it from the environment only (docs/adr/0010).
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_GCgen0size=0x3000000
EXPOSE 8080

# Liveness, as Kubernetes' liveness probe: /healthz answers once the process listens and runs no checks. The image has
# no curl or wget; bash's /dev/tcp sends the request. Orchestrators route traffic on /readyz (compose, Kubernetes).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["dotnet", "CdsHooksIcans.Service.dll"]
