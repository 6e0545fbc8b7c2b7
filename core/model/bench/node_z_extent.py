#!/usr/bin/env python3
# Usage: python3 core/model/bench/node_z_extent.py (standard library only; prints the table in ARCHITECTURE.md).
# z-extent of the phantom's nodes (re-sampling core/phantom/NodePlacement.cpp drawShape's
# distribution) against the z span of a 15-slice (+-7) stack at several slice spacings.
import math, random
random.seed(1)
def unit():
    while True:
        v = [random.gauss(0, 1) for _ in range(3)]
        n = math.sqrt(sum(c * c for c in v))
        if n > 1e-9: return [c / n for c in v]
def cross(a, b): return [a[1]*b[2]-a[2]*b[1], a[2]*b[0]-a[0]*b[2], a[0]*b[1]-a[1]*b[0]]
def norm(a):
    n = math.sqrt(sum(c*c for c in a)); return [c/n for c in a]
ext = []
for _ in range(100000):
    L = random.uniform(10, 15) if random.random() < 0.12 else min(15, max(3, random.gauss(7.5, 1.8)))
    S = L * random.uniform(0.4, 0.9); M = random.uniform(S, L)
    if random.random() < 0.55:
        t = random.uniform(0, 0.5); az = random.uniform(0, 2*math.pi)
        a0 = [math.sin(t)*math.cos(az), math.sin(t)*math.sin(az), math.cos(t)]
    else:
        a0 = unit()
    h = [1, 0, 0] if abs(a0[0]) < 0.9 else [0, 1, 0]
    a1 = norm(cross(a0, h)); a2 = cross(a0, a1)
    sp = random.uniform(0, 2*math.pi)
    b1 = [math.cos(sp)*a1[i] + math.sin(sp)*a2[i] for i in range(3)]; b2 = cross(a0, b1)
    ext.append(2 * math.sqrt((L/2*a0[2])**2 + (M/2*b1[2])**2 + (S/2*b2[2])**2))
ext.sort()
q = lambda p: ext[int(p * (len(ext) - 1))]
print("node z-extent (mm): median %.1f, 10th pct %.1f, 90th pct %.1f, max %.1f" % (q(.5), q(.1), q(.9), ext[-1]))
for s in (0.9, 1.5, 2.0, 3.0):
    span = 14 * s
    longer = sum(e > span for e in ext) / len(ext)
    print("%.1f mm slices: stack spans %.1f mm; median node on %.1f of its 15 slices; nodes longer than the stack %.1f %%"
          % (s, span, min(15, q(.5) / s), 100 * longer))
