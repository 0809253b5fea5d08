#!/usr/bin/env python3
"""Writes corpora/historical/cases.jsonl: the historical corpus, from the hand-written material in the generate_*.py
files beside it. Seeded, so it writes the same bytes every time; after a change, review the diff
(`evalgate datasets diff`) and freeze the corpus under a new version.

    python3 corpora/historical/generate.py && ./evalgate datasets freeze corpora/historical --bump minor
"""

import hashlib
import json
import os
import random
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from generate_support import QUICKSTART, TOPICS, HANDOVER, TRANSLATED, SUPPORT_INSTRUCTION  # noqa: E402
from generate_extraction import extraction_cases  # noqa: E402
from generate_classification import classification_cases  # noqa: E402
from generate_summaries import summary_cases, INSTRUCTION as SUMMARY_INSTRUCTION  # noqa: E402

SEED = 20260315
SOURCE = "support tickets 2026, rewritten with invented customers, orders and amounts"


def short_hash(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def case(case_id, instruction, text, expected, tags, metadata):
    return {"id": case_id, "input": {"instruction": instruction, "text": text}, "expected": expected,
            "tags": ["historical"] + tags, "metadata": metadata}


def support(rng):
    out = []
    for case_id, brand, question, reference, extra in QUICKSTART:
        out.append(case(case_id, SUPPORT_INSTRUCTION[brand], question, {"reference": reference},
                        ["support", "product:" + brand, "lang:en"] + extra,
                        {"source": "support tickets 2026-Q3, paraphrased", "also_in": "examples/quickstart/corpus"}))
    for topic, (brand, reference, wordings) in TOPICS.items():
        for n, (text, lang) in enumerate(wordings, start=1):
            answer = reference if lang == "en" else TRANSLATED[(topic, lang)]
            tags = ["support", "product:" + brand, "lang:" + lang]
            if n == 1 and rng.random() < 0.25:
                tags.append("smoke")
            out.append(case(f"support-{topic}-{n}", SUPPORT_INSTRUCTION[brand], text, {"reference": answer}, tags,
                            {"source": SOURCE, "topic": topic, "channel": rng.choice(["email", "chat", "contact form"])}))
    for case_id, brand, text, reference in HANDOVER:
        out.append(case("support-" + case_id, SUPPORT_INSTRUCTION[brand], text, {"reference": reference},
                        ["support", "product:" + brand, "lang:en", "handover"],
                        {"source": SOURCE, "topic": "handover", "channel": "email"}))
    return out


def extraction(rng):
    out = []
    counts = {}
    for c in extraction_cases(rng):
        counts[c["kind"]] = counts.get(c["kind"], 0) + 1
        n = counts[c["kind"]]
        tags = ["extraction", "doc:" + c["kind"]] + c["tags"] + (["smoke"] if n <= 2 else [])
        out.append(case(f"extract-{c['kind']}-{n:02d}-{short_hash(c['text'])}", c["instruction"], c["text"],
                        {"reference": c["reference"], "schema": c["schema"]}, tags,
                        {"source": SOURCE, "document": c["kind"]}))
    return out


def classification(rng):
    out = []
    counts = {}
    for c in classification_cases(rng):
        counts[c["kind"]] = counts.get(c["kind"], 0) + 1
        n = counts[c["kind"]]
        tags = ["classification", "labels:" + c["kind"]] + (["smoke"] if n <= 3 else [])
        out.append(case(f"classify-{c['kind']}-{n:02d}-{short_hash(c['text'])}", c["instruction"], c["text"],
                        {"reference": c["label"], "labels": c["labels"]}, tags,
                        {"source": SOURCE if c["kind"] != "sentiment" else "product reviews 2026, rewritten"}))
    return out


def summaries(rng):
    out = []
    counts = {}
    for c in summary_cases(rng):
        counts[c["kind"]] = counts.get(c["kind"], 0) + 1
        n = counts[c["kind"]]
        tags = ["summarisation", "product:" + c["brand"]] + (["smoke"] if n == 1 else [])
        out.append(case(f"summarise-{c['kind']}-{n:02d}-{short_hash(c['text'])}", SUMMARY_INSTRUCTION, c["text"],
                        {"reference": c["reference"]}, tags, {"source": SOURCE, "thread": c["kind"]}))
    return out


def main():
    rng = random.Random(SEED)
    cases = support(rng) + extraction(rng) + classification(rng) + summaries(rng)
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with open(os.path.join(HERE, "cases.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    by_task = {}
    for c in cases:
        by_task[c["tags"][1]] = by_task.get(c["tags"][1], 0) + 1
    print(f"{len(cases)} cases {by_task}")


if __name__ == "__main__":
    main()
