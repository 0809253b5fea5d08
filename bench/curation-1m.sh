#!/usr/bin/env bash
# Time and peak memory of importing, validating, deduplicating and splitting a generated JSONL file of N lines
# (default 1,000,000) through ./evalgate, each step under /usr/bin/time -v. Work files go to a fresh /tmp/curate-bench-*.
# Usage: bench/curation-1m.sh [LINES]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lines="${1:-1000000}"
work="$(mktemp -d /tmp/curate-bench-XXXXXX)"
python3 - "$lines" "$work/tickets.jsonl" <<'PY'
import json, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
topics = ["refund", "delivery", "invoice", "password", "warranty", "voucher", "address", "size", "colour", "parcel"]
categories = ["billing", "shipping", "account", "product"]
with open(path, "w") as out:
    for i in range(n):
        words = " ".join(rng.choice(topics) for _ in range(8))
        out.write(json.dumps({"ticket_id": f"T-{i:07d}", "q": f"Question about {words}?",
                              "answer": f"Answer about {rng.choice(topics)} number {i}.",
                              "category": rng.choice(categories)}) + "\n")
PY
ls -l "$work/tickets.jsonl"
step() {
  local name="$1"; shift
  /usr/bin/time -v "$@" > "$work/$name.out" 2> "$work/$name.time"
  printf '%-9s %8s s  peak RSS %7d MiB\n' "$name" \
    "$(grep 'Elapsed (wall clock)' "$work/$name.time" | awk '{print $NF}')" \
    "$(( $(grep 'Maximum resident set size' "$work/$name.time" | awk '{print $NF}') / 1024 ))"
}
cd "$root"
./evalgate --version > /dev/null   # builds the jar first, outside the timings
step import ./evalgate datasets import --format jsonl "$work/tickets.jsonl" --map 'input.question=$.q' \
  --map 'expected.reference=$.answer' --map 'tags=$.category' --id '$.ticket_id' \
  --out "$work/corpus" --name tickets --version 1.0.0
step validate ./evalgate datasets validate "$work/corpus"
step dedupe ./evalgate datasets dedupe "$work/corpus"
step split ./evalgate datasets split "$work/corpus" --splits train=0.8,dev=0.1,test=0.1 --seed 7 --out "$work/splits"
cat "$work/dedupe.out" "$work/split.out"
echo "work files: $work (remove when done)"
