#!/usr/bin/env python3
"""Break the eval kit's attribution accuracy down by libquote rule.

usage: eval_by_rule.py GOLD.jsonl PRED.jsonl [RULE [N]]

PRED is `quotedump --input jsonl --format jsonl` output (it carries the
"rule" of each quote).  Prints, per rule, how many matched long gold quotes
got the right speaker under the scorer's rules; with RULE, also N wrong
examples of that rule (gold speaker, predicted mention and speaker, and the
text around them) to study a mechanism, not one sentence.

Needs the evaluation kit's score.py (../shared/eval beside the project, or
the directory in $LIBQUOTE_EVAL).  Development tooling: not built, not
installed, and it ships no corpus text.
"""
import collections
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.environ.get("LIBQUOTE_EVAL", os.path.join(HERE, "..", "..", "shared", "eval")))
import score  # noqa: E402


def best_match(gq, preds):
    best, overlap = None, 0
    for pq in preds:
        ov = min(gq["end"], pq["end"]) - max(gq["start"], pq["start"])
        if ov > overlap:
            best, overlap = pq, ov
    if best is None or overlap * 2 < gq["end"] - gq["start"]:
        return None
    return best


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    gold = {}
    with open(argv[1], encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            gold[d["id"]] = d
    stats = collections.defaultdict(lambda: [0, 0])
    wrong = collections.defaultdict(list)
    with open(argv[2], encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            g = gold.get(p["id"])
            if g is None:
                continue
            for gq in g["quotes"]:
                if gq["short"]:
                    continue
                pq = best_match(gq, p.get("quotes", []))
                if pq is None:
                    continue
                ok = score.speaker_correct(pq, gq)
                rule = pq.get("rule", "?")
                stats[rule][0] += ok
                stats[rule][1] += 1
                if not ok:
                    wrong[rule].append((p["id"], gq, pq))
    for rule, (right, total) in sorted(stats.items(), key=lambda x: -x[1][1]):
        print(f"{rule:26s} {right:5d}/{total:5d} {right / total:.3f}  wrong={total - right}")
    if len(argv) > 3:
        examples = wrong[argv[3]]
        random.Random(1).shuffle(examples)
        for pid, gq, pq in examples[: int(argv[4]) if len(argv) > 4 else 15]:
            text = gold[pid]["text"].encode()
            starts = [gq["start"], gq["speaker_start"] or gq["start"], pq["mention_start"] or gq["start"]]
            ends = [gq["end"], gq["speaker_end"] or 0, pq["mention_end"] or 0]
            s, e = max(0, min(starts) - 150), min(len(text), max(ends) + 80)
            print(f"---- {pid} gold={gq['speaker']!r} pred={pq['mention']!r} / {pq['speaker']!r}")
            print("    " + text[s:e].decode("utf-8", "replace").replace("\n", "¶"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
