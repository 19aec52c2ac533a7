-- One wrk script for every workload, configured through the environment:
--   BENCH_METHOD       GET (default) or POST
--   BENCH_CT           Content-Type of the body (default application/x-www-form-urlencoded)
--   BENCH_AUTH         the Authorization header value, if any
--   BENCH_BODY         a fixed request body
--   BENCH_BODY_FILE    a file with one body per line; each request takes the next line, and a
--                      line is never sent twice (refresh tokens: each one is spent by its request).
--                      When the file runs out, the script wraps around only if BENCH_BODY_CYCLE=1;
--                      otherwise the extra requests are counted as "exhausted" and fail honestly.
--   BENCH_HEADER_NAME, BENCH_HEADER_FILE
--                      a header whose value comes from a file, one per line, taken like the body
--                      lines (DPoP proofs: each is accepted once); with a body file, both advance together.
-- done() prints one machine-readable line, "BENCH key=value ...", that bench/lib.sh parses.
-- Statuses outside 2xx are counted by the response hook, since wrk's own summary only counts
-- socket errors and "Non-2xx or 3xx responses".

local method = os.getenv("BENCH_METHOD") or "GET"
local content_type = os.getenv("BENCH_CT") or "application/x-www-form-urlencoded"
local auth = os.getenv("BENCH_AUTH")
local fixed_body = os.getenv("BENCH_BODY")
local body_file = os.getenv("BENCH_BODY_FILE")
local cycle = os.getenv("BENCH_BODY_CYCLE") == "1"
local header_name = os.getenv("BENCH_HEADER_NAME")
local header_file = os.getenv("BENCH_HEADER_FILE")

local threads = {}
local created = 0

function setup(thread)
   thread:set("tid", created) -- a global in the thread's own Lua state
   created = created + 1
   table.insert(threads, thread)
end

local bodies = nil
local header_values = nil
local next_body = 0
local stride = 1
non2xx = 0
exhausted = 0
first_failure = ""
statuses = ""
local status_counts = {}

function init(args)
   stride = tonumber(os.getenv("BENCH_THREADS") or "1")
   next_body = (tid or 0) + 1
   wrk.method = method
   wrk.headers["Content-Type"] = (method == "POST") and content_type or nil
   if auth and auth ~= "" then
      wrk.headers["Authorization"] = auth
   end
   if fixed_body and fixed_body ~= "" then
      wrk.body = fixed_body
   end
   bodies = read_lines(body_file)
   header_values = read_lines(header_file)
end

function read_lines(file)
   if not file or file == "" then
      return nil
   end
   local lines = {}
   for line in io.lines(file) do
      if line ~= "" then
         lines[#lines + 1] = line
      end
   end
   return lines
end

function request()
   local lines = bodies or header_values
   if lines == nil then
      return wrk.format()
   end
   local n = #lines
   local i = next_body
   next_body = next_body + stride
   if i > n then
      if cycle then
         i = ((i - 1) % n) + 1
      else
         exhausted = exhausted + 1
         i = n -- a spent body: the server refuses it, and the refusal is counted as an error
      end
   end
   if header_values then
      wrk.headers[header_name] = header_values[i]
   end
   return wrk.format(nil, nil, nil, bodies and bodies[i] or nil)
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      status_counts[status] = (status_counts[status] or 0) + 1
      local parts = {}
      for s, c in pairs(status_counts) do
         parts[#parts + 1] = s .. ":" .. c
      end
      statuses = table.concat(parts, ",")
      if first_failure == "" then
         first_failure = status .. " " .. string.sub(string.gsub(body or "", "%s+", " "), 1, 160)
      end
   end
end

function done(summary, latency, requests)
   local bad, spent, failure, codes = 0, 0, "", ""
   for _, thread in ipairs(threads) do
      bad = bad + (thread:get("non2xx") or 0)
      spent = spent + (thread:get("exhausted") or 0)
      local f = thread:get("first_failure") or ""
      if failure == "" and f ~= "" then
         failure = f
      end
      local s = thread:get("statuses") or ""
      if s ~= "" then
         codes = (codes == "" and s) or (codes .. "," .. s)
      end
   end
   local e = summary.errors
   local socket = e.connect + e.read + e.write + e.timeout
   io.write(string.format(
      "BENCH requests=%d duration_us=%d rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d exhausted=%d statuses=%s\n",
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, bad, socket, spent, (codes == "" and "-" or codes)))
   if failure ~= "" then
      io.write("BENCH_FIRST_FAILURE " .. failure .. "\n")
   end
end
