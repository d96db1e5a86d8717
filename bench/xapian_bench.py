#!/usr/bin/python3
"""Xapian as the yardstick for gongkai's search (never linked into gongkai).

Indexes the corpus exported by bench/searchbench (-export: id, title tokens, body tokens, year;
the tokens are exactly the ones gongkai indexes, from search.TokenText) with positions, then
runs the same 100 queries (-queries: each query's terms as token lists, from search.ParseQuery):
every term is a phrase of its tokens (OP_PHRASE; a one-token term is the plain term), the terms
are ANDed, top 10 by BM25 (Enquire's default weighting, with its max-score pruning). Timing as
searchbench: one warm-up run and then --runs timed runs per query.

Title tokens are indexed with a within-document frequency of --title-wdf (10, as gongkai's FTS5
bm25 weights title 10 : body 1) at positions 1.., the body's after a gap of 100 positions so no
phrase spans the two.

Needs Debian's python3-xapian (apt-get install python3-xapian); run it with /usr/bin/python3.

  /usr/bin/python3 bench/xapian_bench.py --tsv corpus.tsv --queries q.json --db DIR --json out.json
"""
import argparse
import json
import os
import resource
import shutil
import sys
import time

import xapian

CLASSES = ["common", "phrase", "multi", "docnum", "long"]
LABEL = {"common": "common words (30)", "phrase": "phrases (30)", "multi": "several terms (20)",
         "docnum": "文号 (10)", "long": "long sentences (10)", "all": "all 100"}
BODY_GAP = 100


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def rss_mb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def make_doc(title, body, year, title_wdf):
    """The document with each token at its position, exactly as given (no TermGenerator:
    Xapian's own word splitting and case folding must not change gongkai's tokens)."""
    doc = xapian.Document()
    pos = 0
    add = doc.add_posting
    for t in title.split(" "):
        if t:
            pos += 1
            add(t, pos, title_wdf)
    pos += BODY_GAP
    for t in body.split(" "):
        if t:
            pos += 1
            add(t, pos)
    doc.add_value(0, xapian.sortable_serialise(int(year)))
    return doc


def build(tsv, path, title_wdf, log):
    if os.path.exists(path):
        shutil.rmtree(path)
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    start = time.perf_counter()
    last = start
    n = 0
    with open(tsv, encoding="utf-8") as f:
        for line in f:
            did, title, body, year = line.rstrip("\n").split("\t")
            db.replace_document(int(did), make_doc(title, body, year, title_wdf))
            n += 1
            now = time.perf_counter()
            if now - last >= 10:
                last = now
                print(f"  {n} documents, {now - start:.0f} s, {n / (now - start):.0f} docs/s, RSS {rss_mb('VmRSS'):.0f} MB, load {loadavg()}",
                      file=log, flush=True)
    db.commit()
    db.close()
    secs = time.perf_counter() - start
    return n, secs


def shard_offsets(tsv, shard_docs):
    """Byte offsets of the first line of every shard of shard_docs lines, and the number of lines."""
    offsets, n, pos = [], 0, 0
    with open(tsv, "rb") as f:
        for line in f:
            if n % shard_docs == 0:
                offsets.append(pos)
            pos += len(line)
            n += 1
    return offsets, n


def build_shard(job):
    """Builds one shard (its documents numbered 1.. in file order) and returns its size."""
    tsv, offset, count, first_id, path, title_wdf = job
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE | xapian.DB_NO_SYNC)
    with open(tsv, "rb") as f:
        f.seek(offset)
        for i in range(count):
            did, title, body, year = f.readline().decode("utf-8").rstrip("\n").split("\t")
            if int(did) != first_id + i:
                raise ValueError(f"{tsv}: line of document {did} where {first_id + i} was expected")
            db.add_document(make_doc(title, body, year, title_wdf))
    db.commit()
    db.close()
    return count


def build_sharded(tsv, path, title_wdf, workers, shard_docs, log):
    """Xapian indexes one document at a time on one core. A million documents would take hours, so
    the corpus is cut into shards of consecutive documents, built by several processes and then
    compacted into one database; compaction renumbers each shard after the ones before it, so
    document i keeps id i. The result is the database a single build would give, compacted."""
    import multiprocessing
    for p in (path, path + ".shards"):
        if os.path.exists(p):
            shutil.rmtree(p)
    os.makedirs(path + ".shards")
    start = time.perf_counter()
    offsets, n = shard_offsets(tsv, shard_docs)
    jobs = [(tsv, off, min(shard_docs, n - k * shard_docs), k * shard_docs + 1,
             os.path.join(path + ".shards", f"{k:05d}"), title_wdf) for k, off in enumerate(offsets)]
    done = 0
    with multiprocessing.Pool(workers) as pool:
        for c in pool.imap(build_shard, jobs):
            done += c
            now = time.perf_counter()
            print(f"  {done} documents in shards, {now - start:.0f} s, {done / (now - start):.0f} docs/s, load {loadavg()}",
                  file=log, flush=True)
    shard_secs = time.perf_counter() - start
    compact_shards(path, [j[4] for j in jobs], log)
    secs = time.perf_counter() - start
    print(f"  shards built in {shard_secs:.0f} s, compacted into one database in {secs - shard_secs:.0f} s", file=log, flush=True)
    return n, secs


def compact_shards(path, shards, log, group=100):
    """Compacts the shards, in this order, into one database at path and removes them. The disk
    holds the shards plus at most one group's compacted copy, then the groups plus the result
    (compaction leaves about 80 % of the shards' size): at a million documents the shards take
    25 GB, so compacting all of them at once needed twice that."""
    parts = []
    for k in range(0, len(shards), group):
        part = f"{path}.part{k // group:04d}"
        src = xapian.Database()
        for s in shards[k:k + group]:
            src.add_database(xapian.Database(s))
        src.compact(part)
        src.close()
        for s in shards[k:k + group]:
            shutil.rmtree(s)
        parts.append(part)
        print(f"  compacted shards {k + 1}-{min(k + group, len(shards))}, load {loadavg()}", file=log, flush=True)
    src = xapian.Database()
    for part in parts:
        src.add_database(xapian.Database(part))
    src.compact(path)
    src.close()
    for part in parts:
        shutil.rmtree(part)
    shutil.rmtree(os.path.dirname(shards[0]), ignore_errors=True)


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total


def make_query(terms):
    subs = []
    for toks in terms:
        if len(toks) == 1:
            subs.append(xapian.Query(toks[0]))
        else:
            subs.append(xapian.Query(xapian.Query.OP_PHRASE, toks, len(toks)))
    return subs[0] if len(subs) == 1 else xapian.Query(xapian.Query.OP_AND, subs)


def run_queries(db, queries, runs, limit_s, log):
    enq = xapian.Enquire(db)  # BM25Weight by default
    out = []
    for q in queries:
        xq = make_query(q["terms"])
        ms = []
        ids = []
        for run in range(runs + 1):
            t0 = time.perf_counter()
            enq.set_query(xq)
            mset = enq.get_mset(0, 10)
            ids = [m.docid for m in mset]
            el = time.perf_counter() - t0
            if run == 0:
                if el > limit_s:
                    ms.append(el * 1000)
                    print(f"  {q['class']} {q['text']!r}: {el * 1000:.0f} ms, timed once", file=log)
                    break
                continue
            ms.append(el * 1000)
        # Matches, untimed: exact up to 10,000 (gongkai counts up to 10,000 too).
        enq.set_query(xq)
        total = enq.get_mset(0, 0, 10000).get_matches_estimated()
        out.append({"class": q["class"], "text": q["text"], "ms": ms, "total": total,
                    "capped": total >= 10000, "ids": ids})
    return out


def pct(sorted_v, p):
    if not sorted_v:
        return float("nan")
    import math
    k = int(math.ceil(p * len(sorted_v))) - 1
    return sorted_v[max(0, min(k, len(sorted_v) - 1))]


def summary(res, log):
    print(f"xapian, {res['n']} documents: p50 / p90 / p99 / max ms", file=log)
    for c in CLASSES + ["all"]:
        v = sorted(x for q in res["queries"] if c == "all" or q["class"] == c for x in q["ms"])
        if v:
            print(f"  {LABEL[c]:<20} {pct(v, .5):8.2f} {pct(v, .9):8.2f} {pct(v, .99):8.2f} {v[-1]:8.2f}   ({len(v)} runs)", file=log)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tsv", required=True, help="corpus exported by searchbench -export")
    ap.add_argument("--queries", required=True, help="queries written by searchbench -queries")
    ap.add_argument("--db", required=True, help="Xapian database folder (overwritten)")
    ap.add_argument("--json", help="write the measurements here (searchbench -report reads them)")
    ap.add_argument("--n", type=int, default=0, help="number of documents (recorded; default: lines of --tsv)")
    ap.add_argument("--round", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--limit", type=float, default=5.0, help="seconds; a slower warm-up is timed once only")
    ap.add_argument("--title-wdf", type=int, default=10)
    ap.add_argument("--workers", type=int, default=1,
                    help="build shards of --shard-docs documents in this many processes and compact them into one database")
    ap.add_argument("--shard-docs", type=int, default=1000)
    ap.add_argument("--compact-shards", metavar="SECONDS",  type=float,
                    help="finish a sharded build that was stopped after its shards (DB.shards/NNNNN, all built, which took SECONDS): compact them into --db, then query")
    ap.add_argument("--reuse", action="store_true", help="query the existing --db, do not build")
    ap.add_argument("--compact", action="store_true", help="compact the database after the build (timed separately) and query the compacted one")
    args = ap.parse_args()
    log = sys.stderr
    res = {"engine": "xapian", "n": args.n, "round": args.round, "phase": "build" if not args.reuse else "fresh",
           "load_avg": loadavg(), "notes": [f"Xapian {xapian.version_string()}, title wdf {args.title_wdf}"]}
    path = args.db
    if args.compact_shards is not None:
        t0 = time.perf_counter()
        shards = sorted(os.path.join(path + ".shards", d) for d in os.listdir(path + ".shards"))
        compact_shards(path, shards, log)
        secs = args.compact_shards + time.perf_counter() - t0
        n = xapian.Database(path).get_doccount()
        res["build"] = {"docs": n, "seconds": secs, "rate": n / secs, "hwm_mb": rss_mb("VmHWM")}
        res["notes"].append(f"built as {len(shards)} shards of {args.shard_docs} documents ({args.compact_shards:.0f} s), compacted in groups by a second process ({secs - args.compact_shards:.0f} s)")
        print(f"compacted {len(shards)} shards in {secs - args.compact_shards:.0f} s: {n} documents in {secs:.0f} s = {n / secs:.0f} docs/s", file=log, flush=True)
    elif not args.reuse:
        print(f"xapian: indexing {args.tsv} with positions, load {loadavg()}", file=log, flush=True)
        if args.workers > 1:
            n, secs = build_sharded(args.tsv, path, args.title_wdf, args.workers, args.shard_docs, log)
            res["notes"].append(f"built as shards of {args.shard_docs} documents by {args.workers} processes, then compacted into one database")
        else:
            n, secs = build(args.tsv, path, args.title_wdf, log)
        res["build"] = {"docs": n, "seconds": secs, "rate": n / secs, "hwm_mb": rss_mb("VmHWM")}
        print(f"built: {n} documents in {secs:.1f} s = {n / secs:.0f} docs/s", file=log, flush=True)
        if args.compact:
            t0 = time.perf_counter()
            xapian.Database(path).compact(path + ".compact")
            shutil.rmtree(path)
            os.rename(path + ".compact", path)
            res["build"]["after"] = "xapian compact"
            res["build"]["after_seconds"] = time.perf_counter() - t0
        if not args.n:
            res["n"] = n
    db = xapian.Database(path)
    if not res["n"]:
        res["n"] = db.get_doccount()
    res["db_bytes"] = dir_bytes(path)
    res["db_detail"] = f"{db.get_doccount()} documents, average length {db.get_avlength():.0f}"
    with open(args.queries, encoding="utf-8") as f:
        queries = json.load(f)
    print(f"running {len(queries)} queries (1 warm-up + {args.runs} timed runs each), load {loadavg()}", file=log, flush=True)
    t0 = time.perf_counter()
    res["queries"] = run_queries(db, queries, args.runs, args.limit, log)
    res["rss_mb"], res["hwm_mb"] = rss_mb("VmRSS"), rss_mb("VmHWM")
    res["load_avg_end"] = loadavg()
    print(f"queries done in {time.perf_counter() - t0:.1f} s; RSS {res['rss_mb']:.0f} MB, peak {res['hwm_mb']:.0f} MB, load {res['load_avg_end']}", file=log)
    summary(res, log)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(res, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
