#!/usr/bin/env python3
"""What the best pooler could do on the bench's tenants workloads (BENCHMARKS.md, "tenants").

A discrete-event model of the closed loop: CLIENTS clients, each running one operation at a time on one of TENANTS
tenant databases (uniform, or Zipf with exponent 1), through at most BUDGET backend connections, one per tenant: a
client whose tenant's connection is busy waits for it. An operation on a tenant with an idle connection costs QUERY;
any other opens a connection first (LOGIN + QUERY), closing an idle connection of another tenant when all BUDGET are
open. Which one closes is the policy: 'oracle' closes the least popular tenant's (by true probability, which no
pooler knows), 'lru' the least recently used. Prints logins per operation, the figure the bench measures as
logins/op. No timing here is a measurement: only the ratio LOGIN / QUERY matters.

    python3 bench/tenants-model.py
"""
import bisect
import collections
import heapq
import random

CLIENTS, TENANTS, BUDGET = 8, 200, 20
QUERY, LOGIN = 0.5, 15.0          # ms; a login costs about 30 queries on this machine
OPERATIONS = 300_000


def logins_per_op(policy, exponent, seed=1):
    rnd = random.Random(seed)
    weights = [1 / (i + 1) ** exponent for i in range(TENANTS)]
    total, cumulative, acc = sum(weights), [], 0.0
    for w in weights:
        acc += w / total
        cumulative.append(acc)

    def pick():
        return min(bisect.bisect_left(cumulative, rnd.random()), TENANTS - 1)

    state = {}                                    # tenant -> 'idle' | 'busy': its open connection
    waiting = collections.defaultdict(collections.deque)
    last_used, events = {}, []
    logins = done = 0

    def start(now, client):
        nonlocal logins
        tenant = pick()
        s = state.get(tenant)
        if s == 'idle':
            state[tenant] = 'busy'
            heapq.heappush(events, (now + QUERY, client, tenant))
        elif s == 'busy':
            waiting[tenant].append(client)
        else:
            logins += 1
            if len(state) >= BUDGET:
                idle = [t for t, v in state.items() if v == 'idle']
                victim = max(idle) if policy == 'oracle' else min(idle, key=lambda t: last_used.get(t, 0))
                del state[victim]
            state[tenant] = 'busy'
            heapq.heappush(events, (now + LOGIN + QUERY, client, tenant))

    for c in range(CLIENTS):
        start(0.0, c)
    while done < OPERATIONS:
        now, client, tenant = heapq.heappop(events)
        done += 1
        last_used[tenant] = now
        if waiting[tenant]:
            heapq.heappush(events, (now + QUERY, waiting[tenant].popleft(), tenant))
        else:
            state[tenant] = 'idle'
        start(now, client)
    return logins / done


if __name__ == '__main__':
    for name, exponent in (('uniform', 0.0), ('zipf', 1.0)):
        for policy in ('oracle', 'lru'):
            print(f"{name:8s} {policy:6s} logins/op = {logins_per_op(policy, exponent):.2f}")
