#!/bin/bash
# Identity numbers coded per second, HMAC included (issue: sex coding).
exec "$BUILD/bench/pnr_bench"
