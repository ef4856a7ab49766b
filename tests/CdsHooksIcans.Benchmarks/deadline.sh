#!/usr/bin/env bash
# Does CdsHooks:Fhir:HookDeadline hold end to end under load? patient-view calls without prefetch, so every key falls
# back to a FHIR server slower than the deadline, many at once; wrk records max and p99 latency. See docs/benchmarks.md.
# Needs Debian's wrk. Knobs: DELAY_MS (3000; MIN-MAX draws per request), BODY_GAP_MS (0: pause between the two halves
# of each FHIR body), CONNECTIONS (64), THREADS (2), DURATION (30s), WARMUP (10s), DEADLINE (00:00:02),
# OUT (/tmp/cdshooks-deadline), ARTIFACTS (/tmp/art-bench), SERVICE_PORT (5093), FHIR_PORT (5094), BUILD (1; 0 reuses
# the last build in ARTIFACTS), SERVICE_ENV (more NAME=value settings for the service), SERVICE_DLL (another published
# service to measure, such as the code before a change; with BUILD=0).
# Take the machine's measurement lock around it: flock /tmp/integration.lock tests/CdsHooksIcans.Benchmarks/deadline.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DELAY_MS=${DELAY_MS:-3000}
BODY_GAP_MS=${BODY_GAP_MS:-0}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
DEADLINE=${DEADLINE:-00:00:02}
OUT=${OUT:-/tmp/cdshooks-deadline}
read -r -a SERVICE_ENV <<<"${SERVICE_ENV-}"
ARTIFACTS=${ARTIFACTS:-/tmp/art-bench}
SERVICE_PORT=${SERVICE_PORT:-5093}
FHIR_PORT=${FHIR_PORT:-5094}
SERVICE_URL=http://127.0.0.1:$SERVICE_PORT
FHIR_URL=http://127.0.0.1:$FHIR_PORT

command -v wrk >/dev/null || { echo "install Debian's wrk first" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT"

if [ "${BUILD:-1}" != 0 ]; then
echo "== build (Release) and publish the service as it deploys (ReadyToRun)"
dotnet build "$ROOT/tests/CdsHooksIcans.Benchmarks" -c Release --artifacts-path "$ARTIFACTS" -nologo -v quiet >"$OUT/build.log" \
  || { cat "$OUT/build.log"; exit 1; }
dotnet publish "$ROOT/src/CdsHooksIcans.Service" -c Release -r linux-x64 --self-contained false -o "$ARTIFACTS/service-publish" \
  --artifacts-path "$ARTIFACTS" -nologo -v quiet >>"$OUT/build.log" || { cat "$OUT/build.log"; exit 1; }
fi
BENCH=$ARTIFACTS/bin/CdsHooksIcans.Benchmarks/release/CdsHooksIcans.Benchmarks.dll
SERVICE=${SERVICE_DLL:-$ARTIFACTS/service-publish/CdsHooksIcans.Service.dll}

for url in "$SERVICE_URL" "$FHIR_URL"; do
  if curl -s -o /dev/null "$url"; then echo "something already answers on $url: stop it first" >&2; exit 1; fi
done

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

dotnet "$BENCH" slow-fhir --delay-ms "$DELAY_MS" --body-gap-ms "$BODY_GAP_MS" --urls "$FHIR_URL" >"$OUT/fhir.log" 2>&1 &
pids+=("$!")

# As load.sh starts it: Development (authentication Disabled), Production's logging levels, the rate limit lifted.
(cd "$(dirname "$SERVICE")" && exec env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$SERVICE_URL" \
  Logging__LogLevel__Default=Warning CdsHooks__Authentication__Mode=Disabled \
  CdsHooks__RateLimit__BurstLimit=1000000 CdsHooks__RateLimit__RequestsPerPeriod=1000000 \
  CdsHooks__Fhir__HookDeadline="$DEADLINE" CdsHooks__Feedback__DatabasePath="$OUT/feedback.db" \
  DOTNET_GCgen0size=0x3000000 "${SERVICE_ENV[@]}" dotnet "$SERVICE" >"$OUT/service.log" 2>&1) &
service_pid=$!
pids+=("$service_pid")
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$SERVICE_URL/readyz" || true)" = 200 ]; do
  kill -0 "$service_pid" 2>/dev/null || { cat "$OUT/service.log"; exit 1; }
  sleep 0.05
done

# No prefetch: every key is read from the slow server.
cat >"$OUT/body.json" <<EOF
{"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea","fhirServer":"$FHIR_URL/fhir",
 "context":{"patientId":"slow-patient","userId":"Practitioner/load"}}
EOF
status=$(curl -s -o "$OUT/first.json" -w '%{http_code} %{time_total}' -X POST -H 'Content-Type: application/json' \
  --data-binary "@$OUT/body.json" "$SERVICE_URL/cds-services/icans-patient-view")
echo "one call alone: status and seconds $status"

# wrk's own timeout (2 s by default) would drop exactly the late answers this measures.
run_wrk() { BODY_FILE=$OUT/body.json wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 30s --latency \
  -s "$ROOT/tests/CdsHooksIcans.Benchmarks/post.lua" "$SERVICE_URL/cds-services/icans-patient-view" >"$OUT/$1.wrk"; }
echo "== warm-up $WARMUP, then $DURATION of wrk -t$THREADS -c$CONNECTIONS; FHIR delay ${DELAY_MS} ms, body gap ${BODY_GAP_MS} ms, deadline $DEADLINE"
# CPU the service spent (user + system, clock ticks), so a cost per call can be set against the cores there are.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$service_pid/stat"; }
run_wrk warm "$WARMUP"
cpu_before=$(cpu_ticks)
run_wrk load "$DURATION"
cpu_after=$(cpu_ticks)

{
  echo
  echo "== results ($(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(git -C "$ROOT" rev-parse --short HEAD))"
  echo "deadline $DEADLINE, FHIR delay ${DELAY_MS} ms, body gap ${BODY_GAP_MS} ms, wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
  awk '/requests in/ {print "requests:", $1} /Non-2xx/ {print "non-2xx (412 expected):", $NF} /Socket errors/ {print} /Latency/ && !/Distribution/ {print "latency avg", $2, "stdev", $3, "max", $4}' "$OUT/load.wrk"
  awk '$1 == "50%" || $1 == "90%" || $1 == "99%" {printf "p%s %s  ", substr($1, 1, length($1) - 1), $2} END {print ""}' "$OUT/load.wrk"
  awk -v t="$((cpu_after - cpu_before))" -v hz="$(getconf CLK_TCK)" '/requests in/ {printf "service CPU: %.1f s, %.2f ms per call\n", t / hz, 1000 * t / hz / $1}' "$OUT/load.wrk"
} | tee "$OUT/summary.txt"
