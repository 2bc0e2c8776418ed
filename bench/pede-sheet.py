#!/usr/bin/env python3
"""Writes a synthetic PEDE 2022-layout CSV of N students (default 1,000,000) for the scoring and
feature-loading benchmarks. Every value lies within the bundled models' rules, so every row is
scored; the students are invented (seeded), nothing comes from the NGO's data. Never commit the
output.

    python3 bench/pede-sheet.py 1000000 > /tmp/pede-1m.csv
"""
import random
import sys

HEADER = ("RA,Fase,Turma,Idade 22,Gênero,Ano ingresso,Pedra 20,Pedra 21,Pedra 22,INDE 22,Cg,Cf,Ct,Nº Av,"
          "IAA,IEG,IPS,IDA,IPV,IAN,Defas")
STONES = ["Ametista", "Quartzo", "Topázio", "Ágata", ""]


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    prefix = sys.argv[2] if len(sys.argv) > 2 else "RA-"
    rng = random.Random(13)
    out = sys.stdout
    out.write(HEADER + "\n")
    for i in range(rows):
        fase = rng.randint(0, 7)
        out.write(",".join((
            f"{prefix}{i}", str(fase), rng.choice("ABCDEFGHIJKLMN"), str(rng.randint(7, 21)),
            rng.choice(("Menina", "Menino")), str(rng.randint(2016, 2022)), rng.choice(STONES),
            rng.choice(STONES), rng.choice(STONES[:4]), f"{rng.uniform(3.1, 9.4):.3f}",
            str(rng.randint(1, 862)), str(rng.randint(1, 192)), str(rng.randint(1, 18)), str(rng.randint(2, 4)),
            f"{rng.uniform(0, 10):.1f}", f"{rng.uniform(0, 10):.1f}", f"{rng.uniform(2.5, 10):.1f}",
            f"{rng.uniform(0, 9.9):.1f}", f"{rng.uniform(2.5, 10):.3f}", rng.choice(("2.5", "5", "10")),
            str(rng.randint(-5, 2)))) + "\n")


if __name__ == "__main__":
    main()
