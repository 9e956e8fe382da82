-- Scenario 6: GET /products?search=<two words>&limit=20 over the 100,000-product catalog, words as the ceiling picks them.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local words = {}
for line in io.lines(os.getenv("BENCH_SEARCH_WORDS")) do
  for word in line:gmatch("%S+") do words[#words + 1] = word end
end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/products?search=" .. words[math.random(1, #words)] .. "+" .. words[math.random(1, #words)] .. "&limit=20")
end
