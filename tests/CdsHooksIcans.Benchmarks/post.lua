-- wrk script: POST the JSON body in the file named by BODY_FILE on every request.
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

-- With PAUSE_MS set, each connection waits that long after an answer before its next request: a steady rate below the
-- peak (connections / (latency + pause)), for the latency at half of peak throughput.
local pause = tonumber(os.getenv("PAUSE_MS") or "")
if pause then
  function delay()
    return pause
  end
end
