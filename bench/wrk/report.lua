-- Shared by the bench scripts: counts answers by status in every wrk thread and prints one
-- machine-readable line at the end (bench/run parses it):
--   RESULT requests=… duration_s=… ok=… non2xx=… socket_errors=… p50_ms=… p99_ms=… max_ms=…
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

ok = 0
non2xx = 0

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local okSum, badSum = 0, 0
  for _, thread in ipairs(threads) do
    okSum = okSum + thread:get("ok")
    badSum = badSum + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f ok=%d non2xx=%d socket_errors=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
    summary.requests, summary.duration / 1e6, okSum, badSum, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
