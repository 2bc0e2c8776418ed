-- GET /monitor/logs with a bearer token from TOKEN (an admin's, to read every record).
-- LOGS_FILTER=student: the newest 200 of a random student RA-0 .. RA-(LOGS_STUDENTS - 1) per request;
-- anything else: the newest 200 of the whole log.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local by_student = os.getenv("LOGS_FILTER") == "student"
local students = tonumber(os.getenv("LOGS_STUDENTS") or "10000")

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
end

function request()
  local path = "/monitor/logs?limit=200"
  if by_student then
    path = path .. "&student_id=RA-" .. math.random(0, students - 1)
  end
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. os.getenv("TOKEN")})
end
