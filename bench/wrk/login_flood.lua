-- Scenario 5: wrong sign-ins with random usernames, each connection paced to BENCH_FLOOD_INTERVAL_MS between requests,
-- counting what the API refused (429) and what it failed (5xx).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local interval = tonumber(os.getenv("BENCH_FLOOD_INTERVAL_MS"))
local threads = {}

function setup(thread) table.insert(threads, thread) end

function init()
  math.randomseed(os.time() + math.random(1, 1e6))
  refused, failed = 0, 0
end

function delay() return interval end

request = function()
  local body = string.format('{"username":"flood_%d_%d","password":"wrong-password"}', math.random(1, 1e9), math.random(1, 1e9))
  return wrk.format("POST", "/users/login", { ["Content-Type"] = "application/json" }, body)
end

function response(status)
  if status == 429 then refused = refused + 1 elseif status >= 500 then failed = failed + 1 end
end

function done(summary, latency, requests)
  local refusedTotal, failedTotal = 0, 0
  for _, thread in ipairs(threads) do
    refusedTotal = refusedTotal + thread:get("refused")
    failedTotal = failedTotal + thread:get("failed")
  end
  -- Every answer here is a 401 or a 429 by design; only transport errors and 5xx count as errors.
  summary.errors.status = failedTotal
  report(summary, latency, string.format(', "refused": %d', refusedTotal))
end
