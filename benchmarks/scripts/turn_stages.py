#!/usr/bin/env python3
"""Where a read turn's server CPU goes, by stage, from JFR execution samples of the turn-cost benchmark.

usage: jfr print --events jdk.ExecutionSample --stack-depth 80 rec.jfr > samples.txt
       python3 turn_stages.py samples.txt <server CPU ms per turn, less about 0.22 ms of Jetty>
"""
import sys, re, collections
path=sys.argv[1]; cpu=float(sys.argv[2]) if len(sys.argv)>2 else None
stages=[
 ('audit writer thread and H2 store threads', lambda s,t: t.startswith(('tabletalk-audit','H2-','MVStore'))),
 ('HTTP gate: identity, body, rate limit', lambda s,t: 'CallerGate.admit' in s),
 ('planner (rules)', lambda s,t: 'RulesPlanner.plan' in s),
 ('SQL rendering (jOOQ)', lambda s,t: 'AbstractQuery.getSQL0' in s),
 ('SQL execution and reading rows (JDBC)', lambda s,t: 'DirectRows.fetch' in s or 'fetchLazy' in s),
 ('executor: plan opening, tenant scope, labels', lambda s,t: 'JooqGuardedExecutor' in s),
 ('audit record on the request thread', lambda s,t: 'TurnAudit.append' in s or 'MaskingAuditLog' in s),
 ('session store', lambda s,t: 'GuardedSessions' in s or 'SessionStore' in s),
 ('reply: bounds, wire map, interpretation', lambda s,t: 'core.reply.' in s),
 ('reply JSON', lambda s,t: 'Exchange.writeJson' in s or 'Exchange.streamJson' in s or 'Exchange.streamReply' in s),
 ('engine: commands, validation, state', lambda s,t: 'ConversationEngine.handle' in s),
 ('HTTP handler rest (metrics, headers)', lambda s,t: 'ChatHandler' in s or 'HttpRoutes' in s or 'dev.tabletalk.httpjavalin' in s),
]
c=collections.Counter(); stack=[]; thread=''
for line in open(path):
    line=line.rstrip('\n')
    if line.startswith('jdk.ExecutionSample'): stack=[]; thread=''
    elif 'sampledThread' in line: thread=line.split('"')[1] if '"' in line else line.split('=',1)[1].strip()
    elif line.startswith('    ') and line.strip() not in ('','...'): stack.append(line.strip())
    elif line=='}':
        s='\n'.join(stack)
        if 'MinimalReadServer' in s or 'HttpLoad' in s: continue
        for name,f in stages:
            if f(s,thread): c[name]+=1; break
n=sum(c.values())
print(f'| Stage | Share | ms per turn |' if cpu else '| Stage | Share |')
print('|---|---|---|' if cpu else '|---|---|')
for name,_ in stages:
    v=c[name]
    print(f'| {name} | {100*v/n:.0f}% | {cpu*v/n:.2f} |' if cpu else f'| {name} | {100*v/n:.0f}% |')
print('samples', n)
