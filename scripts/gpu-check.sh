#!/bin/sh
# One command that proves the CUDA path on a machine with an NVIDIA GPU (minutes, not hours):
#   1. the GPU, the driver and the CUDA libtorch (set up by `framewise gpu setup`, or named by PYTORCH_LIBRARY_PATH)
#   2. a build without tests
#   3. `framewise models doctor`: libtorch must be the CUDA build and --device auto must pick CUDA
#   4. the golden suites (tiny checkpoints; fp32 and bf16 cases) with -Dframewise.test.device=cuda
#   5. `bench decode` on the synthetic Cosmos-Reason1-7B shape (bf16, CUDA; 16 GB of GPU memory)
#   6. `bench vision` on the synthetic Qwen2.5-VL-7B tower (bf16, CUDA, a 32-frame video)
# and prints one summary. Logs go to target/gpu-check/. Environment: GPU_CHECK_SKIP_BENCH=1 skips 5-6,
# GPU_CHECK_SETUP=1 runs `framewise gpu setup` when no CUDA libtorch is found, MVN_FLAGS adds Maven flags (-o).
# Goals and how to read the figures: docs/performance.md.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOGS="$ROOT/target/gpu-check"
mkdir -p "$LOGS"
SUMMARY="$LOGS/summary.txt"
: >"$SUMMARY"
FAILED=0
MVN_FLAGS=${MVN_FLAGS:-}

note() { echo "$*" | tee -a "$SUMMARY"; }
step() { # step NAME LOGFILE TIMEOUT_S COMMAND...: runs a step, records PASS/FAIL/SKIP and its time
    name=$1; log=$2; limit=$3; shift 3
    start=$(date +%s)
    timeout "$limit" "$@" >"$log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    if [ $rc -eq 0 ]; then note "PASS  $name (${secs}s)"; else note "FAIL  $name (exit $rc after ${secs}s; see $log)"; FAILED=1; fi
    return $rc
}

note "framewise gpu-check $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname)"

# 1. GPU, driver and CUDA libtorch
if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
    note "FAIL  no NVIDIA GPU or driver (nvidia-smi fails): this check needs one"
    exit 2
fi
note "      $(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | head -n 1)"
DATA_DIR=${FRAMEWISE_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/framewise}
ACTIVE="$DATA_DIR/gpu/active.properties"
if [ -z "${PYTORCH_LIBRARY_PATH:-}" ] && [ ! -f "$ACTIVE" ] && [ "${GPU_CHECK_SETUP:-0}" = 1 ]; then
    step "framewise gpu setup" "$LOGS/gpu-setup.log" 3600 "$ROOT/framewise" gpu setup
fi
if [ -z "${PYTORCH_LIBRARY_PATH:-}" ] && [ -f "$ACTIVE" ]; then
    # the test JVMs do not read the switch, so pass it on as DJL's environment variables (the same values)
    PYTORCH_LIBRARY_PATH=$(sed -n 's/^library_path=//p' "$ACTIVE" | sed 's/\\:/:/g; s/\\\\/\\/g')
    PYTORCH_FLAVOR=$(sed -n 's/^pytorch_flavor=//p' "$ACTIVE")
    export PYTORCH_LIBRARY_PATH PYTORCH_FLAVOR
fi
if [ -z "${PYTORCH_LIBRARY_PATH:-}" ]; then
    note "FAIL  no CUDA libtorch: run ./framewise gpu setup (or GPU_CHECK_SETUP=1 $0), or set PYTORCH_LIBRARY_PATH"
    exit 2
fi
export PYTORCH_FLAVOR=${PYTORCH_FLAVOR:-cu128}
note "      libtorch: $PYTORCH_LIBRARY_PATH ($PYTORCH_FLAVOR)"

# 2. build
cd "$ROOT" || exit 2
step "build" "$LOGS/build.log" 1800 ./mvnw -B -q $MVN_FLAGS -DskipTests package || { note "stopping: the build failed"; exit 1; }

# 3. doctor
if step "models doctor" "$LOGS/doctor.log" 300 ./framewise models doctor; then
    if grep -q "will use CUDA" "$LOGS/doctor.log"; then note "PASS  --device auto picks CUDA"
    else note "FAIL  --device auto does not pick CUDA: $(grep -E 'Device|libtorch' "$LOGS/doctor.log" | tr -s ' ' | head -n 3 | tr '\n' ';')"; FAILED=1; fi
fi

# 4. golden suites on CUDA (each family's tiny checkpoint; the suites hold their own fp32 and bf16 cases)
GOLDEN='LanguageModelTest,VisionEncoderTest,MultimodalPromptTest,KvCacheConsistencyTest,PromptPrefixCacheTest,GeneratorTest,AskCommandTest,AskVisionTest,Qwen3LanguageModelTest,Qwen3VisionTowerTest,AskQwen3VlTest'
step "golden suites on CUDA (fp32 + bf16)" "$LOGS/golden.log" 1800 ./mvnw -B $MVN_FLAGS -pl engine test \
    -Dframewise.test.device=cuda -Dtest="$GOLDEN" -Dsurefire.failIfNoSpecifiedTests=false
SKIPPED=$(grep -ho 'Skipped: [1-9][0-9]*' "$LOGS/golden.log" | head -n 1)
[ -n "$SKIPPED" ] && note "      golden: $SKIPPED (a skip here means libtorch saw no GPU)"
grep -E 'Tests run:.*Fail' "$LOGS/golden.log" | tail -n 1 | sed 's/^/      /' | tee -a "$SUMMARY" >/dev/null

# 5-6. benchmarks on the synthetic 7B shapes
if [ "${GPU_CHECK_SKIP_BENCH:-0}" != 1 ]; then
    if step "bench decode cosmos-reason1-7b bf16 cuda" "$LOGS/bench-decode.log" 1200 ./framewise bench decode \
            --synthetic cosmos-reason1-7b --dtype bf16 --device cuda --prompt-tokens 128 --tokens 128; then
        tail -n 6 "$LOGS/bench-decode.log" | sed 's/^/      /' | tee -a "$SUMMARY" >/dev/null
    fi
    if step "bench vision qwen2.5-vl-7b 32 frames bf16 cuda" "$LOGS/bench-vision.log" 1200 ./framewise bench vision \
            --synthetic qwen2.5-vl-7b-vision --dtype bf16 --device cuda --frames 32 --ttft qwen2.5-0.5b; then
        tail -n 8 "$LOGS/bench-vision.log" | sed 's/^/      /' | tee -a "$SUMMARY" >/dev/null
    fi
fi

echo
echo "=== summary ($SUMMARY) ==="
cat "$SUMMARY"
[ $FAILED -eq 0 ] && echo "gpu-check: all steps passed" || echo "gpu-check: some steps failed"
exit $FAILED
