#!/bin/sh
# The first-boot script of examples/resources/cloudcmd_tat_invocation/new-instance.tf.
set -eu
if command -v apt-get >/dev/null 2>&1; then
  apt-get update -q
  apt-get install -y -q nginx
fi
echo "bootstrapped $(hostname)"
