-- wrk script for the nutrition/workouts benchmarks: replay a list of prepared requests.
--
--   wrk ... -s bench/wrk_requests.lua http://127.0.0.1:PORT -- /path/to/requests.tsv
--
-- Each line of the file is one request: METHOD <tab> PATH <tab> TOKEN <tab> BODY (BODY may be
-- empty; a non-empty body is sent as application/json). Every thread walks the list from its
-- own offset, round-robin. The non-2xx counting and the WRK_JSON report line come from
-- wrk_report.lua (loaded from this script's folder).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk_report.lua")

local report_setup, report_init = setup, init
local thread_count = 0

function setup(thread)
   report_setup(thread)
   thread:set("thread_no", thread_count)
   thread_count = thread_count + 1
end

local requests = {}
local position = 0

function init(args)
   report_init(args)
   local file = assert(io.open(args[1], "r"), "no requests file: " .. tostring(args[1]))
   for line in file:lines() do
      local method, path, token, body = line:match("^([^\t]+)\t([^\t]+)\t([^\t]*)\t?(.*)$")
      if method then
         local headers = {}
         if token ~= "" then
            headers["Authorization"] = "Bearer " .. token
         end
         if body ~= "" then
            headers["Content-Type"] = "application/json"
         else
            body = nil
         end
         table.insert(requests, wrk.format(method, path, headers, body))
      end
   end
   file:close()
   assert(#requests > 0, "the requests file is empty")
   -- Spread the threads over the list (thread_no is set by setup() before init runs).
   position = ((thread_no or 0) * 7919) % #requests
end

function request()
   position = position % #requests + 1
   return requests[position]
end
