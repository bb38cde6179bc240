#!/usr/bin/env bash
# A short, bounded SharpFuzz run (fuzz/README.md): the query interpreter and the two cursor decoders,
# instrumented, under afl-fuzz from Debian's afl++ package, FUZZ_SECONDS each (45 by default).
# Exits non-zero when afl-fuzz cannot run or saves any crash or hang; prints each one's exception.
# Usage: fuzz/run.sh <work folder>   (the folder receives the instrumented build and afl-fuzz's output)
set -uo pipefail
cd "$(dirname "$0")/.."

work="${1:?usage: fuzz/run.sh <work folder>}"
seconds="${FUZZ_SECONDS:-45}"
targets=(interpreter cursors)
mkdir -p "$work"

if ! command -v afl-fuzz >/dev/null; then
    echo "afl-fuzz is missing: installing Debian's afl++"
    if [ "$(id -u)" -ne 0 ] || ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends afl++ >/dev/null; }; then
        echo "fuzz: could not install afl++ (needs root and the Debian package mirror)" >&2
        exit 1
    fi
fi

# The harness as the solution builds it, copied, so that instrumenting it in place leaves the
# solution's own outputs untouched.
dotnet build fuzz/Fuzz/Fuzz.csproj -v quiet -nologo || { echo "fuzz: the harness does not build" >&2; exit 1; }
rm -rf "$work/bin" && cp -r fuzz/Fuzz/bin/Debug/net10.0 "$work/bin"
bin="$work/bin"
dotnet "$bin/DongNai.Fuzz.dll" instrument \
    "$bin/DongNai.Search.dll" "$bin/DongNai.Domain.dll" "$bin/DongNai.Search.Lucene.dll" "$bin/DongNai.Ranking.dll" \
    || { echo "fuzz: instrumenting failed" >&2; exit 1; }

# The target is `dotnet`, not an afl-instrumented binary; crashes are exceptions reported by
# SharpFuzz's fork server, not core dumps; two cores are shared, so no CPU binding.
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1

failed=0
for target in "${targets[@]}"; do
    out="$work/$target"
    rm -rf "$out"
    timeout $((seconds + 60)) afl-fuzz -i "fuzz/corpus/$target" -o "$out" -t 10000 -m none -V "$seconds" \
        -- dotnet "$bin/DongNai.Fuzz.dll" "$target" >"$work/$target.log" 2>&1
    status=$?
    stats="$out/default/fuzzer_stats"
    if [ "$status" -ne 0 ] || [ ! -f "$stats" ]; then
        echo "fuzz $target: afl-fuzz did not run (exit $status); its log:"
        tail -n 20 "$work/$target.log"
        failed=1
        continue
    fi

    value() { sed -n "s/^$1 *: *//p" "$stats"; }
    echo "fuzz $target: $(value execs_done) inputs in $(value run_time) s, $(value corpus_count) in the corpus, $(value saved_crashes) crashes, $(value saved_hangs) hangs"
    for found in "$out"/default/crashes/id:* "$out"/default/hangs/id:*; do
        [ -e "$found" ] || continue
        failed=1
        echo "--- $found (replay: dotnet fuzz/Fuzz/bin/Debug/net10.0/DongNai.Fuzz.dll $target < <that file>)"
        # Outside afl-fuzz the harness runs the input once; an exception is printed with its stack.
        timeout 60 dotnet "$bin/DongNai.Fuzz.dll" "$target" <"$found" 2>&1 | head -n 20
    done
done

exit "$failed"
