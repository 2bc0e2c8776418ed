-- POST /predict: one student, with a bearer token from TOKEN; every answer is logged.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = [[{"student_id": "RA-1024", "features": {"fase": 3, "idade": 12, "ano_ingresso": 2020,
  "score_inde": 7.1, "score_iaa": 8.3, "score_ieg": 7.9, "score_ips": 6.9, "score_ida": 6.2, "score_ipv": 7.3,
  "score_ian": 10, "nota_cg": 350, "nota_cf": 70, "nota_ct": 10, "num_avaliacoes": 4, "defasagem": -1,
  "turma": "B", "genero": "Menina", "pedra_modal": "Ametista"}}]]
