//! The parallel drivers (feature `rayon`): bit-identical to the sequential
//! ones, and as safe against perturbation confusion on rayon's worker threads
//! as the sequential drivers are on the caller's.
#![cfg(feature = "rayon")]

use dual::{DualNum, DualVec64, HyperDualVec64};
use hessian::{
    PARALLEL_GRADIENT_MIN_N, PARALLEL_HESSIAN_MIN_N, gradient, gradient_par, hessian,
    hessian_chunked, hessian_chunked_par, hessian_par, jacobian, jacobian_par,
};

/// A dense function with transcendental and linear parts.
fn net<D: DualNum<f64>>(x: &[D]) -> D {
    let n = x.len();
    let mut s = D::zero();
    for b in 0..3 {
        let mut z = D::zero();
        for (k, &xk) in x.iter().enumerate() {
            z += xk * ((b * n + k) as f64 * 0.37).sin();
        }
        s += z.tanh() * (b as f64 + 0.5) + z * z * 0.01;
    }
    match (x.first(), x.last()) {
        (Some(&a), Some(&b)) => s + a / (b * b + 1.0),
        _ => s,
    }
}

fn bits(v: impl IntoIterator<Item = f64>) -> Vec<u64> {
    v.into_iter().map(f64::to_bits).collect()
}

fn point(n: usize) -> Vec<f64> {
    (0..n).map(|i| ((i * 13) % 7) as f64 / 5.0 - 0.6).collect()
}

#[test]
fn results_are_bit_identical_to_the_sequential_drivers() {
    for n in [0, 1, 5, PARALLEL_HESSIAN_MIN_N, 37, 64] {
        let x = point(n);
        let (v, g, h) = hessian(net, &x);
        let (vp, gp, hp) = hessian_par(net, &x);
        assert_eq!(v.to_bits(), vp.to_bits(), "n = {n}");
        assert_eq!(bits(g.iter().copied()), bits(gp.iter().copied()));
        assert_eq!(bits(h.iter().copied()), bits(hp.iter().copied()));
        let (_, _, h8) = hessian_chunked::<8, _>(net, &x);
        let (_, _, h8p) = hessian_chunked_par::<8, _>(net, &x);
        assert_eq!(bits(h8.iter().copied()), bits(h8p.iter().copied()));
    }
    for n in [
        0,
        5,
        64,
        PARALLEL_GRADIENT_MIN_N,
        PARALLEL_GRADIENT_MIN_N + 3,
    ] {
        let x = point(n);
        let (v, g) = gradient(net, &x);
        let (vp, gp) = gradient_par(net, &x);
        assert_eq!(v.to_bits(), vp.to_bits());
        assert_eq!(bits(g.iter().copied()), bits(gp.iter().copied()));
        let map = |y: &[DualVec64<8>]| y.iter().map(|&yi| yi.sin() * y[0]).collect::<Vec<_>>();
        let (v, j) = jacobian(map, &x);
        let (vp, jp) = jacobian_par(map, &x);
        assert_eq!(bits(v.iter().copied()), bits(vp.iter().copied()));
        assert_eq!(bits(j.iter().copied()), bits(jp.iter().copied()));
    }
}

#[test]
fn special_values_are_bit_identical_too() {
    let mut x = point(40);
    x[3] = f64::NAN;
    x[17] = f64::INFINITY;
    x[30] = -0.0;
    let (v, g, h) = hessian(net, &x);
    let (vp, gp, hp) = hessian_par(net, &x);
    assert_eq!(v.to_bits(), vp.to_bits());
    assert_eq!(bits(g.iter().copied()), bits(gp.iter().copied()));
    assert_eq!(bits(h.iter().copied()), bits(hp.iter().copied()));
}

#[test]
fn jacobian_par_whose_output_length_changes_is_all_nan() {
    let x = point(PARALLEL_GRADIENT_MIN_N + 8);
    let shifty = |y: &[DualVec64<8>]| {
        let m = if y[0].eps[0] == 1.0 { 3 } else { 4 };
        (0..m).map(|k| y[k] * y[k + 1]).collect::<Vec<_>>()
    };
    let (v, j) = jacobian_par(shifty, &x);
    assert_eq!(j.shape(), (3, PARALLEL_GRADIENT_MIN_N + 8));
    assert!(v.iter().chain(j.iter()).all(|e| e.is_nan()));
}

#[test]
fn same_level_nesting_on_worker_threads_is_nan() {
    // the inner `hessian` seeds HyperDualVec<f64, 4> at a plain f64 point, the
    // level the outer parallel driver holds: on every worker thread it must
    // see that and return NaN, never a silently wrong number
    let x = point(PARALLEL_HESSIAN_MIN_N + 2);
    let (v, g, h) = hessian_par(
        |y: &[HyperDualVec64<4>]| {
            let (inner, _, _) = hessian(|z| z[0] * z[0], &[y[0].re]);
            net(y) * inner
        },
        &x,
    );
    assert!(v.is_nan());
    assert!(g.iter().all(|e| e.is_nan()));
    assert!(h.iter().all(|e| e.is_nan()));
    // and the levels are released afterwards: the same call without the
    // nested driver is exact again, on the same threads
    let (_, _, h) = hessian_par(net, &x);
    assert_eq!(h, hessian(net, &x).2);
}

#[test]
fn correctly_typed_nesting_inside_parallel_drivers_is_exact() {
    // the gradient of a function whose value is itself a gradient entry,
    // computed at the closure's own number type (a new, outer level), both
    // drivers parallel: d/dx_k of (d/dx_0 net) = the Hessian's first row
    let x = point(PARALLEL_GRADIENT_MIN_N + 4);
    let (_, row) = gradient_par(
        |y: &[DualVec64<8>]| {
            let (_, g) = gradient_par(net, y);
            g[0]
        },
        &x,
    );
    let (_, _, h) = hessian(net, &x);
    for k in 0..x.len() {
        approx::assert_relative_eq!(row[k], h[(0, k)], max_relative = 1e-12, epsilon = 1e-14);
    }
}

/// The entries of a tensor, as bits.
fn tensor_bits(t: &hessian::DerivativeTensor<f64>) -> Vec<u64> {
    bits(t.values().iter().copied())
}

#[test]
fn tensor_drivers_are_bit_identical_to_the_sequential_ones() {
    use hessian::tensor::*;
    // below the threshold, just above it, and many runs per thread; with a
    // NaN, an infinity and a signed zero among the coordinates
    for n in [0, 1, 3, 6, 9, 14] {
        let mut x = point(n);
        if n >= 9 {
            x[2] = f64::NAN;
            x[5] = -0.0;
            x[7] = f64::INFINITY;
        }
        let t3 = derivative_tensor::<3, _>(net, &x).unwrap();
        let p3 = derivative_tensor_par::<3, _>(net, &x).unwrap();
        assert_eq!((t3.len(), t3.dim()), (p3.len(), p3.dim()));
        assert_eq!(tensor_bits(&t3), tensor_bits(&p3), "n = {n}");
        let ts = derivative_tensors::<4, _>(net, &x).unwrap();
        let ps = derivative_tensors_par::<4, _>(net, &x).unwrap();
        assert_eq!(ts.len(), ps.len());
        for (t, p) in ts.iter().zip(&ps) {
            assert_eq!(
                tensor_bits(t),
                tensor_bits(p),
                "n = {n}, order {}",
                t.order()
            );
            let index = |t: &hessian::DerivativeTensor<f64>| {
                t.iter().map(|(i, _)| i.to_vec()).collect::<Vec<_>>()
            };
            assert_eq!(index(t), index(p));
        }
        let e = taylor_expansion::<2, _>(net, &x).unwrap();
        let ep = taylor_expansion_par::<2, _>(net, &x).unwrap();
        let dx = vec![1e-3; n];
        assert_eq!(
            e.eval(&dx).map(f64::to_bits),
            ep.eval(&dx).map(f64::to_bits)
        );
        let n3 = third_derivative_tensor(net, &x).unwrap();
        let np = third_derivative_tensor_par(net, &x).unwrap();
        assert_eq!(tensor_bits(&n3), tensor_bits(&np), "n = {n}");
        assert_eq!(n3.iter().count(), np.iter().count());
    }
}

#[test]
fn tensor_drivers_fail_up_front_and_see_nesting_on_workers() {
    use dual::Taylor;
    use hessian::{Error, tensor::*};
    // infeasible: the same error as the sequential driver, before f runs
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let counted = |x: &[Taylor<f64, 8>]| {
        calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        x[0]
    };
    let err = derivative_tensor_par::<8, _>(counted, &vec![0.5; 60]).unwrap_err();
    assert_eq!(Err(err), derivative_tensor::<8, _>(counted, &vec![0.5; 60]));
    assert_eq!(calls.load(std::sync::atomic::Ordering::Relaxed), 0);
    // a same-level driver inside f, on every worker: Err, never a wrong number
    let x = point(12);
    assert!(multi_index_count(12, 3) >= PARALLEL_TENSOR_MIN_EVALUATIONS);
    let inner_errs = std::sync::atomic::AtomicUsize::new(0);
    let nested = |y: &[Taylor<f64, 3>]| {
        if derivative_tensor::<3, _>(|z: &[Taylor<f64, 3>]| z[0], &[1.0]).is_err() {
            inner_errs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        net(y)
    };
    derivative_tensor_par::<3, _>(nested, &x).unwrap();
    assert_eq!(
        inner_errs.load(std::sync::atomic::Ordering::Relaxed),
        multi_index_count(12, 3)
    );
    // and inside another driver's closure that seeds the same type, the
    // parallel driver itself refuses
    let outer = derivative_tensor::<3, _>(
        |y: &[Taylor<f64, 3>]| match derivative_tensor_par::<3, _>(net, &x) {
            Err(Error::PerturbationConfusion { .. }) => y[0],
            _ => Taylor::constant(f64::NAN),
        },
        &[2.0],
    )
    .unwrap();
    assert_eq!(outer.values(), &[0.0]);
}

/// A banded residual with enough colours for several passes.
struct Band;
impl hessian::VectorFunction<f64> for Band {
    fn eval<D: DualNum<f64>>(&self, u: &[D]) -> Vec<D> {
        let n = u.len();
        (0..n)
            .map(|i| {
                (0..12)
                    .filter_map(|d| u.get(i + d))
                    .fold(u[i].sin(), |acc, &v| acc * 0.5 + v * v)
            })
            .collect()
    }
}

#[test]
fn sparse_jacobian_par_is_bit_identical_and_keeps_the_errors() {
    use hessian::{Argument, Error, sparse::SparseJacobian};
    let mut x = point(300);
    x[10] = f64::NAN;
    x[11] = -0.0;
    let plan = SparseJacobian::new(&Band, &x).unwrap();
    assert!(plan.colors() > 8, "several passes: {}", plan.colors());
    let (v, j) = plan.jacobian(&Band, &x).unwrap();
    let (vp, jp) = plan.jacobian_par(&Band, &x).unwrap();
    assert_eq!(bits(v.iter().copied()), bits(vp.iter().copied()));
    assert_eq!(
        bits(j.values().iter().copied()),
        bits(jp.values().iter().copied())
    );
    assert_eq!(j.pattern(), jp.pattern());
    // against the dense driver
    let (_, dense) = jacobian(
        |u: &[DualVec64<8>]| hessian::VectorFunction::eval(&Band, u),
        &x,
    );
    for (r, c, &e) in j.triplet_iter() {
        assert_eq!(e.to_bits(), dense[(r, c)].to_bits());
    }
    assert_eq!(
        plan.jacobian_par(&Band, &x[1..]),
        Err(Error::LengthMismatch {
            argument: Argument::Point,
            found: 299,
            expected: 300
        })
    );
    // a function whose output length changes after its first evaluation:
    // the same Err as the sequential plan's
    struct Shifty(std::sync::atomic::AtomicUsize);
    impl hessian::VectorFunction<f64> for Shifty {
        fn eval<D: DualNum<f64>>(&self, u: &[D]) -> Vec<D> {
            let mut out = Band.eval(u);
            if self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed) > 0 {
                out.pop();
            }
            out
        }
    }
    let expected = Err(Error::LengthMismatch {
        argument: Argument::Outputs,
        found: 299,
        expected: 300,
    });
    let seq = plan.jacobian(&Shifty(0.into()), &x);
    assert_eq!(seq, expected);
    assert_eq!(plan.jacobian_par(&Shifty(0.into()), &x), expected);
}
