-- Scenario 7: GET /cart by many signed-in users, each cart of a few lines priced from the catalog.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/cart", { ["Authorization"] = "Bearer " .. tokens[math.random(1, #tokens)] })
end
