#!/bin/bash
# Use: FW_REAL=./framewise FRAMEWISE=scripts/anchor-same-bits.sh ../shared/anchors/llama-cpp/run.sh q05 3 fw-int8,ll-q8_0,...
# Framewise launcher for the llama.cpp anchor at the same bits: llama.cpp's Q8_0/Q4_0 files quantise output.weight
# too, so a quantised Framewise case quantises lm_head to the same precision.
args=("$@"); extra=()
for ((i=0;i<${#args[@]};i++)); do
  if [[ "${args[i]}" == "--dtype" ]]; then d="${args[i+1]}"; [[ "$d" == int8 || "$d" == int4 ]] && extra=(--lm-head-dtype "$d"); fi
done
exec "$FW_REAL" "$@" "${extra[@]}"
