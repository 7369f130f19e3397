"""Writes the batch benchmark's input: N rows `row,body,jd_tt`, bodies venus/moon/mars/jupiter, epochs uniform
over 0001-01-01 (Julian) … 2000-01-01, fixed seed. Usage: python3 scripts/make_batch_rows.py N [SEED] > rows.csv
"""
import random
import sys


def main():
    n = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    bodies = ["venus", "moon", "mars", "jupiter"]
    out = sys.stdout
    out.write("row,body,jd_tt\n")
    for i in range(1, n + 1):
        out.write(f"{i},{rng.choice(bodies)},{rng.uniform(1721423.5, 2451544.5):.6f}\n")


if __name__ == "__main__":
    main()
