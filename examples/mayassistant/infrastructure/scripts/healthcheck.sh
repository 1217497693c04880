#!/bin/sh
curl -fsS "$1/health" >/dev/null
