#!/usr/bin/env python3
"""Benchmark driver: runs the standard jobs (shared/bench/JOBS.md) through Conveyor and
DuckDB as whole processes, measures each child with wait4 (wall, user+sys CPU, peak RSS),
checks that both wrote the same result, and prints a table. Started by bench/run, which
builds what it needs first; see bench/README.md."""

import argparse
import csv
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
JOBS = ["j1", "j2", "j3", "j4"]
# Jobs whose result has a defined order (ORDER BY / sort); the others are compared as multisets.
ORDERED = {"j2", "j4"}
DESCRIPTION = {"j1": "filter+project CSV", "j2": "group-by CSV", "j3": "JSON lines -> CSV", "j4": "join+top-N CSV"}
GENERATOR_VERSION = "1"  # keep equal to DataGenerator.VERSION
# Issue #3's start-up target: a trivial pipeline from JVM start to exit, median, in seconds.
STARTUP_TARGET = 0.35
# The trivial pipeline's input: three lines, a header and two rows (jobs/startup.toml reads it).
TINY_CSV = "id,name,amount\n1,alpha,2.5\n2,beta,3\n"


def parse_args():
    p = argparse.ArgumentParser(prog="bench/run", description=__doc__)
    p.add_argument("--rows", default="1000000,4000000", help="order row counts, comma-separated (default %(default)s)")
    p.add_argument("--runs", type=int, default=5, help="measured runs per job, after one warm-up (default %(default)s)")
    p.add_argument("--jobs", default=",".join(JOBS), help="jobs to run (default %(default)s)")
    p.add_argument("--engines", default="conveyor,duckdb", help="engines to run (default %(default)s)")
    p.add_argument("--data-dir", default=os.path.join(HERE, "data"), help="generated data cache (default bench/data)")
    p.add_argument("--out-dir", default=os.path.join(HERE, "target", "out"), help="job outputs (default bench/target/out)")
    p.add_argument("--java", default=os.environ.get("JAVA", "java"), help="java command (default $JAVA or java)")
    p.add_argument("--conveyor-jar", default=os.path.join(ROOT, "launcher", "target", "conveyor.jar"))
    p.add_argument("--json", help="also write the measurements to this JSON file")
    p.add_argument("--startup-runs", type=int, metavar="N", default=21,
                   help="measure start-up first: a 3-line CSV to stdout, N runs per command after one warm-up "
                        "(default %(default)s; 0 leaves it out)")
    p.add_argument("--warm", type=int, metavar="PASSES", default=0,
                   help="instead of whole processes, run each job PASSES times in one JVM per engine and report "
                        "the median of the second half of the passes: the cost once started and compiled")
    a = p.parse_args()
    a.rows = [int(r.replace("_", "")) for r in a.rows.split(",") if r]
    a.jobs = [j for j in a.jobs.split(",") if j]
    a.engines = [e for e in a.engines.split(",") if e]
    for j in a.jobs:
        if j not in JOBS:
            p.error("unknown job %r; jobs are %s" % (j, ", ".join(JOBS)))
    for e in a.engines:
        if e not in ("conveyor", "duckdb"):
            p.error("unknown engine %r; engines are conveyor, duckdb" % e)
    if a.runs < 1:
        p.error("--runs must be at least 1")
    if a.startup_runs < 0:
        p.error("--startup-runs must be 0 (none) or more")
    if a.warm < 0 or a.warm == 1:
        p.error("--warm needs at least 2 passes")
    return a


def bench_classpath():
    target = os.path.join(HERE, "target")
    return os.path.join(target, "conveyor-bench.jar") + os.pathsep + os.path.join(target, "lib", "*")


def ensure_data(args, rows):
    """Generates the data for `rows` once; later runs reuse it (a marker file says it is complete)."""
    d = os.path.join(args.data_dir, str(rows))
    marker = os.path.join(d, ".complete")
    expected = "generator=%s rows=%d\n" % (GENERATOR_VERSION, rows)
    if os.path.exists(marker) and open(marker).read() == expected:
        return d
    tmp = d + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(d, ignore_errors=True)
    print("generating %d rows into %s ..." % (rows, d), file=sys.stderr, flush=True)
    subprocess.run([args.java, "-cp", bench_classpath(), "io.conveyor.bench.DataGenerator", str(rows), tmp],
                   check=True)
    with open(os.path.join(tmp, ".complete"), "w") as f:
        f.write(expected)
    os.rename(tmp, d)
    return d


def command(args, engine, job, data, out):
    if engine == "conveyor":
        return [args.java, "-jar", args.conveyor_jar, "run", os.path.join(HERE, "jobs", job + ".toml"), "--quiet",
                "--var", "data=" + data, "--var", "out=" + out]
    return [args.java, "-cp", bench_classpath(), "io.conveyor.bench.DuckJob", job, data, out]


def run_once(cmd, out, log, stdout_to_out=False):
    """Runs one child to its exit; returns (wall s, cpu s, peak RSS MB, error or None). The child
    writes `out` itself, or its standard output goes there when stdout_to_out is set."""
    if os.path.exists(out):
        os.remove(out)
    with open(log, "wb") as err, open(out if stdout_to_out else os.devnull, "wb") as std:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=std, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4; tell Popen
    cpu = usage.ru_utime + usage.ru_stime
    rss = usage.ru_maxrss / 1024.0  # kilobytes on Linux
    error = None
    if child.returncode != 0:
        lines = [l.strip() for l in open(log, errors="replace") if l.strip()]
        error = "exit %d: %s" % (child.returncode, lines[0] if lines else "(nothing on stderr)")
    elif not os.path.exists(out):
        error = "exit 0 but no output file " + out
    return wall, cpu, rss, error


def take_turns(state, runs, run):
    """Runs each entry of state (a dict) runs + 1 times, one run of each in turn, so that a slower
    or faster spell of a shared machine falls on all alike; the first round is a warm-up and is
    not kept. run(entry) returns (wall s, cpu s, peak RSS MB, error or None); an entry's first
    error stops its runs and is kept in it."""
    for i in range(runs + 1):
        for st in state.values():
            if st["error"]:
                continue
            wall, cpu, rss, error = run(st)
            if error:
                st["error"] = error
            elif i > 0:
                st["samples"].append((wall, cpu, rss))


def measure(args, job, data, rows, outdir):
    """Runs every engine on the job, alternating run by run, so that a slower or faster spell of
    a shared machine falls on both alike; returns {engine: result}."""
    state = {}
    for engine in args.engines:
        out = os.path.join(outdir, "%s_%s_%d.csv" % (engine, job, rows))
        state[engine] = {"out": out, "log": out[:-4] + ".stderr", "cmd": command(args, engine, job, data, out),
                         "samples": [], "error": None}
    # The first round is the warm-up (page cache, JIT-less start, DuckDB extraction).
    take_turns(state, args.runs, lambda st: run_once(st["cmd"], st["out"], st["log"]))
    results = {}
    for engine, st in state.items():
        if st["error"]:
            results[engine] = {"engine": engine, "error": st["error"], "out": st["out"]}
            continue
        samples = st["samples"]
        results[engine] = {"engine": engine, "out": st["out"], "error": None,
                           "wall": statistics.median(s[0] for s in samples),
                           "cpu": statistics.median(s[1] for s in samples),
                           "rss": statistics.median(s[2] for s in samples),
                           "walls": [round(s[0], 3) for s in samples]}
    return results


STARTUP_COMMANDS = {"conveyor": "Conveyor: 3-line CSV to a table on stdout",
                    "duckdb": "DuckDB (JDBC): the same file to stdout",
                    "jvm": "a JVM that prints one line (this machine's floor)"}


def measure_startup(args):
    """Start-up, as issue #3 defines it: a trivial pipeline (a 3-line CSV to stdout) from JVM start
    to exit. Beside it, DuckDB on the same file and a JVM that only prints a line, so that a slow
    machine can be told from a slow start. The commands take turns run by run, like the jobs'."""
    d = os.path.abspath(os.path.join(args.out_dir, "startup"))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "tiny.csv"), "w") as f:
        f.write(TINY_CSV)
    cmds = {}
    if "conveyor" in args.engines:
        cmds["conveyor"] = [args.java, "-jar", args.conveyor_jar, os.path.join(HERE, "jobs", "startup.toml"),
                            "--var", "data=" + d]
    if "duckdb" in args.engines:
        cmds["duckdb"] = [args.java, "-cp", bench_classpath(), "io.conveyor.bench.DuckJob", "startup", d,
                          "/dev/stdout"]
    cmds["jvm"] = [args.java, "-cp", bench_classpath(), "io.conveyor.bench.Hello"]
    state = {k: {"cmd": cmd, "rows": k != "jvm", "samples": [], "error": None,
                 "out": os.path.join(d, k + ".stdout"), "log": os.path.join(d, k + ".stderr")}
             for k, cmd in cmds.items()}
    def run(st):
        wall, cpu, rss, error = run_once(st["cmd"], st["out"], st["log"], stdout_to_out=True)
        if not error and st["rows"]:
            text = open(st["out"], errors="replace").read()
            if "alpha" not in text or "beta" not in text:
                error = "exit 0 but the two rows are not on stdout (see %s)" % st["out"]
        return wall, cpu, rss, error

    # The first round is the warm-up (and makes Conveyor's class archive if there is none).
    take_turns(state, args.startup_runs, run)
    results = {}
    for k, st in state.items():
        r = {"command": STARTUP_COMMANDS[k], "error": st["error"]}
        if not st["error"]:
            walls = sorted(s[0] for s in st["samples"])
            r.update(wall=statistics.median(walls), min=walls[0], max=walls[-1],
                     cpu=statistics.median(s[1] for s in st["samples"]),
                     rss=statistics.median(s[2] for s in st["samples"]))
        results[k] = r
    return results


def print_startup(results, runs):
    print("start-up: median of %d runs after one warm-up; whole processes, taking turns run by run" % runs)
    print()
    print("| command | median wall s | min s | max s | CPU s | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results.values():
        if r["error"]:
            print("| %s | FAILED (%s) | | | | |" % (r["command"], r["error"]))
        else:
            print("| %s | %.3f | %.3f | %.3f | %.3f | %.0f |" % (r["command"], r["wall"], r["min"], r["max"],
                                                              r["cpu"], r["rss"]))
    c = results.get("conveyor")
    if c and not c["error"]:
        print()
        print("start-up target (Conveyor's median <= %.2f s): %s, %.3f s" % (
            STARTUP_TARGET, "met" if c["wall"] <= STARTUP_TARGET else "not met", c["wall"]))
    print()


_warm_classpath = None


def warm_classpath(args):
    """The bench harness, DuckDB and Conveyor's engine (its bundles, taken out of conveyor.jar) on one class path;
    the bundles are taken out once per invocation."""
    global _warm_classpath
    if _warm_classpath is not None:
        return _warm_classpath
    import zipfile
    lib = os.path.join(HERE, "target", "warm")
    os.makedirs(lib, exist_ok=True)
    jars = [args.conveyor_jar]
    with zipfile.ZipFile(args.conveyor_jar) as z:
        for name in z.namelist():
            if name.startswith("bundles/core/") and name.endswith(".jar"):
                target = os.path.join(lib, os.path.basename(name))
                with open(target, "wb") as f:
                    f.write(z.read(name))
                jars.append(target)
    _warm_classpath = bench_classpath() + os.pathsep + os.pathsep.join(jars)
    return _warm_classpath


def measure_warm(args, job, data, rows, outdir):
    """Runs the job --warm times in one JVM per engine (see WarmRuns.java); {engine: result}."""
    results = {}
    classpath = warm_classpath(args)
    for engine in args.engines:
        out = os.path.join(outdir, "warm_%s_%s_%d.csv" % (engine, job, rows))
        log = out[:-4] + ".stderr"
        cmd = [args.java, "-Dbench.jobs=" + os.path.join(HERE, "jobs"), "-cp", classpath,
               "io.conveyor.bench.WarmRuns", engine, job, data, out, str(args.warm)]
        with open(log, "wb") as err:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err)
        passes = [l.split() for l in proc.stdout.decode().splitlines() if l.startswith("pass ")]
        if proc.returncode != 0 or len(passes) != args.warm:
            lines = [l.strip() for l in open(log, errors="replace") if l.strip()]
            results[engine] = {"engine": engine, "out": out, "error": "exit %d: %s" % (
                proc.returncode, lines[-1] if lines else "(nothing on stderr)")}
            continue
        later = passes[len(passes) // 2:]
        results[engine] = {"engine": engine, "out": out, "error": None,
                           "wall": statistics.median(float(p[2]) for p in later) / 1000,
                           "cpu": statistics.median(float(p[3]) for p in later) / 1000,
                           "rss": float("nan"),
                           "walls": [round(float(p[2]) / 1000, 3) for p in passes]}
    return results


# ---- output check ---------------------------------------------------------------------------

NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
TIMESTAMP = re.compile(r"^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(\.0+)?(Z|[+-]00(:?00)?)?$")


def canon(v):
    """The canonical text of one CSV field. Numbers: the shortest text of their double value
    (250.00, 250.0 and 250 are one value). ISO-8601 UTC timestamps: YYYY-MM-DDTHH:MM:SS
    (a space for T, a Z or +00 offset and zero fractions are formatting). An empty field and
    a quoted empty string are both ''. Anything else as it is."""
    if NUMBER.match(v):
        return repr(float(v))
    m = TIMESTAMP.match(v)
    if m:
        return m.group(1) + "T" + m.group(2)
    return v


def read_rows(path):
    f = open(path, newline="", encoding="utf-8")
    reader = csv.reader(f)
    return f, next(reader, []), reader


def close_enough(a, b):
    if a == b:
        return True
    if NUMBER.match(a) and NUMBER.match(b):
        x, y = float(a), float(b)
        return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)
    return canon(a) == canon(b)


def check(job, conveyor_out, duck_out):
    """Compares Conveyor's result with DuckDB's; returns (ok, text)."""
    cf, ch, crows = read_rows(conveyor_out)
    df, dh, drows = read_rows(duck_out)
    try:
        if sorted(ch) != sorted(dh):
            return False, "columns differ: conveyor %s, duckdb %s" % (ch, dh)
        note = "" if ch == dh else "; columns in another order (conveyor %s)" % ",".join(ch)
        order = [ch.index(n) for n in dh]
        first_diff = None
        n_c = n_d = 0
        sum_c = sum_d = 0
        mask = (1 << 64) - 1
        ordered = job in ORDERED
        while True:
            c = next(crows, None)
            d = next(drows, None)
            if c is None and d is None:
                break
            if c is not None:
                n_c += 1
                c = [c[i] if i < len(c) else "<missing>" for i in order]
            if d is not None:
                n_d += 1
            if ordered:
                same = c is not None and d is not None and len(c) == len(d) and all(
                    close_enough(x, y) for x, y in zip(c, d))
            else:
                cc = tuple(canon(x) for x in c) if c is not None else None
                dc = tuple(canon(x) for x in d) if d is not None else None
                if cc is not None:
                    sum_c = (sum_c + hash(cc)) & mask
                if dc is not None:
                    sum_d = (sum_d + hash(dc)) & mask
                same = cc == dc
            if not same and first_diff is None:
                first_diff = (n_c if c is not None else n_d, c, d)
        if first_diff is None:
            return True, "ok: %d rows equal%s" % (n_c, note)
        if not ordered and n_c == n_d and sum_c == sum_d:
            return True, "ok: the same %d rows in another order (the job does not order)%s" % (n_c, note)
        row, c, d = first_diff
        return False, "DIFFERENT: conveyor %d rows, duckdb %d; first difference at data row %d: conveyor %s, duckdb %s" % (
            n_c, n_d, row, c, d)
    finally:
        cf.close()
        df.close()


# ---- report ---------------------------------------------------------------------------------

def fmt_result(r, rows):
    if r is None:
        return ["-"] * 4
    if r["error"]:
        return ["FAILED", "", "", ""]
    rss = "-" if math.isnan(r["rss"]) else "%.0f" % r["rss"]
    return ["%.2f" % r["wall"], "%.2f" % r["cpu"], rss, rate(rows / r["wall"])]


def rate(per_second):
    return "%.2fM" % (per_second / 1e6) if per_second >= 1e5 else "%.0fk" % (per_second / 1e3)


def ratio(a, b, key):
    if not a or not b or a["error"] or b["error"] or math.isnan(a[key]) or math.isnan(b[key]):
        return "-"
    return "%.2f" % (a[key] / b[key])


def machine_line(args):
    parts = ["%d cores" % os.cpu_count(), "load %.2f %.2f %.2f" % os.getloadavg()]
    try:
        v = subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
        parts.append(v)
    except (OSError, IndexError):
        pass
    try:
        rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        parts.append("conveyor " + rev.stdout.strip())
    except OSError:
        pass
    return ", ".join(parts)


def main():
    args = parse_args()
    if "conveyor" in args.engines and not os.path.exists(args.conveyor_jar):
        sys.exit("bench: %s is missing; build it first: mvn -B -q package -DskipTests" % args.conveyor_jar)
    os.makedirs(args.out_dir, exist_ok=True)
    print("machine: " + machine_line(args))
    if args.warm:
        print("warm: median of the last %d of %d passes of each job in one JVM per engine (not whole processes; "
              "peak RSS not measured)" % (args.warm - args.warm // 2, args.warm))
    else:
        print("median of %d runs after one warm-up; each run is a whole process (start to exit)" % args.runs)
    startup = None
    if args.startup_runs and not args.warm:
        print("measuring start-up ...", file=sys.stderr, flush=True)
        startup = measure_startup(args)
        print_startup(startup, args.startup_runs)
    results = []
    for rows in args.rows:
        data = ensure_data(args, rows)
        for job in args.jobs:
            print("running %s at %d rows ..." % (job, rows), file=sys.stderr, flush=True)
            by_engine = (measure_warm if args.warm else measure)(args, job, data, rows, args.out_dir)
            conv, duck = by_engine.get("conveyor"), by_engine.get("duckdb")
            if conv and duck and not conv["error"] and not duck["error"]:
                ok, text = check(job, conv["out"], duck["out"])
            else:
                ok, text = None, "; ".join("%s FAILED (%s)" % (r["engine"], r["error"])
                                           for r in (conv, duck) if r and r["error"]) or "not compared"
            results.append({"job": job, "rows": rows, "conveyor": conv, "duckdb": duck, "check_ok": ok,
                            "check": text})
    print()
    print("| job | rows | Conveyor wall s | CPU s | peak RSS MB | rows/s | DuckDB wall s | CPU s | peak RSS MB "
          "| rows/s | ratio wall | ratio CPU | ratio RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        c, d = r["conveyor"], r["duckdb"]
        cells = ["%s %s" % (r["job"], DESCRIPTION[r["job"]]), str(r["rows"])] + fmt_result(c, r["rows"]) \
            + fmt_result(d, r["rows"]) + [ratio(c, d, "wall"), ratio(c, d, "cpu"), ratio(c, d, "rss")]
        print("| " + " | ".join(cells) + " |")
    print()
    print("ratio = Conveyor / DuckDB (below 1: Conveyor is faster or smaller)")
    print("checks:")
    for r in results:
        print("  %s %d: %s" % (r["job"], r["rows"], r["check"]))
        for e in ("conveyor", "duckdb"):
            x = r[e]
            if x and not x["error"]:
                print("    %s runs (wall s): %s" % (e, " ".join("%.2f" % w for w in x["walls"])))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"startup": startup, "jobs": results}, f, indent=2)
    failed = any(r["check_ok"] is False for r in results) or any(
        r[e] and r[e]["error"] for r in results for e in ("conveyor", "duckdb")) or any(
        r["error"] for r in (startup or {}).values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
