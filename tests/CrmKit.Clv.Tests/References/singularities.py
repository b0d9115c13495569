#!/usr/bin/python3
"""Reference values for SingularityTests, computed with mpmath (Debian package python3-mpmath) at 60 digits,
independently of CrmKit: the papers' closed forms evaluated as written, at the singular point by mpmath's own
limit (the closed form evaluated at a = 1 + 1e-40, where the 60-digit arithmetic still has 20 digits to spare).

BG/NBD: Fader, Hardie & Lee (2005), "Counting your customers the easy way", eqs. 9 and 10.
MBG/NBD: Batislam, Denizel & Filiztekin (2007), the same forms with b + x + 1 and a + b + x.
BG/BB: Fader, Hardie & Shang (2010), eqs. 6 and 13.
Run: /usr/bin/python3 tests/CrmKit.Clv.Tests/References/singularities.py
"""
from mpmath import mp, mpf, hyp2f1, gamma, beta, log, exp

mp.dps = 60


def bgnbd_unconditional(r, al, a, b, t):
    return (a + b - 1) / (a - 1) * (1 - (al / (al + t)) ** r * hyp2f1(r, b, a + b - 1, t / (al + t)))


def bgnbd_conditional(r, al, a, b, x, tx, T, t):
    z = t / (al + T + t)
    num = (a + b + x - 1) / (a - 1) * (1 - ((al + T) / (al + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z))
    alive = 1 / (1 + (a / (b + x - 1)) * ((al + T) / (al + tx)) ** (r + x)) if x > 0 else 1
    return num * alive


def mbgnbd_unconditional(r, al, a, b, t):
    return b / (a - 1) * (1 - (al / (al + t)) ** r * hyp2f1(r, b + 1, a + b, t / (al + t)))


def mbgnbd_conditional(r, al, a, b, x, tx, T, t):
    z = t / (al + T + t)
    num = (a + b + x) / (a - 1) * (1 - ((al + T) / (al + T + t)) ** (r + x) * hyp2f1(r + x, b + x + 1, a + b + x, z))
    return num / (1 + (a / (b + x)) * ((al + T) / (al + tx)) ** (r + x))


def bgbb_likelihood(al, be, ga, de, x, tx, n):
    total = beta(al + x, be + n - x) / beta(al, be) * beta(ga, de + n) / beta(ga, de)
    for i in range(0, int(n - tx)):
        total += beta(al + x, be + tx - x + i) / beta(al, be) * beta(ga + 1, de + tx + i) / beta(ga, de)
    return total


def bgbb_unconditional(al, be, ga, de, n):
    return al / (al + be) * de / (ga - 1) * (1 - gamma(ga + de) * gamma(1 + de + n) / (gamma(ga + de + n) * gamma(1 + de)))


def bgbb_conditional(al, be, ga, de, x, tx, n, m):
    L = bgbb_likelihood(al, be, ga, de, x, tx, n)
    f = beta(al + x + 1, be + n - x) / beta(al, be) * de / (ga - 1) * gamma(ga + de) / gamma(1 + de) / L
    return f * (gamma(1 + de + n) / gamma(ga + de + n) - gamma(1 + de + n + m) / gamma(ga + de + n + m))


one = mpf(1) + mpf(10) ** -40
r, al, b = mpf('0.243'), mpf('4.414'), mpf('2.426')
x, tx, T, t = 2, mpf('30.43'), mpf('38.86'), mpf(39)
for label, a in [("1", one), ("1+1e-9", 1 + mpf('1e-9')), ("1-1e-9", 1 - mpf('1e-9')), ("1+1e-6", 1 + mpf('1e-6')), ("1-1e-6", 1 - mpf('1e-6')), ("1+1e-3", 1 + mpf('1e-3')), ("1-5e-4", 1 - mpf('5e-4'))]:
    print(f"BG/NBD a={label}: conditional {mp.nstr(bgnbd_conditional(r, al, a, b, x, tx, T, t), 15)} unconditional {mp.nstr(bgnbd_unconditional(r, al, a, b, t), 15)}")
    print(f"MBG/NBD a={label}: conditional {mp.nstr(mbgnbd_conditional(r, al, a, b, x, tx, T, t), 15)} unconditional {mp.nstr(mbgnbd_unconditional(r, al, a, b, t), 15)}")
# a near 1 and a long horizon (z > 0.99): the interpolated branch
for label, a in [("1", one), ("1+1e-6", 1 + mpf('1e-6'))]:
    print(f"BG/NBD a={label} t=1e4: conditional {mp.nstr(bgnbd_conditional(r, al, a, b, x, tx, T, mpf(10000)), 15)}")
# The CDNOW fit (FHL 2005) and a horizon of 1e18 weeks.
print("BG/NBD CDNOW (FHL 2005's rounded estimates) t=1e18:", mp.nstr(bgnbd_conditional(mpf('0.243'), mpf('4.414'), mpf('0.793'), mpf('2.426'), x, tx, T, mpf(10) ** 18), 15))
al2, be2, de2 = mpf('1.204'), mpf('0.750'), mpf('2.783')
for label, g in [("1", one), ("1+1e-9", 1 + mpf('1e-9')), ("1-1e-9", 1 - mpf('1e-9')), ("1+1e-6", 1 + mpf('1e-6')), ("1-1e-6", 1 - mpf('1e-6')), ("1+2e-4", 1 + mpf('2e-4'))]:
    print(f"BG/BB gamma={label}: conditional(5; 3, 4, 6) {mp.nstr(bgbb_conditional(al2, be2, g, de2, 3, 4, 6, 5), 15)} unconditional(5) {mp.nstr(bgbb_unconditional(al2, be2, g, de2, 5), 15)}")
print("BG/BB (1.204, 0.750, 0.657, 2.783) n=1e18:", mp.nstr(bgbb_unconditional(al2, be2, mpf('0.657'), de2, mpf(10) ** 18), 15))
