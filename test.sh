#!/usr/bin/env bash
# The whole test suite: installs the servers the tests start (Debian packages), builds with warnings
# as errors, runs every test, and ends with one line: "tests: N passed, N failed[, N skipped]".
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test.sh: missing ${missing[*]}; install them with: sudo apt-get install ${missing[*]}" >&2
  fi
fi

configuration=Release
dotnet build ImapConcentrator.sln -c "$configuration" -warnaserror -nologo -v quiet

results="$(mktemp -d)"
status=0
dotnet test ImapConcentrator.sln -c "$configuration" --no-build --nologo \
  --logger "trx;LogFilePrefix=run" --logger "console;verbosity=normal" --results-directory "$results" || status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done

# The benchmark's smoke run: 20 mailboxes for 10 s through the real app process; fails on any lost or duplicated
# notification, never on timing. Counted as one test.
if dotnet run -c "$configuration" --project ImapConcentrator.Benchmarks --no-build -- --smoke --no-build; then
  passed=$((passed + 1))
else
  echo "test.sh: benchmark smoke run failed" >&2
  failed=$((failed + 1))
fi

if [ $((passed + failed)) -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  status=1
fi
[ "$failed" -eq 0 ] || status=1

line="tests: $passed passed, $failed failed"
[ "$skipped" -eq 0 ] || line="$line, $skipped skipped"
echo "$line"
exit "$status"
