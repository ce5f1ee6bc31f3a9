#!/usr/bin/env python3
"""JAX peer figures for docs/benchmarks.md: gradients and Hessians of the four
multivariate workloads of benches/workloads/mod.rs, on the same seeded points,
with jax.jit(jax.grad(f)) and jax.jit(jax.hessian(f)) on the CPU in float64.

Not run by CI. Usage (see README.md here):

    pip install jax            # CPU wheel
    python3 benches/peers/jax_bench.py > benches/peers/jax_results.csv

Writes `family,what,n,seconds` (seconds per call: the best of five timed
repeats of about 0.2 s each, after a warm-up call that compiles). Sizes can be
given on the command line (default: 2 4 8 ... 256).
"""
import os
import sys
import time

os.environ.setdefault("JAX_PLATFORMS", "cpu")
import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

SIZES = [2, 4, 8, 16, 32, 64, 128, 256]
BATCH = 8
FAMILIES = ["rosenbrock", "least_squares", "tanh_net", "ackley"]
MASK = (1 << 64) - 1


class Lcg:
    """The 64-bit LCG of benches/workloads/mod.rs (top 53 bits), bit for bit."""

    def __init__(self, seed):
        self.state = seed

    def next(self, lo, hi):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & MASK
        return lo + (hi - lo) * ((self.state >> 11) / float(1 << 53))

    def vec(self, n, lo, hi):
        return [self.next(lo, hi) for _ in range(n)]


def problem(family, n):
    """The seeded instance of `Problem::new(family, n)`: f and the point."""
    rng = Lcg(0x5EED0000 + 1000 * FAMILIES.index(family) + n)
    if family == "rosenbrock":
        x = np.array(rng.vec(n, -1.5, 1.5))

        def f(x):
            return jnp.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)

        return f, x
    if family == "least_squares":
        x = np.array(rng.vec(n, -1.0, 1.0))
        a = jnp.array(rng.vec(2 * n * n, -1.0, 1.0)).reshape(2 * n, n)
        y = jnp.array(rng.vec(2 * n, -1.0, 1.0))

        def f(w):
            r = y - a @ w
            return jnp.sum(r * r)

        return f, x
    if family == "tanh_net":
        d, h = (3, n // 4) if n >= 4 else (1, 1)
        rows = []
        for _ in range(BATCH):
            rows += [rng.next(-2.0, 2.0) for _ in range(d - 1)] + [1.0]
        xs = jnp.array(rows).reshape(BATCH, d)
        x = np.array(rng.vec(n, -1.0, 1.0))
        ts = jnp.array(rng.vec(BATCH, -1.0, 1.0))

        def f(p):
            w = p[: h * d].reshape(h, d)
            v = p[h * d :]
            out = jnp.tanh(xs @ w.T) @ v - ts
            return jnp.sum(out * out) / BATCH

        return f, x
    x = np.array(rng.vec(n, -2.0, 2.0))

    def f(x):
        m = x.shape[0]
        return (
            -20.0 * jnp.exp(-0.2 * jnp.sqrt(jnp.sum(x * x) / m))
            - jnp.exp(jnp.sum(jnp.cos(2.0 * jnp.pi * x)) / m)
            + 20.0
            + jnp.e
        )

    return f, x


def seconds_per_call(g, x):
    """Best time per call over 5 repeats of about 0.2 s each, after a warm-up
    call (which compiles)."""
    g(x).block_until_ready()
    k, t = 1, 0.0
    while True:
        t0 = time.perf_counter()
        for _ in range(k):
            g(x).block_until_ready()
        t = time.perf_counter() - t0
        if t > 0.05 or k > 1 << 20:
            break
        k *= 4
    k = max(1, int(k * 0.2 / max(t, 1e-9)))
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(k):
            g(x).block_until_ready()
        best = min(best, (time.perf_counter() - t0) / k)
    return best


def main():
    sizes = [int(s) for s in sys.argv[1:]] or SIZES
    print("family,what,n,seconds")
    for family in FAMILIES:
        for n in sizes:
            f, x = problem(family, n)
            x = jnp.array(x)
            for what, make in [("gradient", jax.grad), ("hessian", jax.hessian)]:
                g = jax.jit(make(f))
                t = seconds_per_call(g, x)
                print(f"{family},{what},{n},{t:.6e}", flush=True)


if __name__ == "__main__":
    main()
