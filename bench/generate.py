"""Writes a synthetic suite of N cases for the benchmark: a pinned corpus, recorded outputs for the replay backend,
a suite with three rule scorers, and the same cases as a promptfoo configuration.

The outputs are recorded (replay backend) so the benchmark measures the harness, not a model: loading, running,
scoring and writing reports. Texts vary in length and content so scorers and reports do real work; about a tenth
of the outputs are not JSON and some miss their keyword, so reports carry failures to show.
"""
import hashlib
import json
import random
import sys
from pathlib import Path

WORDS = ("refund order parcel invoice account password delivery warranty size colour discount voucher "
         "address return exchange tracking courier receipt payment card subscription").split()


def sentence(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate(root: Path, cases: int, seed: int = 7):
    rng = random.Random(seed)
    corpus = root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    replay = []
    promptfoo_tests = []
    with open(corpus / "cases.jsonl", "w", encoding="utf-8") as out:
        for i in range(cases):
            case_id = f"case-{i:06d}"
            keyword = rng.choice(WORDS)
            question = sentence(rng, rng.randint(6, 24)) + f" What about my {keyword}?"
            tags = ["historical"] if i % 5 else ["adversarial"]
            out.write(json.dumps({"id": case_id, "input": {"question": question},
                                  "expected": {"required_keywords": [keyword]},
                                  "tags": tags}, ensure_ascii=False) + "\n")
            answer = sentence(rng, rng.randint(10, 60))
            if rng.random() < 0.85:
                answer += f" Your {keyword} is handled."
            output = json.dumps({"answer": answer}) if rng.random() < 0.9 else answer
            replay.append({"id": case_id, "output": output, "prompt_tokens": 20 + len(question) // 5,
                           "completion_tokens": 10 + len(output) // 5, "latency_ms": 1.0})
            promptfoo_tests.append({"vars": {"question": question, "output": output, "keyword": keyword}})
    sha = hashlib.sha256((corpus / "cases.jsonl").read_bytes()).hexdigest()
    (corpus / "manifest.yaml").write_text(
        f"name: bench\nversion: 1.0.0\ndescription: synthetic benchmark corpus of {cases} cases\n"
        f"license: Apache-2.0\nsource: bench/generate.py seed {seed}\ncases: cases.jsonl\n"
        f"tags: [historical, adversarial]\nsha256: {sha}\n", encoding="utf-8")
    with open(root / "outputs.jsonl", "w", encoding="utf-8") as out:
        for r in replay:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    (root / "bundle.yaml").write_text(
        "id: bench\nversion: 1.0.0\nmodel: replay:outputs.jsonl\n"
        "system: 'Reply with a JSON object {\"answer\": \"...\"}.'\n"
        "template: 'Customer question: {{question}}'\n"
        "params: {temperature: 0, seed: 42, max_tokens: 64}\n", encoding="utf-8")
    (root / "suite.yaml").write_text(
        "name: bench\nbundle: bundle.yaml\ncorpora: [corpus]\n"
        "scorers:\n"
        "  - {name: json, type: valid-json}\n"
        "  - {name: answer-field, type: regex, params: {pattern: '\"answer\"\\s*:'}}\n"
        "  - {name: keyword, type: keywords}\n"
        "repeats: 1\nconcurrency: 2\ntimeout_seconds: 60\noutput: runs\n"
        "gate:\n  min_pass_rate:\n    - {scorer: json, min: 0.5}\n", encoding="utf-8")
    # promptfoo: the echo provider returns the prompt, and the prompt is the recorded output itself, so both tools
    # score the same texts with the same three checks and call no model.
    with open(root / "promptfoo-tests.jsonl", "w", encoding="utf-8") as out:
        for t in promptfoo_tests:
            out.write(json.dumps(t, ensure_ascii=False) + "\n")
    (root / "promptfooconfig.yaml").write_text(
        "description: bench\nprompts: ['{{output}}']\nproviders: [echo]\n"
        "defaultTest:\n  assert:\n    - {type: is-json}\n    - {type: regex, value: '\"answer\"\\s*:'}\n"
        "    - {type: icontains, value: '{{keyword}}'}\n"
        "tests: file://promptfoo-tests.jsonl\n", encoding="utf-8")


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]))
