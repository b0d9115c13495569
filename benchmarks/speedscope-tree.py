#!/usr/bin/env python3
# Sums a dotnet-trace speedscope file (--profile dotnet-sampled-thread-time --format Speedscope) into a call tree
# under the first frame containing FOCUS, as shares of that frame's sampled time (issue 19, eighth pass):
#   python3 benchmarks/speedscope-tree.py TRACE.speedscope.json "EngineReplay+<RunAsync>" 0.7
import json, sys, collections, re
d = json.load(open(sys.argv[1]))
frames = [f['name'] for f in d['shared']['frames']]
focus = sys.argv[2]; thr = float(sys.argv[3]) if len(sys.argv)>3 else 1.0
def short(n):
    n = re.sub(r'^[^!]*!', '', n); n = re.sub(r'\(.*', '', n)
    n = n.replace('CrmKit.Engine.','').replace('System.Private.CoreLib','').replace('System.Collections.Generic.','')
    return n[:110]
tree = {}
def add(path, dt):
    node = tree
    for n in path:
        node = node.setdefault(n, [0.0, {}]); node[0] += dt; node = node[1]
total = 0.0
for p in d['profiles']:
    stack = []; last = None
    for ev in p['events']:
        t = ev['at']
        if last is not None and stack:
            names = [short(frames[f]) for f in stack]
            fi = next((i for i, n in enumerate(names) if focus in n), None)
            if fi is not None:
                # collapse async plumbing frames
                path = [n for n in names[fi:] if not any(s in n for s in ('AsyncMethodBuilderCore.Start','MethodBuilder`1','MethodBuilder.Start','AsyncTaskMethodBuilder','AsyncValueTaskMethodBuilder'))]
                add(path, t - last); total += t - last
        last = t
        if ev['type'] == 'O': stack.append(ev['frame'])
        elif ev['frame'] in stack:
            i = len(stack) - 1 - stack[::-1].index(ev['frame']); del stack[i:]
def show(node, depth):
    for n, (v, ch) in sorted(node.items(), key=lambda kv: -kv[1][0]):
        if 100*v/total < thr: continue
        print(f"{100*v/total:6.1f}% {'  '*depth}{n}")
        show(ch, depth+1)
print("total", total)
show(tree, 0)
