//! Operators: every form of each binary operator agrees, scalars on either side
//! agree with the constant-promoted forms, and `Sum`/`Product` agree with folds,
//! for every number type. Components are compared one by one (`Flat`).

mod common;

use common::*;
use dual::{Dual, DualNum, DualVec, HyperDual, HyperDualVec};
use proptest::prelude::*;

/// Exact equality of every component.
fn same<D: Flat>(a: &D, b: &D) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.flat(), b.flat(), "{:?} vs {:?}", a, b);
    Ok(())
}

/// Componentwise `|a_k - b_k| <= tol_k`.
fn close<D: Flat>(a: &D, b: &D, tol: impl Fn(usize) -> f64) -> Result<(), TestCaseError> {
    for (k, (x, y)) in a.flat().iter().zip(b.flat()).enumerate() {
        prop_assert!(
            (x - y).abs() <= tol(k),
            "component {}: {:?} vs {:?}",
            k,
            a,
            b
        );
    }
    Ok(())
}

/// `a op b`, `a op &b`, `&a op b`, `&a op &b`, `a op= b` and `a op= &b` agree exactly.
macro_rules! forms {
    ($a:ident, $b:ident, $op:tt, $opa:tt) => {{
        let v = $a $op $b;
        same(&v, &($a $op &$b))?;
        same(&v, &(&$a $op $b))?;
        same(&v, &(&$a $op &$b))?;
        let mut c = $a;
        c $opa $b;
        same(&v, &c)?;
        let mut c = $a;
        c $opa &$b;
        same(&v, &c)?;
    }};
}

/// With a primitive `s`: `x op s == x op from_re(s)`, `s op x == from_re(s) op x`,
/// `x op= s == x op s` and `&x op s == x op s`.
macro_rules! scalar_forms {
    ($x:ident, $s:ident, $c:ident, $op:tt, $opa:tt) => {{
        let v = $x $op $s;
        same(&v, &(&$x $op $s))?;
        let mut w = $x;
        w $opa $s;
        same(&v, &w)?;
    }};
}

macro_rules! ops_tests {
    ($m:ident, $t:ty, $p:ty) => {
        mod $m {
            use super::*;
            type D = $t;

            proptest! {
                #![proptest_config(config())]

                #[test]
                fn operator_forms_agree(a in number::<D>(), b in number::<D>()) {
                    forms!(a, b, +, +=);
                    forms!(a, b, -, -=);
                    forms!(a, b, *, *=);
                    forms!(a, b, /, /=);
                    forms!(a, b, %, %=);
                    // the value of a quotient is the primitive quotient of the values
                    prop_assert_eq!((a / b).re(), a.re() / b.re());
                }

                #[test]
                fn scalar_ops_agree_with_constants(x in number::<D>(), s in nonzero()) {
                    let s = s as $p;
                    let c = D::from_re(s);
                    // addition, subtraction, multiplication and remainder by a constant
                    // give bit-identical results (adding or multiplying by the zero
                    // derivative parts of the constant is exact)
                    same(&(x + s), &(x + c))?;
                    same(&(s + x), &(c + x))?;
                    same(&(x - s), &(x - c))?;
                    same(&(s - x), &(c - x))?;
                    same(&(x * s), &(x * c))?;
                    same(&(s * x), &(c * x))?;
                    same(&(x % s), &(x % c))?;
                    same(&(s % x), &(c % x))?;
                    same(&(s + &x), &(s + x))?;
                    same(&(s - &x), &(s - x))?;
                    same(&(s * &x), &(s * x))?;
                    same(&(s / &x), &(s / x))?;
                    prop_assert_eq!((s / x).re(), s / x.re());
                    prop_assert_eq!((x / s).re(), x.re() / s);
                    scalar_forms!(x, s, c, +, +=);
                    scalar_forms!(x, s, c, -, -=);
                    scalar_forms!(x, s, c, *, *=);
                    scalar_forms!(x, s, c, /, /=);
                    scalar_forms!(x, s, c, %, %=);

                    // x / s divides every component by s; x / c multiplies by the
                    // rounded 1/s: two roundings, so 4u relative per component.
                    let q = x / s;
                    let u = <D as Flat>::U;
                    close(&q, &(x / c), |k| 4.0 * u * q.flat()[k].abs())?;

                    // s / x = s (1/x) against the quotient rule: each component is a
                    // sum of at most 4 products of s, components of x (at most m in
                    // size) and powers of 1/x0 up to the third (|x0| >= 1/8), each
                    // within 8 roundings; B bounds every such product.
                    let xs = x.flat();
                    let m = xs.iter().fold(0.0_f64, |a, v| a.max(v.abs()));
                    let x0 = xs[0].abs().min(1.0);
                    let bound = f64::from(s).abs() * (1.0 + m).powi(4) / x0.powi(4);
                    close(&(s / x), &(c / x), |_| 32.0 * u * bound)?;
                }

                #[test]
                fn sum_and_product_are_folds(xs in proptest::collection::vec(number::<D>(), 0..6)) {
                    let zero = D::from_re(0.0);
                    let one = D::from_re(1.0);
                    let sum = xs.iter().fold(zero, |acc, x| acc + *x);
                    let product = xs.iter().fold(one, |acc, x| acc * *x);
                    same(&xs.iter().copied().sum::<D>(), &sum)?;
                    same(&xs.iter().sum::<D>(), &sum)?;
                    same(&xs.iter().copied().product::<D>(), &product)?;
                    same(&xs.iter().product::<D>(), &product)?;
                }

                /// Negation flips every component.
                #[test]
                fn negation_is_componentwise(x in number::<D>()) {
                    let n: Vec<f64> = x.flat().iter().map(|v| -v).collect();
                    prop_assert_eq!((-x).flat(), n.clone());
                    prop_assert_eq!((-&x).flat(), n);
                }
            }
        }
    };
}

ops_tests!(dual64, Dual<f64>, f64);
ops_tests!(dual32, Dual<f32>, f32);
ops_tests!(hyperdual64, HyperDual<f64>, f64);
ops_tests!(hyperdual32, HyperDual<f32>, f32);
ops_tests!(dual_vec64, DualVec<f64, 3>, f64);
ops_tests!(dual_vec32, DualVec<f32, 2>, f32);
ops_tests!(hyperdual_vec64, HyperDualVec<f64, 2>, f64);
ops_tests!(hyperdual_vec32, HyperDualVec<f32, 2>, f32);
ops_tests!(nested64, Dual<Dual<f64>>, f64);
ops_tests!(hyperdual_over_dual64, HyperDual<Dual<f64>>, f64);
