#!/usr/bin/env bash
# Re-record the fixtures the tests replay, from a live run of the embedded model: every
# extraction prompt on the seeds and the hostile articles, and the wording requests of
# `summarize` and `compare` (gists, bottom line). Requests already recorded are recorded
# again (the model is deterministic at temperature 0); new ones are added.
# Usage: bash bench/record_fixtures.sh   (from the top of the repository, after the README's
# install; about 10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
brief=.venv/bin/brief
for prompt in extract.v4 extract.v3 extract.v2; do
    "$brief" --prompt "$prompt" --record fixtures/ --no-cache -q \
        summarize seeds/ tests/data/hostile/ > /dev/null || true
done
"$brief" --record fixtures/ --no-cache -q compare 2020 2024 > /dev/null
