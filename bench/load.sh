#!/usr/bin/env bash
# Load test of a document page: gongkai (embedded SQLite, demo data) against nginx serving the
# same page as a static file, measured with wrk in one run on this machine.
# Needs: wrk and nginx (Debian: apt-get install wrk nginx-light).
# Usage: bench/load.sh [duration=20s] [connections=64] [threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-20s}; conns=${2:-64}; threads=${3:-2}
for cmd in wrk nginx curl; do command -v $cmd >/dev/null || { echo "missing $cmd (apt-get install wrk nginx-light curl)"; exit 2; }; done

work=$(mktemp -d /tmp/gongkai-bench.XXXXXX)
trap 'kill $gk_pid 2>/dev/null; nginx -p "$work/nginx" -c nginx.conf -s stop 2>/dev/null; rm -rf "$work"' EXIT

go build -o "$work/gongkai" ./cmd/gongkai
gk_port=18080; ng_port=18081
"$work/gongkai" serve --demo --addr "127.0.0.1:$gk_port" --data "$work/data" >"$work/serve.log" 2>&1 & gk_pid=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$gk_port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

# The newest published document's page.
doc=$(curl -fsS "http://127.0.0.1:$gk_port/api/v1/documents?limit=1" | sed -E 's/.*"url":"([^"]+)".*/\1/')
url="http://127.0.0.1:$gk_port$doc"
mkdir -p "$work/nginx/html" "$work/nginx/logs"
curl -fsS "$url" >"$work/nginx/html/page.html"
chmod -R a+rX "$work"   # nginx workers run unprivileged
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  default_type text/html;
  server { listen 127.0.0.1:$ng_port; root $work/nginx/html; location / { try_files /page.html =404; } }
}
NGINX
nginx -p "$work/nginx" -c nginx.conf

echo "page: $doc ($(wc -c <"$work/nginx/html/page.html") bytes); wrk -t$threads -c$conns -d$dur"
run() { wrk -t"$threads" -c"$conns" -d"$dur" --latency "$1" | tee "$work/$2.txt" | grep -E 'Requests/sec|Latency|99%|Non-2xx'; }
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ng_port/")
[ "$code" = 200 ] || { echo "nginx answers $code, not 200"; cat "$work/nginx/logs/error.log"; exit 1; }
echo "== nginx (static file)"; run "http://127.0.0.1:$ng_port/" nginx
echo "== gongkai (document page)"; run "$url" gongkai
if grep -q Non-2xx "$work/nginx.txt" "$work/gongkai.txt"; then echo "error responses during the run: the numbers are not valid"; exit 1; fi
ng=$(awk '/Requests\/sec/ {print $2}' "$work/nginx.txt"); gk=$(awk '/Requests\/sec/ {print $2}' "$work/gongkai.txt")
echo "gongkai/nginx = $(awk -v a="$gk" -v b="$ng" 'BEGIN { printf "%.2f", a/b }') (budget: at least 0.50)"
