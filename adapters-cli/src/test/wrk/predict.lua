-- wrk -s predict.lua: POST /predict with a bearer token from the TOKEN environment variable.
--   TOKEN=$(...) wrk -t2 -c32 -d30s -s predict.lua http://127.0.0.1:8765
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = [[{"student_id": "RA-1024", "features": {"fase": 3, "idade": 12, "ano_ingresso": 2020,
  "score_inde": 7.1, "score_iaa": 8.3, "score_ieg": 7.9, "score_ips": 6.9, "score_ida": 6.2, "score_ipv": 7.3,
  "score_ian": 10, "nota_cg": 350, "nota_cf": 70, "nota_ct": 10, "num_avaliacoes": 4, "defasagem": -1,
  "turma": "B", "genero": "Menina", "pedra_modal": "Ametista"}}]]

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write("non-2xx/3xx: ", summary.errors.status, "\n")
end
