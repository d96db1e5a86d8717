#!/usr/bin/env bash
# Search at scale: gongkai on SQLite and on PostgreSQL, and Xapian as the yardstick, on the same
# generated corpus and the same 100 queries, in one run (see bench/README-search.md).
#
# Usage: bench/search.sh N...            e.g. bench/search.sh 10000 100000
# Environment:
#   ROUNDS=2                 full repetitions (build + queries) per N and engine
#   ENGINES="sqlite postgres xapian"
#   PGURL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable   (or GONGKAI_TEST_POSTGRES)
#   LAWS=../shared/data/laws-lawrefbook/laws.jsonl.gz
#   OUT=bench/out/search-<time>   JSON results, logs and report.md
#   XAPIAN_REBUILD_MAX=20000  in rounds after the first, Xapian rebuilds its index only up to this
#                            N (it indexes ~100-200 docs/s) and otherwise queries round 1's index
#                            in a fresh process
#   SQLITE_OPTIMIZE=0        1: FTS5 'optimize' after the import (timed separately)
#   XAPIAN_WORKERS=1         >1: Xapian builds shards of XAPIAN_SHARD_DOCS (1000) documents in this
#                            many processes and compacts them into one database
#   PG_DEFER_INDEX=0         1: PostgreSQL imports with the search index deferred (gongkai import
#                            --defer-index): dropped, then built once at the end, inside the timing
# Query-only mode, for indexes built earlier by searchbench and xapian_bench.py (at a million
# documents the builds take hours on 2 cores; they can run apart and the queries then run side by
# side here): REUSE_QUERIES=q.json with SQLITE_DATA=DIR, PG_SCHEMA=NAME (kept) and XAPIAN_DB=DIR.
# Needs: Go, /usr/bin/python3 with python3-xapian (apt-get install python3-xapian), PostgreSQL.
# Ctrl-C stops it cleanly: the running step is ended, the PostgreSQL schema dropped, temp files removed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
	sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
fi
for n in "$@"; do
	[[ $n =~ ^[0-9]+$ ]] || { echo "not a number of documents: $n" >&2; exit 2; }
done
rounds=${ROUNDS:-2}
engines=${ENGINES:-sqlite postgres xapian}
pg=${PGURL:-${GONGKAI_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}}
laws=${LAWS:-../shared/data/laws-lawrefbook/laws.jsonl.gz}
out=${OUT:-bench/out/search-$(date +%Y%m%d-%H%M%S)}
xapian_rebuild_max=${XAPIAN_REBUILD_MAX:-20000}
optimize=()
[ "${SQLITE_OPTIMIZE:-0}" = 1 ] && optimize=(-optimize)
xworkers=(--workers "${XAPIAN_WORKERS:-1}" --shard-docs "${XAPIAN_SHARD_DOCS:-1000}")
deferindex=()
[ "${PG_DEFER_INDEX:-0}" = 1 ] && deferindex=(-defer-index)
reuse=${REUSE_QUERIES:-}
py=/usr/bin/python3

[ -r "$laws" ] || { echo "laws corpus not found: $laws (set LAWS)" >&2; exit 2; }
if [[ " $engines " == *" xapian "* ]] && ! $py -c 'import xapian' 2>/dev/null; then
	echo "Xapian's Python bindings are missing: apt-get install python3-xapian (or leave xapian out of ENGINES)" >&2
	exit 2
fi

mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-search.XXXXXX")
child=""
schema=""
cleanup() {
	trap - EXIT INT TERM
	if [ -n "$child" ]; then
		kill "$child" 2>/dev/null || true
		wait "$child" 2>/dev/null || true
	fi
	if [ -n "$schema" ] && [ -x "$work/searchbench" ]; then
		"$work/searchbench" -engine postgres -db "$pg" -schema "$schema" -drop || echo "could not drop PostgreSQL schema $schema" >&2
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

# step LOG CMD...: runs CMD in the background (so that Ctrl-C is handled at once), its output
# to the terminal and to LOG.
step() {
	local log=$1
	shift
	echo "+ ${*}" | tee -a "$log" >&2
	"$@" > >(tee -a "$log") 2>&1 &
	child=$!
	local rc=0
	wait "$child" || rc=$?
	child=""
	return "$rc"
}

echo "search benchmark: N=$*, rounds $rounds, engines: $engines; results in $out" >&2
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/machine.txt" >&2
go build -o "$work/searchbench" ./bench/searchbench
sb="$work/searchbench"

if [ -n "$reuse" ]; then
	for n in "$@"; do
		cp "$reuse" "$out/queries-$n.json"
		for r in $(seq 1 "$rounds"); do
			for e in $engines; do
				log="$out/$e-$n-r$r.log"
				case $e in
				sqlite) step "$log" "$sb" -n "$n" -engine sqlite -data "${SQLITE_DATA:?SQLITE_DATA}" -reuse -queries-from "$reuse" -round "$r" -json "$out/sqlite-$n-r$r-fresh.json" ;;
				postgres) step "$log" "$sb" -n "$n" -engine postgres -db "$pg" -schema "${PG_SCHEMA:?PG_SCHEMA}" -keep -reuse -queries-from "$reuse" -round "$r" -json "$out/postgres-$n-r$r-fresh.json" ;;
				xapian) step "$log" $py bench/xapian_bench.py --tsv /dev/null --queries "$reuse" --db "${XAPIAN_DB:?XAPIAN_DB}" --n "$n" --round "$r" --reuse --json "$out/xapian-$n-r$r-fresh.json" ;;
				*) echo "unknown engine $e" >&2; exit 2 ;;
				esac
			done
		done
	done
	echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt" >&2
	"$sb" -report "$out"/*-r[0-9]*-*.json | tee "$out/report.md"
	echo "report: $out/report.md" >&2
	exit 0
fi

for n in "$@"; do
	q="$work/queries-$n.json"
	tsv="$work/corpus-$n.tsv"
	if [[ " $engines " == *" xapian "* ]]; then
		step "$out/prepare-$n.log" "$sb" -n "$n" -corpus "$laws" -prepare -queries "$q" -export "$tsv"
	else
		step "$out/prepare-$n.log" "$sb" -n "$n" -corpus "$laws" -prepare -queries "$q"
	fi
	cp "$q" "$out/queries-$n.json"
	for r in $(seq 1 "$rounds"); do
		for e in $engines; do
			log="$out/$e-$n-r$r.log"
			case $e in
			sqlite)
				d="$work/sqlite-$n"
				rm -rf "$d"
				step "$log" "$sb" -n "$n" -corpus "$laws" -engine sqlite -data "$d" "${optimize[@]}" -round "$r" -json "$out/sqlite-$n-r$r-build.json"
				step "$log" "$sb" -n "$n" -corpus "$laws" -engine sqlite -data "$d" -reuse -queries-from "$q" -round "$r" -json "$out/sqlite-$n-r$r-fresh.json"
				rm -rf "$d"
				;;
			postgres)
				schema="bench_$$_${n}_r$r"
				step "$log" "$sb" -n "$n" -corpus "$laws" -engine postgres -db "$pg" -schema "$schema" -keep "${deferindex[@]}" -round "$r" -json "$out/postgres-$n-r$r-build.json"
				step "$log" "$sb" -n "$n" -corpus "$laws" -engine postgres -db "$pg" -schema "$schema" -reuse -queries-from "$q" -round "$r" -json "$out/postgres-$n-r$r-fresh.json"
				schema="" # the -reuse run dropped it
				;;
			xapian)
				x="$work/xapian-$n"
				if [ "$r" = 1 ] || [ "$n" -le "$xapian_rebuild_max" ]; then
					step "$log" $py bench/xapian_bench.py --tsv "$tsv" --queries "$q" --db "$x" --n "$n" --round "$r" "${xworkers[@]}" --json "$out/xapian-$n-r$r-build.json"
				else
					step "$log" $py bench/xapian_bench.py --tsv "$tsv" --queries "$q" --db "$x" --n "$n" --round "$r" --reuse --json "$out/xapian-$n-r$r-fresh.json"
				fi
				;;
			*)
				echo "unknown engine $e" >&2
				exit 2
				;;
			esac
		done
	done
	rm -rf "$work/xapian-$n" "$tsv"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt" >&2
"$sb" -report "$out"/*-r[0-9]*-*.json | tee "$out/report.md"
echo "report: $out/report.md" >&2
