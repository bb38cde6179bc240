#!/bin/sh
# Writes the service's four 32-byte keys (Identity/SecretKeys.cs) into the shared key volume once,
# before either instance starts, so both read the same keys and neither races to create them.
# Keys already there are kept: replacing one would make stored personal data unreadable.
set -eu
cd /keys
for name in signing phone-hash personal-data owner-handle; do
    if [ ! -s "$name.key" ]; then
        head -c 32 /dev/urandom | base64 > "$name.key.tmp"
        mv "$name.key.tmp" "$name.key"
    fi
done
chown -R 1654:1654 /keys /data-protection
chmod 600 /keys/*.key
