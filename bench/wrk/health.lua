-- GET /health: the HTTP floor (no authentication, no model, no log).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
wrk.method = "GET"
