#!/usr/bin/env python3
"""Where a server's CPU time went: self time by package and by function, from a .cpuprofile.

    BENCH_CPU_PROF=/tmp/prof-writes npx tsx test/bench/writes.bench.ts --quick
    python3 test/bench/cpuprofile-summary.py /tmp/prof-writes/*.cpuprofile

Async continuations lose their callers in V8's profile, so time is summed where it is spent (self
time), not under the resolver that started it.
"""
import collections
import json
import sys


def package_of(url: str, function: str) -> str:
    if 'node_modules/' in url:
        parts = url.split('node_modules/')[-1].split('/')
        return '/'.join(parts[:2]) if parts[0].startswith('@') else parts[0]
    if url.startswith('node:'):
        return 'node:' + url[5:].split('/')[0]
    if not url:
        return function or '(native)'
    return 'app:' + '/'.join(url.split('/')[-2:])


def main(path: str, top: int = 25) -> None:
    profile = json.load(open(path))
    nodes = {node['id']: node for node in profile['nodes']}
    spent = collections.Counter()
    for sample, delta in zip(profile['samples'], profile['timeDeltas']):
        spent[sample] += delta
    total = sum(spent.values()) or 1
    by_package = collections.Counter()
    by_function = collections.Counter()
    for node_id, micros in spent.items():
        frame = nodes[node_id]['callFrame']
        by_package[package_of(frame['url'], frame['functionName'])] += micros
        by_function[f"{frame['functionName'] or '(anonymous)'} {'/'.join(frame['url'].split('/')[-2:])}:{frame['lineNumber']}"] += micros
    print(f'{total / 1e6:.1f} s sampled')
    print('--- self time by package')
    for name, micros in by_package.most_common(top):
        print(f'{micros / total * 100:5.1f}%  {name}')
    print('--- self time by function')
    for name, micros in by_function.most_common(top):
        print(f'{micros / total * 100:5.1f}%  {name}')


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25)
