-- Scenario 3: POST /orders by many signed-in users on a large stock.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local first, count = tonumber(os.getenv("BENCH_FIRST_PRODUCT")), tonumber(os.getenv("BENCH_PRODUCTS"))
math.randomseed(os.time())
request = function()
  local body = string.format('{"items":[{"product_id":%d,"quantity":1}],"payment_method":"credit_card"}',
    first + math.random(0, count - 1))
  return wrk.format("POST", "/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[math.random(1, #tokens)],
  }, body)
end
