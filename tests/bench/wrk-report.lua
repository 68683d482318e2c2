-- wrk script for tests/bench/run: one machine-readable line at the end,
-- so the runner can count answers that were not 2xx/3xx apart (a 503 from
-- a full connection table is an answer, not a served request).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "LWBENCH requests=%d duration_us=%d status=%d connect=%d read=%d write=%d timeout=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
