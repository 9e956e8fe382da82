-- Scenario 1: GET /products/{id} for ids spread over the seeded catalog (served from the cache).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local first, count = tonumber(os.getenv("BENCH_FIRST_PRODUCT")), tonumber(os.getenv("BENCH_PRODUCTS"))
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/products/" .. (first + math.random(0, count - 1)))
end
