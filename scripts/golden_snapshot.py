"""Golden snapshot: everything the pipeline outputs for a fixed corpus, for byte-for-byte comparison.

Refactors that must not change behaviour (issue 21) take a snapshot before and after and
compare the two directories with ``cmp``. Nothing here is committed: the corpus is built
at run time from ../shared, as the throughput benchmark builds it.

    PYTHONPATH=src python scripts/golden_snapshot.py /tmp/golden-before            # corpus + evals
    PYTHONPATH=src python scripts/golden_snapshot.py /tmp/golden-after --no-eval
    for f in /tmp/golden-before/*; do cmp "$f" /tmp/golden-after/"${f##*/}"; done

Writes to OUT:
  samples.jsonl  one line per article of samples/ (read as ``eventwire ingest`` reads them)
  corpus.jsonl   one line per article of the benchmark corpus (seed + ~409 pseudo-articles)
  eval-<suite>.txt  the output of ``eventwire eval <suite>`` (all three coders, with details)

Each article line is the whole Document (article, actors with mentions, events with rule,
confidence, spans and arguments, quotes, dates, places, warnings), keys sorted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUITES = ("seed", "plover", "petr2", "actors", "locations")


def dump_documents(paths: list[str], out: Path, root: Path) -> int:
    """Run the pipeline over ``paths`` and write one sorted-key JSON line per Document.

    Origins are written relative to ``root``, so that snapshots taken from different
    directories (a temporary corpus file, another worktree) compare equal.
    """
    from eventwire.errors import ItemError
    from eventwire.extract import extract_documents
    from eventwire.ingest import read_articles
    from eventwire.schema import to_dict
    from eventwire.settings import load_options

    options = load_options()
    articles = []
    with out.open("w", encoding="utf-8") as fh:
        for item in read_articles(paths, options):
            if isinstance(item, ItemError):
                fh.write(json.dumps({"error": to_dict(item)}, sort_keys=True, ensure_ascii=False) + "\n")
            else:
                item.origin = os.path.relpath(item.origin, root) if item.origin else item.origin
                articles.append(item)
        for document in extract_documents(articles, options=options):
            fh.write(json.dumps(to_dict(document), sort_keys=True, ensure_ascii=False) + "\n")
    return len(articles)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--no-eval", action="store_true", help="Skip the eval suites.")
    parser.add_argument("--no-corpus", action="store_true", help="Skip the samples and the corpus.")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if not args.shared.is_dir():
        args.shared = Path("/work/shared")

    if not args.no_corpus:
        from eventwire.scale.corpus import corpus_records, write_corpus

        n = dump_documents([str(REPO / "samples")], args.out / "samples.jsonl", REPO)
        print(f"samples: {n} articles", file=sys.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            corpus = write_corpus(corpus_records(args.shared), Path(tmp) / "corpus.jsonl")
            n = dump_documents([str(corpus)], args.out / "corpus.jsonl", Path(tmp))
        print(f"corpus: {n} articles", file=sys.stderr)

    if not args.no_eval:
        # A fixed width, so rich tables wrap the same way whatever the terminal.
        env = {**os.environ, "COLUMNS": "200", "TERM": "dumb", "NO_COLOR": "1"}
        for suite in SUITES:
            done = subprocess.run([sys.executable, "-m", "eventwire", "eval", suite], env=env, cwd=REPO,
                                  capture_output=True, text=True)
            (args.out / f"eval-{suite}.txt").write_text(done.stdout + f"\n[exit {done.returncode}]\n",
                                                        encoding="utf-8")
            print(f"eval {suite}: exit {done.returncode}", file=sys.stderr)


if __name__ == "__main__":
    main()
