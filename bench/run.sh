#!/usr/bin/env bash
# Builds in Release, starts the whole system in local mode, seeds it, drives load with wrk against the API and
# against its ceilings, and prints a Markdown table (also saved under bench/results/).
# Usage: bench/run.sh [seconds per run, default 10] [reads] [orders] [pipeline] [flood] [cart] [search]   (none named: all)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
groups=" ${*:2} "
[ "$groups" = "  " ] && groups=" reads orders pipeline flood cart search "
runs() { [[ $groups == *" $1 "* ]]; }
work=$PWD/bench/.work
rm -rf "$work" && mkdir -p "$work/data" && chmod 755 "$work" "$work/data"
sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
missing=()
command -v wrk >/dev/null || missing+=(wrk)
/usr/bin/python3 -c 'import matplotlib' 2>/dev/null || missing+=(python3-matplotlib)
if [ ${#missing[@]} -gt 0 ]; then
  "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
scripts/install-servers.sh

dotnet build Ecommerce.sln -c Release -v q -nologo >/dev/null
for tool in KestrelCeiling NpgsqlCeiling PipelineDriver; do dotnet build "bench/$tool" -c Release -v q -nologo >/dev/null; done

admin_password="bench-$(date +%s)"
# Every service still exports metrics and logs; traces are sampled as a production deployment at tens of thousands of
# requests per second would, because ingesting them in the dashboard on the same two cores measures the dashboard, not
# the system: at 1 % it took 9-18 % of the machine in the read scenarios, differently from run to run (see README).
trace_sample_ratio=${BENCH_TRACE_SAMPLE_RATIO:-0.001}
export Logging__LogLevel__Default=Warning
# The orchestrator keeps each resource's console output in its folder under the temp directory; it is read back at the
# end for anything the system logged as an error. (dotnet-trace and dotnet-counters need the same TMPDIR to find them.)
export TMPDIR=$work/tmp
mkdir -p "$TMPDIR"
# Production, as deployed: no developer exception page, and the SDK's default telemetry export intervals.
setsid dotnet run -c Release --no-build --project Ecommerce.AppHost -- --environment Production \
  --Infrastructure:Mode=local --Infrastructure:DataPath="$work/data" --Parameters:admin-password="$admin_password" \
  --Parameters:postgres-password=bench-postgres --Parameters:redis-password=bench-redis \
  --Parameters:rabbitmq-password=bench-rabbitmq --Parameters:jwt-signing-key="bench-signing-key-$(head -c 24 /dev/urandom | base64)" \
  --Telemetry:TraceSampleRatio="$trace_sample_ratio" --Webhooks:AllowPrivateNetworks=true \
  > "$work/apphost.log" 2>&1 &
apphost=$!
trap 'kill -TERM -- -$apphost 2>/dev/null; kill $ceiling 2>/dev/null; wait 2>/dev/null' EXIT

# The API's own port, not the orchestrator's proxy in front of it, so that both sides of each ratio are bare Kestrel.
for _ in $(seq 1 240); do
  api_pid=$(pgrep -f 'Release/net10.0/Ecommerce.Api$' || true)
  port=$( [ -n "$api_pid" ] && ss -ltnpH "( sport > :1024 )" 2>/dev/null | grep "pid=$api_pid," | grep -oE '127.0.0.1:[0-9]+|\[::1\]:[0-9]+' | head -1 | grep -oE '[0-9]+$' || true)
  [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "$apphost" 2>/dev/null || { tail -20 "$work/apphost.log" >&2; exit 1; }
  sleep 0.5
done
api="http://127.0.0.1:$port"
pg_port=$(ss -ltnpH | grep postgres | grep -oE '127.0.0.1:[0-9]+' | head -1 | grep -oE '[0-9]+$')
echo "API at $api, PostgreSQL at $pg_port" >&2

first_product=$(python3 bench/seed.py "$api" "$admin_password" 200 200 "$work")
export BENCH_WRK_DIR=$PWD/bench/wrk BENCH_FIRST_PRODUCT=$first_product BENCH_PRODUCTS=200 BENCH_TOKENS=$work/tokens.txt
export BENCH_SEARCH_WORDS=$PWD/bench/search-words.txt

ASPNETCORE_URLS=http://127.0.0.1:5199 bench/KestrelCeiling/bin/Release/net10.0/KestrelCeiling > /dev/null 2>&1 &
ceiling=$!
sleep 1

database="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=bench-postgres;Database=ecommerce"
tool() { name=$1; shift; "bench/$name/bin/Release/net10.0/$name" "$@"; }
# Each run prints one "RESULT {json}" line; label it with its scenario and level.
record() { grep '^RESULT ' | sed "s|^RESULT |{\"scenario\": \"$1\", \"level\": $2, \"result\": |; s|\$|}|" >> "$results"; }
# Orders leave work behind (events to publish and consume); each run starts once the machine is quiet again.
busy() { awk 'NR == 1 { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat; }
settle() {
  for _ in $(seq 1 40); do
    read -r busy1 idle1 < <(busy); sleep 0.5; read -r busy2 idle2 < <(busy)
    (( (busy2 - busy1) * 3 < (idle2 - idle1) )) && return
  done
}
# One line per run on stderr: what runs now and about how long is left.
planned=0
for group in reads:9 orders:6 pipeline:5 flood:1 cart:4 search:5; do runs "${group%%:*}" && planned=$((planned + ${group##*:})); done
done_runs=0
progress() {
  done_runs=$((done_runs + 1))
  echo "[$done_runs/$planned] $1, about $(( (planned - done_runs + 1) * (duration + 12) / 60 + 1 )) min left" >&2
}
wrk_run() { progress "$1 at $2"; settle; wrk -t2 -c"$2" -d"${duration}s" --timeout 5s -s "bench/wrk/$4" "$3" | record "$1" "$2"; }

results=$work/results.jsonl
: > "$results"
measuring_since=$(date -u +%Y-%m-%dT%H:%M:%S)
# Warm up (JIT, pools, caches) before anything is measured; these results are discarded.
for script in product.lua list.lua order.lua; do wrk -t2 -c64 -d3s -s "bench/wrk/$script" "$api" > /dev/null; done
wrk -t2 -c64 -d3s -s bench/wrk/product.lua http://127.0.0.1:5199 > /dev/null
tool NpgsqlCeiling order "$database" "$first_product" 200 64 3 > /dev/null
# The payment and event paths reach steady state (tiered JIT, pools, heap sizes) only after a few thousand orders.
tool PipelineDriver "$api" "$database" "$work/tokens.txt" "$first_product" 200 200 15 > /dev/null 2>&1
for connections in 16 64 256; do
  if runs reads; then
    wrk_run "ceiling: bare Kestrel" "$connections" http://127.0.0.1:5199 product.lua
    wrk_run "1. GET /products/{id}" "$connections" "$api" product.lua
    wrk_run "2. GET /products?limit=20" "$connections" "$api" list.lua
  fi
  if runs orders; then
    progress "ceiling: raw Npgsql order at $connections"
    settle; tool NpgsqlCeiling order "$database" "$first_product" 200 "$connections" "$duration" | record "ceiling: raw Npgsql order" "$connections"
    wrk_run "3. POST /orders" "$connections" "$api" order.lua
  fi
done
if runs flood; then
  progress "5. sign-in flood beside cached reads"
  # 20 connections, each waiting 100 ms between sign-ins: about 200 wrong sign-ins a second with random usernames, seven
  # times the rate whose password hashing alone once took both cores. The reads beside it are compared with scenario 1
  # at 64 connections.
  settle
  BENCH_FLOOD_INTERVAL_MS=100 wrk -t1 -c20 -d"$((duration + 2))s" --timeout 5s -s bench/wrk/login_flood.lua "$api" \
    | record "5. sign-in flood" 20 &
  flood=$!
  sleep 1
  wrk -t2 -c64 -d"${duration}s" --timeout 5s -s bench/wrk/product.lua "$api" | record "5. GET /products/{id} during the flood" 64
  wait $flood
fi
if runs cart; then
  wrk_run "ceiling: bare Kestrel" 64 http://127.0.0.1:5199 product.lua
  wrk_run "7. GET /cart" 64 "$api" cart.lua
fi
# The pipeline runs with a webhook receiver (the Kestrel ceiling's POST /hooks) subscribed to every event, to show
# whether deliveries keep up; it is subscribed only now, so that the earlier scenarios send none.
subscribe() {
  python3 - "$api" "$admin_password" <<'PY'
import json, sys, urllib.request
api, password = sys.argv[1], sys.argv[2]
def post(path, body, token=None):
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    with urllib.request.urlopen(urllib.request.Request(api + path, json.dumps(body).encode(), headers)) as response:
        return json.load(response)
token = post("/users/login", {"username": "admin", "password": password})["access_token"]
print(post("/webhooks", {"url": "http://127.0.0.1:5199/hooks", "events": ["#"], "description": "bench"}, token)["id"])
PY
}
# The pipeline steps its offered rate up to find its knee (the highest rate at which every order ends paid, at the
# offered rate, with p99 order-to-paid under 1 s) and its ceiling: a step that pays less than 80 % of its offer is
# the last.
if runs pipeline; then
  export BENCH_WEBHOOK_SUBSCRIPTION=$(subscribe)
  # The warm-up above ran without a subscription, so the dispatcher and its connections are still cold; the first
  # step after starting the system was the slowest of every series run by hand. These results are discarded too.
  tool PipelineDriver "$api" "$database" "$work/tokens.txt" "$first_product" 200 200 5 > /dev/null 2>&1
  for rate in 200 400 700 1000 1400; do
    progress "4. pipeline at $rate orders/s"
    settle; tool PipelineDriver "$api" "$database" "$work/tokens.txt" "$first_product" 200 "$rate" "$duration" | record "4. pipeline" "$rate"
    python3 bench/report.py --keeps-up "$results" "4. pipeline" "$rate" || break
  done
  unset BENCH_WEBHOOK_SUBSCRIPTION
fi
if runs cart; then
  for rate in 100 200; do
    progress "8. cart to paid at $rate orders/s"
    settle; tool PipelineDriver "$api" "$database" "$work/tokens.txt" "$first_product" 200 "$rate" "$duration" cart | record "8. cart to paid" "$rate"
  done
fi
# Last, because it makes the catalog 100,000 products larger for everything after it.
if runs search; then
  progress "seeding 100,000 products for search"
  tool NpgsqlCeiling seed-search "$database" "$BENCH_SEARCH_WORDS" 100000
  wrk -t2 -c64 -d3s -s bench/wrk/search.lua "$api" > /dev/null
  for connections in 16 64; do
    progress "ceiling: raw Npgsql search at $connections"
    settle; tool NpgsqlCeiling search "$database" "$BENCH_SEARCH_WORDS" "$connections" "$duration" | record "ceiling: raw Npgsql search" "$connections"
    wrk_run "6. GET /products?search=" "$connections" "$api" search.lua
  done
fi

rss() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$(pgrep -f "Release/net10.0/$1\$" | head -1)/status"; }
table=$(python3 bench/report.py "$results" "$(rss Ecommerce.Api)" "$(rss Ecommerce.OrderConsumer)" "$(rss Ecommerce.PaymentWorker)")
{ read -r error_count cancellations; errors=$(cat); } < <(python3 bench/service_errors.py "$TMPDIR" "$measuring_since")
table+=$'\n\n'"Errors the services and PostgreSQL logged during the runs: $error_count"
table+=$'\n\n'"Statements canceled because wrk ended a run with their requests in flight: $cancellations"
[ "$error_count" -gt 0 ] && table+=$'\n\n```\n'"$errors"$'\n```'
echo "$table"
stamp="$(date -u +%Y-%m-%dT%H%MZ)-$(git rev-parse --short HEAD)"
{ echo "# Benchmark $stamp"; echo; echo "$(nproc) cores, ${duration}s per run, wrk -t2, groups:$groups, trace sample ratio $trace_sample_ratio"; echo; echo "$table"; } > "bench/results/$stamp.md"
# The picture of every saved run's ratios, with Debian's matplotlib.
/usr/bin/python3 bench/plot.py >&2
