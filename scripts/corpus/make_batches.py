"""Write annotation batches (id + sentence) OUTSIDE the repository.

The batches hold third-party sentences, so they go to a scratch folder, never into git.
Usage: python scripts/corpus/make_batches.py OUT_DIR --annotators 6 --event-location 4200
       [--double 300]
Each annotator k gets ``OUT_DIR/a{k}.jsonl`` and, for the agreement study, ``OUT_DIR/a{k}.double.jsonl``:
50-odd sentences of another annotator's batch, labelled blind a second time.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eventwire.eval.silver import sample_pool


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--annotators", type=int, default=6)
    ap.add_argument("--event-location", type=int, default=4200)
    ap.add_argument("--double", type=int, default=300)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pool = sample_pool(args.event_location)
    n = args.annotators
    shares = [pool[k::n] for k in range(n)]
    per = args.double // n
    for k in range(n):
        with (args.out / f"a{k + 1}.jsonl").open("w", encoding="utf-8") as f:
            for sid, text in shares[k]:
                f.write(json.dumps({"id": sid, "text": text}, ensure_ascii=False) + "\n")
        # The double set: the first `per` sentences of the previous annotator's share.
        other = shares[(k - 1) % n][:per]
        with (args.out / f"a{k + 1}.double.jsonl").open("w", encoding="utf-8") as f:
            for sid, text in other:
                f.write(json.dumps({"id": sid, "text": text}, ensure_ascii=False) + "\n")
    print(f"{len(pool)} sentences in {n} batches of ~{len(shares[0])}, {per * n} doubled")


if __name__ == "__main__":
    main()
