-- POST /predict/batch: BATCH_SIZE students (default 500) per request, with a bearer token from
-- TOKEN. Each thread cycles through a few bodies whose student ids and features differ, so that
-- the log's indexes see many students, as a real load writes them.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local size = tonumber(os.getenv("BATCH_SIZE") or "500")
local turmas = {"A", "B", "C", "D"}
local generos = {"Menina", "Menino"}
local pedras = {"Quartzo", "Ágata", "Ametista", "Topázio"}
local bodies = {}
local next_body = 1

local function student(n)
  return string.format('{"student_id": "RA-%d", "features": {"fase": %d, "idade": %d, "ano_ingresso": %d,'
    .. ' "score_inde": %.1f, "score_iaa": %.1f, "score_ieg": %.1f, "score_ips": %.1f, "score_ida": %.1f,'
    .. ' "score_ipv": %.1f, "score_ian": %.1f, "nota_cg": %d, "nota_cf": %d, "nota_ct": %d, "num_avaliacoes": %d,'
    .. ' "defasagem": %d, "turma": "%s", "genero": "%s", "pedra_modal": "%s"}}',
    n, n % 8, 7 + n % 14, 2016 + n % 7, 3 + (n % 65) / 10, (n % 100) / 10, (n % 100) / 10,
    2.5 + (n % 75) / 10, (n % 99) / 10, 2.5 + (n % 75) / 10, 2.5 + 2.5 * (n % 4), 1 + n % 862, 1 + n % 192,
    1 + n % 18, 2 + n % 3, n % 8 - 5, turmas[n % 4 + 1], generos[n % 2 + 1], pedras[n % 4 + 1])
end

function init(args)
  -- every thread has a Lua state of its own; the address of a new table tells them apart
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
  local seed = math.random(1, 1000000)
  for b = 1, 8 do
    local students = {}
    for i = 1, size do
      students[i] = student(seed * 10 + b * 100003 + i * 7919)
    end
    bodies[b] = '{"students": [' .. table.concat(students, ",") .. ']}'
  end
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN")}, body)
end
