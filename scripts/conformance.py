#!/usr/bin/env python3
"""Reference derivatives for the conformance suite (crates/dual/tests/conformance.rs):
every elementary function of the `dual` crate and its derivatives of orders 0 to 6
at awkward but ordinary points (magnitudes 1e-300 to 1e300, within 1e-8 of domain
edges, saturated regions such as tanh(400) and exp(700), the points where the
crate's derivative formulas switch branch).

Regenerate with

    python3 scripts/conformance.py > crates/dual/tests/data/conformance.rs

The derivatives are SymPy's symbolic ones, evaluated with mpmath at the exact
binary value of each f64 point at 1000 significant digits (the worst cancellation
here, 1 - tanh(400)^2 ~ 1e-348, loses about 350 of them) and checked to agree
with an evaluation at 1100 digits to 50 digits, then rounded once to f64 (so a
value beyond f64's range is written as ±inf, and one below it as its subnormal
or zero rounding). The values themselves (order 0) are not in the table: the
test compares them bit for bit with the primitive's own function.
"""

import math
import sys

import mpmath
import sympy as sp

X = sp.symbols("x", real=True)
ORDERS = 6
DIGITS = 1000
CHECK_DIGITS = 1100
AGREE = 50

MAX = sys.float_info.max
HALF_PI_M = math.pi / 2 - 1e-8
# where atan, asinh and acosh switch to their forms in 1/x, and the next f64
TWO64 = 2.0**64
TWO64_UP = math.nextafter(TWO64, math.inf)
# where tanh's derivative switches to its form in e^(-2|x|)
TWENTY_UP = math.nextafter(20.0, math.inf)


def real_cbrt(x, p):
    # SymPy's x**(1/3) is the principal complex root; the crate's cbrt is real
    return sp.cbrt(x) if p >= 0 else -sp.cbrt(-x)


# name -> (expression builder taking (symbol, point), points)
BIG = [1e150, 1e300]
SMALL = [1e-300, 1e-150]
UNARY = [
    ("exp", lambda x, p: sp.exp(x), [-700.0, -1e-300, 1e-300, 1e-150, 30.0, 700.0, 709.0]),
    ("exp2", lambda x, p: 2**x, [-1000.0, -1e-300, 1e-300, 1000.0, 1023.5]),
    ("exp_m1", lambda x, p: sp.exp(x) - 1, [-700.0, -1e-300, 1e-300, 1e-150, 1e-8, 700.0]),
    ("ln", lambda x, p: sp.log(x), SMALL + BIG + [1.0 - 1e-8, 1.0 + 1e-8, MAX]),
    ("ln_1p", lambda x, p: sp.log(1 + x), [-1.0 + 1e-8, -1e-300, 1e-300, 1e-150] + BIG),
    ("log2", lambda x, p: sp.log(x, 2), SMALL + BIG),
    ("log10", lambda x, p: sp.log(x, 10), SMALL + BIG),
    ("sqrt", lambda x, p: sp.sqrt(x), SMALL + BIG + [MAX]),
    ("cbrt", real_cbrt, [-1e300, -1e-150, 1e-300, 1e-150, 1e150, 1e300, MAX]),
    ("recip", lambda x, p: 1 / x, [-1e300, -1e-150, 1e-300, 1e-150, 1e150, 1e300]),
    ("sin", lambda x, p: sp.sin(x), [-1e-300, 1e-300, 1e-150, 1e-8, 1e150, 1e300]),
    ("cos", lambda x, p: sp.cos(x), [-1e-300, 1e-300, 1e-150, 1e-8, 1e150, 1e300]),
    ("tan", lambda x, p: sp.tan(x), [-1e-300, 1e-300, 1e-8, HALF_PI_M, 1e300]),
    ("asin", lambda x, p: sp.asin(x),
     [1e-300, 1e-150, 1e-8, 0.49999999999999994, 0.5, 1.0 - 1e-8, -1.0 + 1e-8]),
    ("acos", lambda x, p: sp.acos(x),
     [1e-300, 1e-150, 1e-8, 0.49999999999999994, 0.5, 1.0 - 1e-8, -1.0 + 1e-8]),
    ("atan", lambda x, p: sp.atan(x),
     [1e-300, 1e-150, 1e-8, 1.0, 1e8, TWO64, TWO64_UP, 1e100, 1e150, 1e300, -1e300]),
    ("sinh", lambda x, p: sp.sinh(x), [-700.0, -1e-300, 1e-300, 1e-8, 30.0, 700.0, 710.0]),
    ("cosh", lambda x, p: sp.cosh(x), [-700.0, -1e-300, 1e-300, 1e-8, 30.0, 700.0, 710.0]),
    ("tanh", lambda x, p: sp.tanh(x),
     [1e-300, 1e-8, 1.0, 19.0, 20.0, TWENTY_UP, -TWENTY_UP, 30.0, 200.0, 400.0, -400.0, 700.0]),
    ("asinh", lambda x, p: sp.asinh(x),
     [1e-300, 1e-150, 1e-8, 1.0, 1e8, TWO64, TWO64_UP, -TWO64_UP, 1e100, 1e150, 1e300, -1e300, MAX]),
    ("acosh", lambda x, p: sp.acosh(x),
     [1.0000000000000002, 1.0 + 1e-8, 2.0, 1e8, TWO64, TWO64_UP, 1e100, 1e150, 1e300, MAX]),
    ("atanh", lambda x, p: sp.atanh(x),
     [1e-300, 1e-150, 1e-8, 0.49999999999999994, 0.5, 1.0 - 1e-8, -1.0 + 1e-8]),
    ("powi_2", lambda x, p: x**2, [1e-300, 1e-200, 1e-150, 1e150, 1e300, -1e300]),
    ("powi_3", lambda x, p: x**3, [1e-150, 1e-100, 1e100, -1e100]),
    ("powi_7", lambda x, p: x**7, [1e-40, 1e40, -1e40]),
    ("powi_m1", lambda x, p: x**-1, [1e-300, 1e-150, -1e-150, 1e150, -1e300]),
    ("powi_m2", lambda x, p: x**-2, [1e-300, 1e-150, -1e-150, 1e-100, 1e100, -1e100]),
    ("powf_scalar_2", lambda x, p: x**2, [1e-300, 1e-200, 1e-150, 1e150, 1e300]),
    ("powf_scalar_0.5", lambda x, p: sp.sqrt(x), SMALL + BIG),
    ("powf_scalar_2.5", lambda x, p: x ** sp.Rational(5, 2), [1e-300, 1e-150, 1e-100, 1e100]),
    ("powf_scalar_-0.5", lambda x, p: x ** sp.Rational(-1, 2), SMALL + BIG),
    # the same powers with the exponent a (constant) number
    ("powf_2.5", lambda x, p: x ** sp.Rational(5, 2), [1e-300, 1e-150, 1e-100, 1e100]),
    ("powf_-0.5", lambda x, p: x ** sp.Rational(-1, 2), SMALL + [1e150]),
    # the exponent is the f64 nearest 0.3, taken exactly
    ("powf_0.3", lambda x, p: x ** sp.Rational(0.3), SMALL + [1e-8, 1e150]),
    ("powf_3", lambda x, p: x**3, [1e-300, 1e-200, 1e-150, 1e100]),
    # a varying exponent: x^(3 + (x - p)) at the point p, the exponent exactly
    # 3 + h (x^(x + 3) would round its value 3 + p to 3 at a tiny p, and
    # x^p = exp(p ln x) changes the higher derivatives there by O(1))
    ("powf_3_plus_h", lambda x, p: x ** (3 + (x - sp.Rational(p))), [1e-300, 1e-200, 1e-150, 1e-8, 2.0]),
]

MPMATH = {"exp": mpmath.exp, "log": mpmath.log, "sqrt": mpmath.sqrt}


def to_f64(v):
    """Round an mpf to the nearest f64 (±inf beyond the range), once."""
    if mpmath.isnan(v):
        return math.nan
    if mpmath.isinf(v):
        return math.inf if v > 0 else -math.inf
    if abs(v) >= mpmath.mpf(MAX) * (1 + mpmath.mpf(2) ** -54):
        return math.inf if v > 0 else -math.inf
    # mpmath's own conversion rounds to nearest at 53 bits, subnormals included
    with mpmath.workprec(53):
        r = float(mpmath.mpf(v))
    return r


def evaluate(expr, p, dps):
    f = sp.lambdify(X, expr, modules="mpmath")
    with mpmath.workdps(dps):
        return f(mpmath.mpf(p))


def fmt(v):
    if math.isnan(v):
        return "f64::NAN"
    if math.isinf(v):
        return "f64::INFINITY" if v > 0 else "f64::NEG_INFINITY"
    return "%.16e" % v  # 17 significant digits: the f64 round-trips


def rows():
    out = []
    for name, build, points in UNARY:
        for p in points:
            e = build(X, p)
            vals = []
            for k in range(ORDERS + 1):
                a = evaluate(e, p, DIGITS)
                b = evaluate(e, p, CHECK_DIGITS)
                with mpmath.workdps(CHECK_DIGITS):
                    if a != b and abs(a - b) > abs(b) * mpmath.mpf(10) ** -AGREE:
                        raise ValueError(f"{name}^({k})({p}) unstable: {a} vs {b}")
                if mpmath.im(a) != 0:
                    raise ValueError(f"{name}^({k})({p}) is not real")
                vals.append(to_f64(mpmath.re(a)))
                e = sp.diff(e, X)
            out.append((name, p, vals))
    return out


def main():
    r = rows()
    print("// @generated by scripts/conformance.py -- do not edit by hand.")
    print("// Regenerate with:")
    print("//     python3 scripts/conformance.py > crates/dual/tests/data/conformance.rs")
    print("//")
    print("// SymPy derivatives evaluated with mpmath at 1000 digits (checked against")
    print("// 1100) at the exact value of each f64 point, rounded once to f64.")
    print()
    print("/// `(function, x, [f(x), f'(x), ..., f^(6)(x)])`; the function names are")
    print("/// resolved by `unary` in `conformance.rs`.")
    print("#[allow(clippy::excessive_precision, clippy::approx_constant)]")
    print("pub const DERIVATIVES: &[(&str, f64, [f64; 7])] = &[")
    for name, p, vals in r:
        print(f'    ("{name}", {fmt(p)}, [{", ".join(fmt(v) for v in vals)}]),')
    print("];")


if __name__ == "__main__":
    main()
