-- wrk script for bench/intake.py: POST one complaint per request to /api/v1/complaints.
--   INTAKE_BODY='{"kind": ...}' wrk -t2 -c8 -d20s --timeout 10s -s bench/intake.lua \
--     http://127.0.0.1:PORT/api/v1/complaints
-- intake.py owns the JSON body (the floor's limit.lua complaint, with a region that exists in
-- aduan's region table) and passes it in INTAKE_BODY, so wrk, the pre-flight request and the
-- Python fallback client all send the same bytes.
-- INTAKE_IDEM=1 adds a unique Idempotency-Key per request (aduan then also writes an
-- IdempotencyRecord row); by default no key is sent, like the floor.
-- done() prints one machine-readable "RESULT ..." line (latencies in ms), as limit.lua does.
local body = os.getenv("INTAKE_BODY")
assert(body and #body > 0, "set INTAKE_BODY (bench/intake.py does)")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = body

if os.getenv("INTAKE_IDEM") == "1" then
  -- Each wrk thread runs its own Lua state: number the threads in setup() so keys never
  -- collide across threads, and salt with the start time so a rerun against the same
  -- database does not replay an earlier run's keys.
  local threads = 0
  function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
  end

  local n = 0
  local run = tostring(os.time())
  function request()
    n = n + 1
    wrk.headers["Idempotency-Key"] = string.format("bench-%s-%d-%d", run, tid, n)
    return wrk.format()
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f"
    .. " non2xx=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout))
end
