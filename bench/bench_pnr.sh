#!/bin/bash
# Identity numbers coded per second, HMAC included (issue: sex coding).
exec "$GBETL_SRC/$BUILD/bench/pnr_bench"
