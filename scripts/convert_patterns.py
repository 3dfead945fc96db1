"""Convert the PETRARCH CAMEO verb dictionaries into eventwire's PLOVER pattern YAML.

Usage::

    python scripts/convert_patterns.py [SHARED_DIR] [OUT_YAML]

Reads ``dictionaries/phoenix/CAMEO.2.0.txt`` and ``CAMEO.verbpatterns.150430.txt`` and
the crosswalk ``gold/plover-gsr/CAMEO2PLOVER-2021.txt`` from SHARED_DIR (default
``../shared``) and writes ``src/eventwire/data/patterns/cameo.yaml``.

Conversion rules (why each one):
- A verb block (``--- NAME [code] ---``) lists verbs and ``- ... * ...`` patterns; each
  pattern applies to every verb of its block, as in PETRARCH, so we keep the verbs as
  a ``lemmas`` list instead of multiplying patterns. Blocks are WordNet synonym sets
  merged from older dictionaries whose patterns were each written for one verb, named
  in the line's comment (``- * &TREATY [057] # RATIFY``): when a frame has patterns of
  its own for some verbs, those verbs keep their own code ("ratify a treaty" is 057,
  "approve a treaty" 031) and the others share the block's first code.
- Words after ``*`` become the frame; ``(PREP NOUN)`` groups keep their words; ``{A B}``
  phrases become plain words; ``&SET`` references a synonym set kept in ``synsets``.
- Words *before* ``*`` constrain the subject, which our argument extractor resolves
  separately: those patterns are dropped (precision first).
- Source/target markers (``$``, ``+``) and skip markers (``^``) are dropped.
- CAMEO codes go through the crosswalk (4-digit code, else its 3-digit, else root).
  CAMEO 01 (public statements) has no PLOVER event and is dropped; CAMEO 02 (appeals)
  is not in the crosswalk and maps, by analogy with 10 (demands), to REQUEST.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
APPEAL_MODES = {"020": None, "021": "assist", "022": "assist", "023": "assist", "024": "change",
                "025": "yield", "026": "meet", "027": "meet", "028": "meet"}


def read_crosswalk(path: Path) -> dict[str, tuple[str, str | None]]:
    table: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if m:
            code, event, mode = m.group(1), m.group(2), m.group(3).strip() or None
            table.setdefault(code, (event, mode))
    for code, mode in APPEAL_MODES.items():
        table.setdefault(code, ("REQUEST", mode))
    table.setdefault("02", ("REQUEST", None))
    return table


def plover_for(code: str, crosswalk: dict) -> tuple[str, str | None] | None:
    for key in (code, code[:3], code[:2]):
        if key in crosswalk:
            return crosswalk[key]
    return None


def parse_code(text: str) -> str | None:
    """``[042:043]`` -> '042'; ``[:173]`` -> '173'; ``[---]`` -> None."""
    m = re.search(r"\[([^\]]*)\]", text)
    if not m:
        return None
    parts = [p.strip() for p in m.group(1).split(":")]
    code = next((p for p in parts if re.fullmatch(r"\d{2,4}", p)), None)
    return code


def lemma_of(word: str) -> str:
    return word.strip("+").replace("_", " ").lower().strip()


def parse_file(path: Path, synsets: dict, blocks: list) -> None:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    section = None
    current_set = None
    block = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if "SYNONYM SETS" in raw:
            section = "syn"
            continue
        if "VERB PATTERNS" in raw:
            section = "verbs"
            continue
        if not line.strip():
            continue
        if section == "syn":
            if line.startswith("&"):
                current_set = line[1:].strip().rstrip("_").lower()
                synsets.setdefault(current_set, [])
            elif line.startswith("+") and current_set:
                word = lemma_of(line.split()[0])
                if word and word not in synsets[current_set]:
                    synsets[current_set].append(word)
            continue
        if section != "verbs":
            continue
        if line.startswith("---"):
            block = {"name": line.strip("- ").split()[0].lower(), "default": parse_code(line),
                     "verbs": {}, "forms": {}, "patterns": []}
            blocks.append(block)
        elif line.startswith("-") and block is not None:
            block["patterns"].append((line[1:], parse_code(line), comment_verb(raw)))
        elif block is not None and re.match(r"^\+?[A-Z]", line):
            head = line.split("{")[0].split("[")[0].split()
            if head:
                verb = lemma_of(head[0])
                block["verbs"][verb] = parse_code(line)
                forms = re.search(r"\{([^}]*)\}", line)
                for form in (forms.group(1).split() if forms else []):
                    block["forms"][lemma_of(form)] = verb


def comment_verb(raw: str) -> str | None:
    """The verb a pattern line was written for, named first in its comment.

    >>> comment_verb("- * &TREATY [057]  # RATIFY <0Y 30 Jul 2003> ")
    'ratify'
    """
    m = re.search(r"#\s*\+?([A-Za-z][A-Za-z_\-]*)", raw)
    return lemma_of(m.group(1)) if m else None


def frame_words(pattern: str) -> list[str] | None:
    """The frame after ``*`` as eventwire frame words, or None when unusable.

    >>> frame_words(" * (TO {BANNED PARTIES}) $  [1722]")
    ['to', 'banned', 'parties']
    >>> frame_words(" &MILITARY * BUILDUP [154]") is None
    True
    """
    body = pattern.split("[", 1)[0]
    if "*" not in body:
        return None
    before, after = body.split("*", 1)
    if before.strip():
        return None
    words = []
    for tok in re.findall(r"&?[A-Za-z][A-Za-z_'\-]*", after):
        tok = tok.lower()
        words.append(tok.replace("_", " ") if not tok.startswith("&") else tok)
    return words


def convert(shared: Path) -> dict:
    crosswalk = read_crosswalk(shared / "gold/plover-gsr/CAMEO2PLOVER-2021.txt")
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    for name in ("CAMEO.2.0.txt", "CAMEO.verbpatterns.150430.txt"):
        parse_file(shared / "dictionaries/phoenix" / name, synsets, blocks)
    # Merge blocks of the same name from both files; patterns keyed by (frame, verb), the
    # verb None for a pattern of the whole block.
    merged: dict[str, dict] = {}
    for b in blocks:
        m = merged.setdefault(b["name"], {"default": b["default"], "verbs": {}, "forms": {}, "patterns": {}})
        for verb, code in b["verbs"].items():
            m["verbs"].setdefault(verb, code)
        for form, verb in b["forms"].items():
            m["forms"].setdefault(form, verb)
    for b in blocks:
        m = merged[b["name"]]
        for pat, code, verb in b["patterns"]:
            words = frame_words(pat)
            if words and code:
                frame = " ".join(words)
                verb = m["forms"].get(verb, verb)
                m["patterns"].setdefault((frame, None), code)  # the block's pattern
                if verb in m["verbs"] and " " not in verb:
                    m["patterns"].setdefault((frame, verb), code)
    out = []
    used_sets: set[str] = set()
    for name, b in sorted(merged.items()):
        lemmas = sorted(v for v in b["verbs"] if " " not in v) or [name]
        by_code: dict[str, list[str]] = defaultdict(list)
        for verb, code in b["verbs"].items():
            # Only the block's own verb inherits the block code: its WordNet synonyms
            # (OVERSHADOW in a fighting block, HOLD in a confining one) would code
            # metaphors and light verbs as events. Measured: inheriting for all verbs
            # lowers PLOVER and PETR2 precision; missing verb classes go to manual.yaml.
            code = code or (b["default"] if verb == name else None)
            if code:
                by_code[code].append(verb)
        for code, verbs in sorted(by_code.items()):
            target = plover_for(code, crosswalk)
            if not target or code.startswith("01"):
                continue
            for verb in sorted(verbs):
                words = verb.split()
                out.append({"id": f"cameo:{words[0]}:{'-'.join(words[1:]) or 'default'}:{code}",
                            "lemmas": [words[0]],
                            "frame": " ".join(["*"] + words[1:]),
                            "event": target[0], "mode": target[1], "cameo": code})
        for (frame, verb), code in sorted(b["patterns"].items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
            target = plover_for(code, crosswalk)
            if not target or code.startswith("01"):
                continue
            if verb and code == b["patterns"][(frame, None)]:
                continue  # the block's pattern already gives this verb its code
            # A verb with its own code for this frame does not take the block's.
            verbs = [verb] if verb else [v for v in lemmas if b["patterns"].get((frame, v), code) == code]
            if not verbs:
                continue
            used_sets.update(w[1:] for w in frame.split() if w.startswith("&"))
            who = name if verb in (None, name) else f"{name}.{verb}"
            out.append({"id": f"cameo:{who}:{frame.replace(' ', '-').replace('&', '')}:{code}",
                        "lemmas": verbs, "frame": "* " + frame,
                        "event": target[0], "mode": target[1], "cameo": code})
    return {"synsets": {k: v for k, v in sorted(synsets.items()) if k in used_sets and v},
            "patterns": out}


class _NoAliasDumper(yaml.SafeDumper):
    """Write every pattern in full: YAML anchors would make the file unreadable."""

    def ignore_aliases(self, data):
        return True


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared"
    out = Path(argv[2]) if len(argv) > 2 else ROOT / "src/eventwire/data/patterns/cameo.yaml"
    data = convert(shared)
    header = ("# Generated by scripts/convert_patterns.py from the PETRARCH CAMEO verb dictionaries\n"
              "# (openeventdata/petrarch2, MIT; see LICENSE) through the CAMEO2PLOVER crosswalk.\n"
              "# Do not edit by hand: add patterns to manual.yaml instead.\n")
    text = yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True,
                     width=120, default_flow_style=None)
    out.write_text(header + text, encoding="utf-8")
    print(f"wrote {len(data['patterns'])} patterns, {len(data['synsets'])} synsets to {out}")


if __name__ == "__main__":
    main(sys.argv)
