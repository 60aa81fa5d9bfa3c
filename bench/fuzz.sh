#!/usr/bin/env bash
# Fuzzes every Jazzer target for real, one after the other, each for its @FuzzTest maxDuration (10 minutes), at low
# priority. Usage: bench/fuzz.sh [TestClass ...]   (default: all *FuzzTests). Logs: target/fuzz/<TestClass>.log;
# the corpus grows in .cifuzz-corpus/, findings land in src/test/resources/<package>/<TestClass>Inputs/<method>/.
# Each input may take at most 10 s (libFuzzer -timeout: the JUnit integration hands jazzer.internal.arg.N to libFuzzer as argv[N],
# argv[0] being a placeholder); a slower one is a finding.
# Summary of a log: grep -E "^#[0-9]+.*(DONE|pulse)|^Done|exec/s" target/fuzz/<TestClass>.log | tail
set -euo pipefail
cd "$(dirname "$0")/.."
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  mapfile -t TARGETS < <(find src/test/java -name '*FuzzTests.java' -printf '%f\n' | sed 's/\.java$//' | sort)
fi
# coverage guidance inside the libraries that do the parsing, not only in the gateway's own classes
INSTRUMENT='eu.seta.gateway.**,tools.jackson.**,org.yaml.snakeyaml.**,org.bouncycastle.**,com.nimbusds.**,org.springframework.http.**'
# Jazzer 0.24.0's coverage instrumentation breaks some records (NoSuchFieldError on a component in the constructor:
# Principal's id on every input that builds one, CryptoProvider's name in a static initializer of the token path):
# they are left uninstrumented; the classes that build them are not
EXCLUDE='eu.seta.gateway.directory.Principal:eu.seta.gateway.crypto.CryptoProvider'
# FUZZ_NICE=19 lets two lanes run side by side for less of the machine than one at 15
NICE=${FUZZ_NICE:-15}
mkdir -p target/fuzz
./mvnw -q -DskipTests test-compile
for target in "${TARGETS[@]}"; do
  echo "$(date -u +%FT%TZ) fuzzing ${target}"
  # not -q: libFuzzer reports (cov, ft, exec/s, findings) come through surefire at INFO level
  JAZZER_FUZZ=1 nice -n "$NICE" ./mvnw -B surefire:test@fuzz -Dtest="${target}" -Djazzer.instrument="${INSTRUMENT}" \
    -Djazzer.instrumentation_excludes="${EXCLUDE}" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-timeout=10 \
    > "target/fuzz/${target}.log" 2>&1 || echo "$(date -u +%FT%TZ) ${target}: finding or failure, see target/fuzz/${target}.log"
done
echo "$(date -u +%FT%TZ) done"
