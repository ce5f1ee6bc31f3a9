//! The equations of motion of a double pendulum, derived from its Lagrangian
//! by nested drivers (no hand-derived derivative), checked against the
//! textbook closed form, integrated with RK4, and differentiated as a whole.
//!
//! Two point masses `m1`, `m2` on massless rods `l1`, `l2`, angles `θ1`, `θ2`
//! from the downward vertical, `Δ = θ1 - θ2`:
//!
//! ```text
//! L(q, q̇) = (m1 + m2) l1² θ̇1² / 2 + m2 l2² θ̇2² / 2 + m2 l1 l2 θ̇1 θ̇2 cos Δ
//!          + (m1 + m2) g l1 cos θ1 + m2 g l2 cos θ2
//! ```
//!
//! Euler-Lagrange, `d/dt ∂L/∂q̇ = ∂L/∂q`, with the momentum `p = ∂L/∂q̇`:
//! `M(q) q̈ = ∂L/∂q - (∂p/∂q) q̇`, where `M = ∂p/∂q̇` is the mass matrix. The
//! momentum comes from an inner `gradient`, and its Jacobian with respect to
//! `(q, q̇)` (the mass matrix and the Coriolis/centrifugal block together) from
//! an outer `jacobian`: a derivative of a derivative.
//!
//! Run with `cargo run --example double_pendulum`. The test suite runs `main`
//! once (tests/examples.rs); every claim printed is also asserted.

use hyperdiff::prelude::*;

/// The physical parameters (SI units).
#[derive(Clone, Copy, Debug)]
pub struct Pendulum {
    /// Upper mass.
    pub m1: f64,
    /// Lower mass.
    pub m2: f64,
    /// Upper rod length.
    pub l1: f64,
    /// Lower rod length.
    pub l2: f64,
    /// Gravitational acceleration.
    pub g: f64,
}

/// The terms of `M(q) q̈ = ∂L/∂q - B q̇`, with `B = ∂p/∂q`.
#[derive(Clone, Copy, Debug)]
pub struct Terms<T> {
    /// The mass matrix `M = ∂²L/∂q̇²`.
    pub mass: [[T; 2]; 2],
    /// `B = ∂²L/∂q̇∂q` (row `i`: the derivatives of `p_i` by `q`).
    pub mixed: [[T; 2]; 2],
    /// `∂L/∂q`.
    pub force: [T; 2],
    /// `p = ∂L/∂q̇`.
    pub momentum: [T; 2],
}

impl Pendulum {
    /// The Lagrangian, written once for every number type.
    pub fn lagrangian<D: DualNum<f64>>(&self, q: &[D], v: &[D]) -> D {
        let Self { m1, m2, l1, l2, g } = *self;
        let delta = q[0] - q[1];
        v[0] * v[0] * (0.5 * (m1 + m2) * l1 * l1)
            + v[1] * v[1] * (0.5 * m2 * l2 * l2)
            + v[0] * v[1] * delta.cos() * (m2 * l1 * l2)
            + q[0].cos() * ((m1 + m2) * g * l1)
            + q[1].cos() * (m2 * g * l2)
    }

    /// `M`, `B`, `∂L/∂q` and `p` at `(q, q̇)` by nested drivers, at a point of
    /// any number type (so this too can be differentiated).
    pub fn terms<T: DualNum<f64>>(&self, q: [T; 2], v: [T; 2]) -> Terms<T> {
        let z = [q[0], q[1], v[0], v[1]];
        // outer: the Jacobian over (q, q̇) of the momentum, which an inner
        // gradient over q̇ computes; q is lifted into the inner number type
        let (p, j) = jacobian_chunked::<4, _>(
            |z| {
                let (q, v) = z.split_at(2);
                let q = [DualVec::constant(q[0]), DualVec::constant(q[1])];
                let (_, p) = gradient_chunked::<2, _>(|w| self.lagrangian(&q, w), v);
                p.iter().copied().collect()
            },
            &z,
        );
        let (_, force) = gradient_chunked::<2, _>(
            |q| self.lagrangian(q, &[DualVec::constant(v[0]), DualVec::constant(v[1])]),
            &q,
        );
        Terms {
            mass: [[j[(0, 2)], j[(0, 3)]], [j[(1, 2)], j[(1, 3)]]],
            mixed: [[j[(0, 0)], j[(0, 1)]], [j[(1, 0)], j[(1, 1)]]],
            force: [force[0], force[1]],
            momentum: [p[0], p[1]],
        }
    }

    /// The angular accelerations `q̈ = M⁻¹ (∂L/∂q - B q̇)`.
    pub fn accelerations<T: DualNum<f64>>(&self, q: [T; 2], v: [T; 2]) -> [T; 2] {
        let t = self.terms(q, v);
        let r = [
            t.force[0] - t.mixed[0][0] * v[0] - t.mixed[0][1] * v[1],
            t.force[1] - t.mixed[1][0] * v[0] - t.mixed[1][1] * v[1],
        ];
        let m = t.mass;
        let det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        [
            (r[0] * m[1][1] - m[0][1] * r[1]) / det,
            (m[0][0] * r[1] - m[1][0] * r[0]) / det,
        ]
    }

    /// The energy `p · q̇ - L` (the Hamiltonian), from the same drivers.
    pub fn energy<T: DualNum<f64>>(&self, q: [T; 2], v: [T; 2]) -> T {
        let p = self.terms(q, v).momentum;
        p[0] * v[0] + p[1] * v[1] - self.lagrangian(&q, &v)
    }

    /// The textbook accelerations (e.g. any mechanics text's double pendulum).
    pub fn accelerations_closed_form(&self, q: [f64; 2], v: [f64; 2]) -> [f64; 2] {
        let Self { m1, m2, l1, l2, g } = *self;
        let d = q[0] - q[1];
        let den = 2.0 * m1 + m2 - m2 * (2.0 * d).cos();
        let a1 = (-g * (2.0 * m1 + m2) * q[0].sin()
            - m2 * g * (q[0] - 2.0 * q[1]).sin()
            - 2.0 * d.sin() * m2 * (v[1] * v[1] * l2 + v[0] * v[0] * l1 * d.cos()))
            / (l1 * den);
        let a2 = 2.0
            * d.sin()
            * (v[0] * v[0] * l1 * (m1 + m2)
                + g * (m1 + m2) * q[0].cos()
                + v[1] * v[1] * l2 * m2 * d.cos())
            / (l2 * den);
        [a1, a2]
    }

    /// `n` classical Runge-Kutta steps of length `dt` from `(q, q̇)`.
    pub fn simulate<T: DualNum<f64>>(
        &self,
        mut q: [T; 2],
        mut v: [T; 2],
        dt: f64,
        n: usize,
    ) -> ([T; 2], [T; 2]) {
        let add = |a: [T; 2], b: [T; 2], h: f64| [a[0] + b[0] * h, a[1] + b[1] * h];
        for _ in 0..n {
            let k1 = (v, self.accelerations(q, v));
            let (q2, v2) = (add(q, k1.0, dt / 2.0), add(v, k1.1, dt / 2.0));
            let k2 = (v2, self.accelerations(q2, v2));
            let (q3, v3) = (add(q, k2.0, dt / 2.0), add(v, k2.1, dt / 2.0));
            let k3 = (v3, self.accelerations(q3, v3));
            let (q4, v4) = (add(q, k3.0, dt), add(v, k3.1, dt));
            let k4 = (v4, self.accelerations(q4, v4));
            for i in 0..2 {
                q[i] += (k1.0[i] + k2.0[i] * 2.0 + k3.0[i] * 2.0 + k4.0[i]) * (dt / 6.0);
                v[i] += (k1.1[i] + k2.1[i] * 2.0 + k3.1[i] * 2.0 + k4.1[i]) * (dt / 6.0);
            }
        }
        (q, v)
    }
}

pub fn main() {
    let pendulum = Pendulum {
        m1: 1.0,
        m2: 0.5,
        l1: 1.2,
        l2: 0.8,
        g: 9.81,
    };
    let Pendulum { m1, m2, l1, l2, .. } = pendulum;

    // 1. the terms of the equations of motion against the closed forms
    println!("state (θ1, θ2, θ̇1, θ̇2)        max error of M, B q̇, q̈ against the closed forms");
    for (q, v) in [
        ([0.3, -0.2], [0.5, 1.5]),
        ([2.0, 0.7], [-1.0, 0.4]),
        ([-1.1, 2.9], [3.0, -2.0]),
    ] {
        let t = pendulum.terms(q, v);
        let c = (q[0] - q[1]).cos();
        let s = (q[0] - q[1]).sin();
        // M = [[(m1 + m2) l1², m2 l1 l2 cos Δ], [m2 l1 l2 cos Δ, m2 l2²]]
        let mass = [
            [(m1 + m2) * l1 * l1, m2 * l1 * l2 * c],
            [m2 * l1 * l2 * c, m2 * l2 * l2],
        ];
        // ∂L/∂q - B q̇ = -(c + G), with the Coriolis/centrifugal vector
        // c = m2 l1 l2 sin Δ (θ̇2², -θ̇1²) once the θ̇1 θ̇2 terms cancel
        let coriolis = [
            m2 * l1 * l2 * s * v[1] * v[1],
            -m2 * l1 * l2 * s * v[0] * v[0],
        ];
        let gravity = [
            (m1 + m2) * pendulum.g * l1 * q[0].sin(),
            m2 * pendulum.g * l2 * q[1].sin(),
        ];
        let mut worst: f64 = 0.0;
        for i in 0..2 {
            for (j, m) in mass[i].iter().enumerate() {
                worst = worst.max((t.mass[i][j] - m).abs());
            }
            let lhs = t.force[i] - t.mixed[i][0] * v[0] - t.mixed[i][1] * v[1];
            worst = worst.max((lhs + coriolis[i] + gravity[i]).abs());
        }
        let a = pendulum.accelerations(q, v);
        let exact = pendulum.accelerations_closed_form(q, v);
        for i in 0..2 {
            worst = worst.max((a[i] - exact[i]).abs());
            approx::assert_relative_eq!(a[i], exact[i], max_relative = 1e-13, epsilon = 1e-13);
        }
        assert!(worst < 1e-13, "{worst:e}");
        println!(
            "({:5.2}, {:5.2}, {:5.2}, {:5.2})      {worst:.1e}",
            q[0], q[1], v[0], v[1]
        );
    }

    // 2. integrate: RK4 conserves the energy p · q̇ - L to O(dt⁴)
    let (q0, v0) = ([1.0, -0.5], [0.0, 0.0]);
    let (dt, steps) = (1e-3, 1000);
    let e0 = pendulum.energy(q0, v0);
    let (q1, v1) = pendulum.simulate(q0, v0, dt, steps);
    let e1 = pendulum.energy(q1, v1);
    println!(
        "\nafter {steps} RK4 steps of {dt} s: θ = ({:.6}, {:.6}), energy {e1:.12} (start {e0:.12})",
        q1[0], q1[1]
    );
    approx::assert_relative_eq!(e1, e0, max_relative = 1e-9);

    // 3. differentiate the whole simulation with respect to the initial angle θ1:
    // derivative -> RK4 -> jacobian -> gradient, three drivers deep. The energy is
    // conserved, so dE(t)/dθ1(0) = dE(0)/dθ1(0) = (m1 + m2) g l1 sin θ1(0)
    // (at rest the kinetic energy and its derivatives by the angles vanish).
    let (_, de) = derivative(
        |th| {
            let (q, v) = pendulum.simulate(
                [th, Dual::from_re(q0[1])],
                [Dual::from_re(0.0); 2],
                dt,
                steps,
            );
            pendulum.energy(q, v)
        },
        q0[0],
    );
    let exact = (m1 + m2) * pendulum.g * l1 * q0[0].sin();
    println!("dE(t)/dθ1(0) through the simulation: {de:.12}, closed form {exact:.12}");
    approx::assert_relative_eq!(de, exact, max_relative = 1e-8);
    let (_, dth) = derivative(
        |th| {
            pendulum
                .simulate(
                    [th, Dual::from_re(q0[1])],
                    [Dual::from_re(0.0); 2],
                    dt,
                    steps,
                )
                .0[1]
        },
        q0[0],
    );
    // against a central difference of the plain simulation, whose error is at
    // most h² max|θ2'''| / 6 (the third derivative, doubled to cover
    // [θ1 - h, θ1 + h], comes exactly from a Taylor<f64, 3> run through the same
    // code) plus the rounding, at most steps ε max(|θ2|, 1) per run, divided by h
    let run = |th: f64| pendulum.simulate([th, q0[1]], v0, dt, steps).0[1];
    let d3 = nth_derivative::<3, _>(
        |th| {
            let rest = [Taylor::from_re(0.0); 2];
            pendulum
                .simulate([th, Taylor::from_re(q0[1])], rest, dt, steps)
                .0[1]
        },
        q0[0],
    );
    let h = 1e-4;
    let fd = (run(q0[0] + h) - run(q0[0] - h)) / (2.0 * h);
    let rounding = steps as f64 * f64::EPSILON * q1[1].abs().max(1.0) / h;
    let tol = h * h / 6.0 * 2.0 * d3.abs() + rounding;
    println!("dθ2(t)/dθ1(0) = {dth:.9} (central difference {fd:.9}, bound {tol:.1e})");
    assert!((dth - fd).abs() <= tol, "{dth} vs {fd}");
}
