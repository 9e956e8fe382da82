-- Shared by every scenario: prints one JSON line that bench/run.sh collects.
function report(summary, latency, extra)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format('RESULT {"rps": %.1f, "p50_ms": %.2f, "p99_ms": %.2f, "errors": %d, "requests": %d%s}\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors, summary.requests, extra or ""))
end

function done(summary, latency, requests) report(summary, latency) end
