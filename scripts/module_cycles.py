#!/usr/bin/env python3
"""Import cycles between sibling modules (files or folders) of each crate's src/.

An edge A -> B means a file inside module A names sibling module B (`crate::…::B`,
`super::B`, or `B::` after `use` of the parent). Parent <-> child references (a child's
`use super::*`) are how Rust modules work and are not counted. Exits 1 on a cycle."""
import os, re, sys

def modules(src):
    """module path (tuple) -> list of files belonging to it (a folder's files included)."""
    files = {}
    for root, _, names in os.walk(src):
        for n in names:
            if n.endswith('.rs'):
                rel = os.path.relpath(os.path.join(root, n), src)[:-3].split(os.sep)
                if rel[-1] in ('mod', 'lib', 'main'):
                    rel = rel[:-1]
                files[tuple(rel)] = os.path.join(root, n)
    return files

def refs(path, text):
    """Absolute module paths a file names."""
    out = set()
    for m in re.finditer(r'\bcrate((?:::[a-z_][a-z0-9_]*)+)', text):
        out.add(tuple(m.group(1).split('::')[1:]))
    for m in re.finditer(r'\b((?:super::)+)((?:[a-z_][a-z0-9_]*::?)*)', text):
        ups = m.group(1).count('super')
        base = path[:len(path) - ups]
        rest = [p for p in m.group(2).split('::') if p]
        out.add(tuple(base) + tuple(rest))
    return out

def check(src):
    files = modules(src)
    known = set(files)
    edges = {}
    for mod, f in files.items():
        # Comments (doc links included) name modules without importing them.
        text = re.sub(r'//[^\n]*', '', open(f, encoding='utf-8').read())
        # a file's own path: for mod.rs the folder itself is the module; `super` climbs from it
        for r in refs(mod, text):
            # the longest known module prefix of the reference
            while r and r not in known:
                r = r[:-1]
            # the pair of siblings under the deepest common parent
            i = 0
            while i < min(len(mod), len(r)) and mod[i] == r[i]:
                i += 1
            if i < len(mod) and i < len(r):
                a, b = mod[:i + 1], r[:i + 1]
                edges.setdefault(a, set()).add(b)
    cycles = []
    for a, bs in edges.items():
        for b in bs:
            if a in edges.get(b, set()) and a < b:
                cycles.append((a, b))
    # longer cycles: DFS
    def reach(x, target, seen):
        for y in edges.get(x, ()):
            if y == target:
                return True
            if y not in seen:
                seen.add(y)
                if reach(y, target, seen):
                    return True
        return False
    long = sorted({a for a in edges if reach(a, a, set())})
    return cycles, long

bad = 0
for crate in sys.argv[1:]:
    pairs, nodes = check(os.path.join(crate, 'src'))
    for a, b in pairs:
        print(f"{crate}: {'/'.join(a)} <-> {'/'.join(b)}")
    if nodes and not pairs:
        print(f"{crate}: cycle through {', '.join('/'.join(n) for n in nodes)}")
    bad |= bool(nodes)
print('no import cycles' if not bad else 'import cycles found')
sys.exit(1 if bad else 0)
