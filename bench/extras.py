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


def _run(cmd, cwd=ROOT, timeout=600, env=None):
    """Runs cmd; a process that outlives timeout is killed and reported (exit None), never waited on for ever."""
    import time
    started = time.monotonic()
    try:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"") + (e.stderr or b"")
        out = out.decode("utf-8", "replace") if isinstance(out, bytes) else out
        return None, time.monotonic() - started, f"{out}\n(killed after {timeout} s)"
    return proc.returncode, time.monotonic() - started, proc.stdout + proc.stderr


# Every run below passes --history inside its own temporary directory: a benchmark records its runs as a user's
# would, but never into the user's own history, which would grow by every benchmark run and slow later runs down.
def _evalgate(jar, *args, java_opts=()):
    return ["java", *java_opts, "-Devalgate.timings=true", "-jar", str(jar), *args]


def _launched(jar, *args, java_opts=(), timings=False):
    """The command and environment that run evalgate as a user does: through ./evalgate, which picks the JVM
    options (the class-data archive among them) itself. Another build's jar runs with `java -cp` and java_opts."""
    import os
    extra = ["-Devalgate.timings=true"] if timings else []
    if Path(jar).resolve() == (ROOT / "cli" / "target" / "evalgate.jar").resolve():
        return ["bash", str(ROOT / "evalgate"), *args], dict(os.environ, EVALGATE_JAVA_OPTS=" ".join(extra))
    return ["java", *java_opts, *extra, "-cp", str(jar), "dev.evalgate.cli.Main", *args], None


def warm_cache(jar, work_root, rounds, java_opts=(), history=None, resident=False):
    """Cold: an empty inference cache, the native library unpacked and the model loaded and called. Warm: the same
    command again, every answer cached. Both through the launcher, timed from process start to exit. Each round
    records into a fresh history, or into a copy of `history` (to see what a large one costs). With `resident`,
    both go through resident mode (EVALGATE_RESIDENT=1), and each round's cold run starts a new resident process:
    the one before is stopped first."""
    import os
    colds, warms, floors, notes = [], [], [], []
    resident_env = {}
    if resident:
        ci = os.environ.get("CI", "")
        if ci and ci.lower() != "false":
            print("warm cache: resident mode is off when CI is set; unset CI to measure it")
            return
        resident_env = {"EVALGATE_RESIDENT": "1", "EVALGATE_RESIDENT_DIR": str(work_root / "resident")}
    big = None
    if history is not None:
        big = work_root / "history-copy.db"
        shutil.copyfile(history, big)
    for _ in range(rounds):
        # The floor: the same launcher and JVM starting the CLI and exiting (`--version`), no run at all.
        cmd, env = _launched(jar, "--version", java_opts=java_opts)
        code, floor, _ = _run(cmd, env=env)
        if code == 0:
            floors.append(floor)
        cache = Path(tempfile.mkdtemp(prefix="cache-", dir=work_root))
        runs = Path(tempfile.mkdtemp(prefix="runs-", dir=work_root))
        store = big if big is not None else runs / "history.db"
        cmd, env = _launched(jar, "run", str(QUICKSTART), "--model", str(MODEL), "--cache-dir", str(cache),
                             "--history", str(store), "--out", str(runs), "--quiet", java_opts=java_opts)
        if resident:
            env = dict(env or os.environ, **resident_env)
            stop, _ = _launched(jar, "resident", "stop")
            _run(stop, env=env)
        code, cold, out_cold = _run(cmd, env=env)
        code2, warm, out_warm = _run(cmd, env=env)
        if code not in (0, 1) or code2 not in (0, 1):
            print(f"warm cache: evalgate exited {code}/{code2}:\n{out_cold[-1500:]}\n{out_warm[-1500:]}")
            return
        colds.append(cold)
        warms.append(warm)
        notes.append(re.search(r"model .*? loaded in \d+ ms; \d+ calls \(\d+ from cache\)", out_warm)
                     or re.search(r"\d+ calls \(\d+ from cache\)", out_warm))
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(runs, ignore_errors=True)
    if resident:
        stop, _ = _launched(jar, "resident", "stop")
        _run(stop, env=dict(os.environ, **resident_env))
    cold, warm = statistics.median(colds), statistics.median(warms)
    print()
    where = f"a copy of {history} ({history.stat().st_size / 1e6:,.0f} MB)" if history else "a fresh history"
    mode = "EVALGATE_RESIDENT=1 ./evalgate (a new resident process each cold run)" if resident else "./evalgate"
    print(f"quickstart ({MODEL.name}), {mode} process to process, recording into {where}, medians of {rounds}:"
          f" cold {cold:.2f} s, warm all-cached {warm:.2f} s: {cold / warm:.1f}x faster")
    if floors:
        floor = statistics.median(floors)
        above = f"{warm - floor:.2f} s above it" if warm >= floor else f"{floor - warm:.2f} s below it"
        print(f"  floor (./evalgate --version, a JVM of its own) {floor:.2f} s: cold is {cold / floor:.1f}x the"
              f" floor, the warm rerun {warm / floor:.1f}x the floor ({above})")
    spread = ", ".join(f"{c:.2f}/{w:.2f}" for c, w in zip(colds, warms))
    print(f"  rounds (cold/warm s): {spread}")
    if notes[-1]:
        print(f"  warm run: {notes[-1].group(0)}")


def startup(jar, work_root, rounds):
    """Start-up to the first case of a one-case replay suite, from the moment the process is started (launcher
    included) to the moment the case loop starts, with the launcher's archive, the JDK's default one and none."""
    import os
    import time
    import generate
    work = work_root / "cases-1"
    if not (work / "suite.yaml").exists():
        generate.generate(work, 1)
    base = "-Devalgate.timings=true"
    variants = [("./evalgate (AppCDS archive from package)", base),
                ("JDK's default CDS only", base + " -XX:SharedArchiveFile=" + _default_archive()),
                ("no CDS", base + " -Xshare:off")]
    print()
    print(f"start-up to the first case (one-case replay suite; ./evalgate started to case loop), medians of {rounds}:")
    for label, opts in variants:
        starts = []
        for _ in range(rounds):
            runs = Path(tempfile.mkdtemp(prefix="runs-", dir=work_root))
            env = dict(os.environ, EVALGATE_JAVA_OPTS=opts)
            spawned = time.time()
            code, wall, out = _run(["bash", str(ROOT / "evalgate"), "run", "suite.yaml", "--quiet", "--no-cache",
                                    "--history", str(runs / "history.db"), "--out", str(runs)], cwd=work, env=env)
            shutil.rmtree(runs, ignore_errors=True)
            m = re.search(r"loop started at (\d+) ms since the epoch", out)
            if code != 0 or not m:
                print(f"  {label}: failed (exit {code}) {out[-500:]}")
                break
            starts.append(int(m.group(1)) / 1000 - spawned)
        if starts:
            print(f"  {label}: {statistics.median(starts):.2f} s")


def _default_archive():
    """The JDK's own class-data archive (so the launcher's is not used)."""
    import os
    java_home = Path(os.path.realpath(shutil.which("java"))).parent.parent
    return str(java_home / "lib" / "server" / "classes.jsa")


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
    # Like against like, round by round: each evalgate round is a fresh process that loads the model and makes one
    # pass over the prompts, so each raw round is too (a raw process looping over the prompts several times would
    # time later passes with the JIT and the model warm), and the two alternate so that a change in the machine's
    # load falls on both.
    harness, raws = [], []
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
                                str(prompt_file), "48", "1", str(system_file)])
        m = re.search(r"raw tokens/s ([0-9.]+)", out)
        if code != 0 or not m:
            print(f"tokens: raw binding failed (exit {code}): {out[-800:]}")
            return
        raws.append(float(m.group(1)))
    raw = statistics.median(raws)
    inside = statistics.median(harness)
    print()
    print(f"tokens/s on {MODEL.name} (quickstart prompts, 48 tokens max), medians of {rounds}: evalgate inside the"
          f" loop {inside:.0f} (range {min(harness):.0f}-{max(harness):.0f}), raw binding {raw:.0f}"
          f" (range {min(raws):.0f}-{max(raws):.0f}), each round a fresh process: {100 * (inside / raw - 1):+.1f}%")
