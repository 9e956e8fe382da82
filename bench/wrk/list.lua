-- Scenario 2: GET /products?limit=20.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
wrk.path = "/products?limit=20"
