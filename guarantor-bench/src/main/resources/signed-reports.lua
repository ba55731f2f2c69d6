-- wrk script: sends signed reports read from a file that SignedLoad --presign wrote, one line a
-- request (key, party, signed-at, nonce, signature, body, tab-separated), each once, shared
-- between wrk's threads; once they run out, a thread sends GET /health instead (not counted).
-- Run: wrk -t2 -c64 -d10s -s signed-reports.lua http://127.0.0.1:PORT -- FILE 2 (the 2: wrk's -t)

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  reports = {}
  local k = 0
  for line in io.lines(args[1]) do
    if k % (tonumber(args[2]) or 2) == id then
      local f = {}
      for field in string.gmatch(line, "([^\t]*)\t?") do table.insert(f, field) end
      table.insert(reports, f)
    end
    k = k + 1
  end
  sent = 0
  created = 0
  other = 0
end

function request()
  sent = sent + 1
  local f = reports[sent]
  if f == nil then
    return wrk.format("GET", "/health")
  end
  return wrk.format("POST", "/api/v1/reports", {
    ["Content-Type"] = "application/json",
    ["Guarantor-Key"] = f[1],
    ["Guarantor-Party"] = f[2],
    ["Guarantor-Signed-At"] = f[3],
    ["Guarantor-Nonce"] = f[4],
    ["Guarantor-Signature"] = f[5],
  }, f[6])
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status ~= 200 then
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  io.write(string.format("signed reports created: %d in %.2f s = %.0f reports/s; other answers: %d\n",
    c, summary.duration / 1e6, c / (summary.duration / 1e6), o))
end
