"""Write annotation batches (id + sentence) OUTSIDE the repository.

The batches hold third-party sentences, so they go to a scratch folder, never into git.
Usage: python scripts/corpus/make_batches.py OUT_DIR --annotators 6 --event-location 4200
       [--double 300] [--new-only --focus FIRST --start K]
``--new-only`` skips sentences already in ``corpus/silver``; ``--focus`` puts first the
sentences whose text has a word of non-violent event vocabulary (``FOCUS_WORDS``: the corpus
is mostly violence, the cooperative and verbal types are learned from 100-300 sentences
each). The choice reads the sentence text only, never eventwire's output.
Each annotator k gets ``OUT_DIR/a{k}.jsonl`` and, for the agreement study, ``OUT_DIR/a{k}.double.jsonl``:
50-odd sentences of another annotator's batch, labelled blind a second time.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eventwire.eval.silver import CORPUS_DIR, sample_pool

# Words of the under-represented PLOVER types (agreements, meetings, support, aid, requests,
# accusations, rejections, threats, sanctions, concessions, retreats, protests).
FOCUS_WORDS = frozenset("""agree agreed agreement accord deal treaty pact sign signed talks met meet meeting
visit visited summit host hosted negotiate negotiations mediate praised welcomed backed endorsed support
supported aid assistance donated pledged loan grant supplies urged urge called demanded demand appealed
asked request accused accuse condemned criticized criticised denounced blamed rejected refused denied
vetoed threatened threat warned sanctions sanction embargo expelled suspended cut ties boycott released
freed withdrew withdrawal lifted eased pardoned resigned surrendered protest protesters demonstrators
rally strike marched invited invitation cooperation cooperate joint exercises extradited""".split())


def already_annotated() -> set[str]:
    """Ids labelled in any silver file."""
    ids: set[str] = set()
    for path in CORPUS_DIR.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["id"])
    return ids


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--annotators", type=int, default=6)
    ap.add_argument("--event-location", type=int, default=4200)
    ap.add_argument("--double", type=int, default=300)
    ap.add_argument("--new-only", action="store_true", help="skip sentences already annotated")
    ap.add_argument("--focus", type=int, default=0, help="this many focus-word sentences first")
    ap.add_argument("--start", type=int, default=1, help="number of the first annotator file")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pool = sample_pool(10 ** 6 if args.new_only else args.event_location)
    if args.new_only:
        done = already_annotated()
        pool = [(sid, text) for sid, text in pool if sid not in done]
        if args.focus:
            focus = [p for p in pool if not FOCUS_WORDS.isdisjoint(p[1].lower().replace(",", " ").split())]
            focused = {sid for sid, _ in focus}
            pool = focus[:args.focus] + [p for p in pool if p[0] not in focused]
        pool = pool[:args.event_location]
    n = args.annotators
    shares = [pool[k::n] for k in range(n)]
    per = args.double // n
    for k in range(n):
        with (args.out / f"a{k + args.start}.jsonl").open("w", encoding="utf-8") as f:
            for sid, text in shares[k]:
                f.write(json.dumps({"id": sid, "text": text}, ensure_ascii=False) + "\n")
        # The double set: the first `per` sentences of the previous annotator's share.
        other = shares[(k - 1) % n][:per]
        if not other:
            continue
        with (args.out / f"a{k + args.start}.double.jsonl").open("w", encoding="utf-8") as f:
            for sid, text in other:
                f.write(json.dumps({"id": sid, "text": text}, ensure_ascii=False) + "\n")
    print(f"{len(pool)} sentences in {n} batches of ~{len(shares[0])}, {per * n} doubled")


if __name__ == "__main__":
    main()
