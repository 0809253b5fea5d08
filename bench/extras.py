"""The benchmark's measurements beyond the table: a warm all-cached rerun against a cold run, start-up to the first
case, and the embedded engine's tokens/s against the raw llama binding."""
import json
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = (ROOT.parent / "shared" / "models" / "stories260K.gguf").resolve()
QUICKSTART = ROOT / "examples" / "quickstart" / "suite.yaml"


def _run(cmd, cwd=ROOT, timeout=600):
    """Runs cmd; a process that outlives timeout is killed and reported (exit None), never waited on for ever."""
    import time
    started = time.monotonic()
    try:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"") + (e.stderr or b"")
        out = out.decode("utf-8", "replace") if isinstance(out, bytes) else out
        return None, time.monotonic() - started, f"{out}\n(killed after {timeout} s)"
    return proc.returncode, time.monotonic() - started, proc.stdout + proc.stderr


# Every run below passes --history inside its own temporary directory: a benchmark records its runs as a user's
# would, but never into the user's own history, which would grow by every benchmark run and slow later runs down.
def _evalgate(jar, *args, java_opts=()):
    return ["java", *java_opts, "-Devalgate.timings=true", "-jar", str(jar), *args]


def warm_cache(jar, work_root, rounds, java_opts=()):
    """Cold: an empty cache, the model loaded and called. Warm: the same command again, every answer cached."""
    colds, warms, floors, notes = [], [], [], []
    for _ in range(rounds):
        # The floor: the same JVM and options starting the CLI and exiting (`--version`), no run at all.
        code, floor, _ = _run(_evalgate(jar, "--version", java_opts=java_opts))
        if code == 0:
            floors.append(floor)
        cache = Path(tempfile.mkdtemp(prefix="cache-", dir=work_root))
        runs = Path(tempfile.mkdtemp(prefix="runs-", dir=work_root))
        cmd = _evalgate(jar, "run", str(QUICKSTART), "--model", str(MODEL), "--cache-dir", str(cache), "--out",
                        str(runs), "--history", str(runs / "history.db"), "--quiet", java_opts=java_opts)
        code, cold, out_cold = _run(cmd)
        code2, warm, out_warm = _run(cmd)
        if code not in (0, 1) or code2 not in (0, 1):
            print(f"warm cache: evalgate exited {code}/{code2}:\n{out_cold[-1500:]}\n{out_warm[-1500:]}")
            return
        colds.append(cold)
        warms.append(warm)
        notes.append(re.search(r"model .*? loaded in \d+ ms; \d+ calls \(\d+ from cache\)", out_warm))
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(runs, ignore_errors=True)
    cold, warm = statistics.median(colds), statistics.median(warms)
    print()
    print(f"quickstart ({MODEL.name}), process to process, medians of {rounds}: cold {cold:.2f} s, warm all-cached"
          f" {warm:.2f} s: {cold / warm:.1f}x faster")
    if floors:
        floor = statistics.median(floors)
        print(f"  JVM floor (evalgate --version, same options) {floor:.2f} s: cold is {cold / floor:.1f}x the floor,"
              f" the warm rerun {warm / floor:.1f}x the floor ({warm - floor:.2f} s above it)")
    if notes[-1]:
        print(f"  warm run: {notes[-1].group(0)}")


def startup(jar, work_root, rounds):
    """Start-up to the first case of a one-case replay suite, with and without the class-data archive."""
    import generate
    work = work_root / "cases-1"
    if not (work / "suite.yaml").exists():
        generate.generate(work, 1)
    archive = jar.parent / "evalgate.jsa"
    base = ("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
    variants = [("JDK's default CDS only", base), ("no CDS", base + ("-Xshare:off",))]
    if archive.exists():
        variants.insert(0, ("AppCDS archive from package", base + (f"-XX:SharedArchiveFile={archive}",
                                                                   "-Xlog:cds*=off")))
    print()
    print(f"start-up to the first case (one-case replay suite), medians of {rounds}:")
    for label, opts in variants:
        starts = []
        for _ in range(rounds):
            runs = Path(tempfile.mkdtemp(prefix="runs-", dir=work_root))
            code, wall, out = _run(_evalgate(jar, "run", "suite.yaml", "--quiet", "--no-cache", "--out", str(runs),
                                             "--history", str(runs / "history.db"), java_opts=opts), cwd=work)
            cpu = None
            shutil.rmtree(runs, ignore_errors=True)
            m = re.search(r"timings: start (\d+) ms", out)
            if code != 0 or not m:
                print(f"  {label}: failed (exit {code}) {out[-500:]}")
                break
            starts.append(int(m.group(1)) / 1000)
        if starts:
            print(f"  {label}: {statistics.median(starts):.2f} s")


def _bundle_system(bundle):
    """The bundle's `system: |` block (the quickstart's layout), so the raw binding gets the same prompt."""
    lines, inside = [], False
    for line in bundle.read_text(encoding="utf-8").splitlines():
        if line.startswith("system: |"):
            inside = True
        elif inside and (line.startswith("  ") or not line.strip()):
            lines.append(line[2:])
        elif inside:
            break
    return "\n".join(lines).rstrip("\n") + "\n"


def tokens(jar, work_root, rounds, java_opts=()):
    """Tokens/s of the embedded engine inside the loop (the run's own figure) against the raw binding."""
    corpus = ROOT / "examples" / "quickstart" / "corpus" / "cases.jsonl"
    prompts = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        if line.strip():
            case = json.loads(line)
            question = case["input"]["question"] if isinstance(case["input"], dict) else case["input"]
            prompts.append(("Customer question: " + question).replace("\n", " "))
    prompt_file = work_root / "raw-prompts.txt"
    prompt_file.write_text("\n".join(prompts) + "\n", encoding="utf-8")
    system_file = work_root / "raw-system.txt"
    system_file.write_text(_bundle_system(ROOT / "examples" / "quickstart" / "bundle.yaml"), encoding="utf-8")
    harness = []
    for _ in range(rounds):
        runs = Path(tempfile.mkdtemp(prefix="runs-", dir=work_root))
        code, wall, out = _run(_evalgate(jar, "run", str(QUICKSTART), "--model", str(MODEL), "--no-cache", "--out",
                                         str(runs), "--history", str(runs / "history.db"), "--quiet",
                                         java_opts=java_opts))
        shutil.rmtree(runs, ignore_errors=True)
        m = re.search(r"([0-9.]+) tokens/s", out)
        if code not in (0, 1) or not m:
            print(f"tokens: evalgate exited {code}: {out[-800:]}")
            return
        harness.append(float(m.group(1)))
    code, wall, out = _run(["java", "-cp", str(jar), str(ROOT / "bench" / "RawTokens.java"), str(MODEL),
                            str(prompt_file), "48", str(rounds), str(system_file)])
    m = re.search(r"raw tokens/s ([0-9.]+)", out)
    if code != 0 or not m:
        print(f"tokens: raw binding failed (exit {code}): {out[-800:]}")
        return
    raw = float(m.group(1))
    inside = statistics.median(harness)
    print()
    print(f"tokens/s on {MODEL.name} (quickstart prompts, 48 tokens max), medians of {rounds}: evalgate inside the"
          f" loop {inside:.0f}, raw binding {raw:.0f}: {100 * (inside / raw - 1):+.1f}%")
