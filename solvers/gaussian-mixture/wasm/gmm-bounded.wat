;; Part of gmm.wat, which includes the parts in a fixed order (the order of the functions in the module):
;; the full type's E-step with exact skips (bounded-kernels.ts).
  ;; ||Q_j (x - mu_j)||^2 for one point at $xp (same sums, same order as triangularLogDensities), with the
  ;; factor in the pair layout of boundedLogDensities (rows in groups of eight, coordinate-major, lanes =
  ;; two rows; entries above the diagonal are zeros: adding their +-0 products leaves every sum unchanged).
  (func $mahalanobis (param $xp i32) (param $d i32) (param $mp i32) (param $qp i32) (param $y i32) (result f64)
    (local $t i32) (local $r i32) (local $rowsEnd i32) (local $tEnd i32) (local $ys v128) (local $acc f64) (local $zz f64)
    (local $z0 v128) (local $z1 v128) (local $z2 v128) (local $z3 v128)
    ;; y = x - mu, as the JavaScript kernel forms it
    (block $doneY
      (loop $coords
        (br_if $doneY (i32.ge_u (local.get $t) (local.get $d)))
        (f64.store (i32.add (local.get $y) (i32.shl (local.get $t) (i32.const 3)))
          (f64.sub (f64.load (i32.add (local.get $xp) (i32.shl (local.get $t) (i32.const 3))))
            (f64.load (i32.add (local.get $mp) (i32.shl (local.get $t) (i32.const 3))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $coords)))
    (block $doneR
      (loop $groups
        (br_if $doneR (i32.ge_u (local.get $r) (local.get $d)))
            (local.set $z0 (v128.const f64x2 0 0))
            (local.set $z1 (v128.const f64x2 0 0))
            (local.set $z2 (v128.const f64x2 0 0))
            (local.set $z3 (v128.const f64x2 0 0))
            ;; entries t = 0 .. min(r + 8, d) - 1
            (local.set $tEnd (select (i32.add (local.get $r) (i32.const 8)) (local.get $d) (i32.lt_u (i32.add (local.get $r) (i32.const 8)) (local.get $d))))
            (local.set $t (i32.const 0))
            (loop $entries
              (local.set $ys (v128.load64_splat (i32.add (local.get $y) (i32.shl (local.get $t) (i32.const 3)))))
              (local.set $z0 (f64x2.add (local.get $z0) (f64x2.mul (v128.load (local.get $qp)) (local.get $ys))))
              (local.set $z1 (f64x2.add (local.get $z1) (f64x2.mul (v128.load offset=16 (local.get $qp)) (local.get $ys))))
              (local.set $z2 (f64x2.add (local.get $z2) (f64x2.mul (v128.load offset=32 (local.get $qp)) (local.get $ys))))
              (local.set $z3 (f64x2.add (local.get $z3) (f64x2.mul (v128.load offset=48 (local.get $qp)) (local.get $ys))))
              (local.set $qp (i32.add (local.get $qp) (i32.const 64)))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br_if $entries (i32.lt_u (local.get $t) (local.get $tEnd))))
            ;; the rows' squares, in row order
            (if (i32.lt_u (i32.add (local.get $r) (i32.const 0)) (local.get $d))
              (then
                (local.set $zz (f64x2.extract_lane 0 (local.get $z0)))
                (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $zz) (local.get $zz))))))
            (if (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $d))
              (then
                (local.set $zz (f64x2.extract_lane 1 (local.get $z0)))
                (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $zz) (local.get $zz))))))
            (if (i32.lt_u (i32.add (local.get $r) (i32.const 2)) (local.get $d))
              (then
                (local.set $zz (f64x2.extract_lane 0 (local.get $z1)))
                (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $zz) (local.get $zz))))))
            (if (i32.lt_u (i32.add (local.get $r) (i32.const 3)) (local.get $d))
              (then
                (local.set $zz (f64x2.extract_lane 1 (local.get $z1)))
                (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $zz) (local.get $zz))))))
            (if (i32.lt_u (i32.add (local.get $r) (i32.const 4)) (local.get $d))
              (then
                (local.set $zz (f64x2.extract_lane 0 (local.get $z2)))
                (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $zz) (local.get $zz))))))
            (if (i32.lt_u (i32.add (local.get $r) (i32.const 5)) (local.get $d))
              (then
                (local.set $zz (f64x2.extract_lane 1 (local.get $z2)))
                (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $zz) (local.get $zz))))))
            (if (i32.lt_u (i32.add (local.get $r) (i32.const 6)) (local.get $d))
              (then
                (local.set $zz (f64x2.extract_lane 0 (local.get $z3)))
                (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $zz) (local.get $zz))))))
            (if (i32.lt_u (i32.add (local.get $r) (i32.const 7)) (local.get $d))
              (then
                (local.set $zz (f64x2.extract_lane 1 (local.get $z3)))
                (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $zz) (local.get $zz))))))
        (local.set $r (i32.add (local.get $r) (i32.const 8)))
        (br $groups)))
    (local.get $acc))

  ;; The E-step's weighted log-densities with exact skips, for a block of $n points: out[i k + j] = bases[j]
  ;; - 0.5 ||Q_j (x_i - mu_j)||^2 (the bits of triangularLogDensities), except -inf where the component's
  ;; weighted log-density is provably more than 746 below the point's largest, so that its responsibility
  ;; is exactly 0 either way (exp underflows). The bound: ub_j = logWeights[j] + bases[j] - c_j ||x_i -
  ;; mu_j||^2 >= the weighted log-density, with c_j from the caller (0.999 / (2 lambda_max), or 0: no skips).
  ;; $qp: factors in the pair layout, $qpStride bytes per component; $y: d f64 scratch; $ub: k f64
  ;; scratch. Returns 1 (and stops) at a non-finite squared distance, for the caller to use the plain
  ;; kernel instead; else 0.
  (func $boundedLogDensities (export "boundedLogDensities") (param $x i32) (param $n i32) (param $d i32) (param $means i32) (param $qp i32)
    (param $qpStride i32) (param $k i32) (param $bases i32) (param $logWeights i32) (param $c i32) (param $y i32) (param $ub i32)
    (param $out i32) (result i32)
    (local $i i32) (local $j i32) (local $t i32) (local $xp i32) (local $mp i32) (local $rowBytes i32) (local $outRow i32)
    (local $dist f64) (local $diff f64) (local $u f64) (local $best f64) (local $bestJ i32) (local $v f64) (local $top f64)
    (local $op i32) (local $a0 v128) (local $a1 v128) (local $e v128)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $outRow (i32.shl (local.get $k) (i32.const 3)))
    (block $doneI
      (loop $points
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $xp (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $op (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $outRow))))
        ;; upper bounds, and the component with the largest
        (local.set $best (f64.const -inf))
        (local.set $bestJ (i32.const 0))
        (local.set $j (i32.const 0))
        (block $doneB
          (loop $bounds
            (br_if $doneB (i32.ge_u (local.get $j) (local.get $k)))
            (local.set $mp (i32.add (local.get $means) (i32.mul (local.get $j) (local.get $rowBytes))))
            ;; ||x - mu_j||^2 for the bound only (any summation order): two f64x2 sums, then the odd tail
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $t (i32.const 0))
            (block $doneT
              (loop $coords
                (br_if $doneT (i32.gt_u (i32.add (local.get $t) (i32.const 32)) (local.get $rowBytes)))
                (local.set $e (f64x2.sub (v128.load (i32.add (local.get $xp) (local.get $t))) (v128.load (i32.add (local.get $mp) (local.get $t)))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $e) (local.get $e))))
                (local.set $e (f64x2.sub (v128.load offset=16 (i32.add (local.get $xp) (local.get $t))) (v128.load offset=16 (i32.add (local.get $mp) (local.get $t)))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $e) (local.get $e))))
                (local.set $t (i32.add (local.get $t) (i32.const 32)))
                (br $coords)))
            (if (i32.le_u (i32.add (local.get $t) (i32.const 16)) (local.get $rowBytes))
              (then
                (local.set $e (f64x2.sub (v128.load (i32.add (local.get $xp) (local.get $t))) (v128.load (i32.add (local.get $mp) (local.get $t)))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $e) (local.get $e))))
                (local.set $t (i32.add (local.get $t) (i32.const 16)))))
            (local.set $a0 (f64x2.add (local.get $a0) (local.get $a1)))
            (local.set $dist (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
            (if (i32.lt_u (local.get $t) (local.get $rowBytes))
              (then
                (local.set $diff (f64.sub (f64.load (i32.add (local.get $xp) (local.get $t))) (f64.load (i32.add (local.get $mp) (local.get $t)))))
                (local.set $dist (f64.add (local.get $dist) (f64.mul (local.get $diff) (local.get $diff))))))
            (if (f64.ne (f64.sub (local.get $dist) (local.get $dist)) (f64.const 0)) (then (return (i32.const 1))))
            (local.set $u (f64.sub
              (f64.add (f64.load (i32.add (local.get $logWeights) (i32.shl (local.get $j) (i32.const 3))))
                (f64.load (i32.add (local.get $bases) (i32.shl (local.get $j) (i32.const 3)))))
              (f64.mul (f64.load (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3)))) (local.get $dist))))
            (f64.store (i32.add (local.get $ub) (i32.shl (local.get $j) (i32.const 3))) (local.get $u))
            (if (f64.gt (local.get $u) (local.get $best)) (then (local.set $best (local.get $u)) (local.set $bestJ (local.get $j))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $bounds)))
        ;; the exact value of that component: a lower bound on the point's largest weighted log-density
        (local.set $v (f64.sub (f64.load (i32.add (local.get $bases) (i32.shl (local.get $bestJ) (i32.const 3))))
          (f64.mul (f64.const 0.5) (call $mahalanobis (local.get $xp) (local.get $d)
            (i32.add (local.get $means) (i32.mul (local.get $bestJ) (local.get $rowBytes)))
            (i32.add (local.get $qp) (i32.mul (local.get $bestJ) (local.get $qpStride))) (local.get $y)))))
        (f64.store (i32.add (local.get $op) (i32.shl (local.get $bestJ) (i32.const 3))) (local.get $v))
        (local.set $top (f64.add (local.get $v) (f64.load (i32.add (local.get $logWeights) (i32.shl (local.get $bestJ) (i32.const 3))))))
        (local.set $j (i32.const 0))
        (block $doneJ
          (loop $components
            (br_if $doneJ (i32.ge_u (local.get $j) (local.get $k)))
            (if (i32.ne (local.get $j) (local.get $bestJ))
              (then
                (local.set $u (f64.load (i32.add (local.get $ub) (i32.shl (local.get $j) (i32.const 3)))))
                ;; skip when ub_j < top - 747 with a relative margin for the rounding of large values
                (if (f64.lt (local.get $u) (f64.sub (f64.sub (local.get $top) (f64.const 747))
                      (f64.mul (f64.const 1e-6) (f64.add (f64.abs (local.get $top)) (f64.abs (local.get $u))))))
                  (then (f64.store (i32.add (local.get $op) (i32.shl (local.get $j) (i32.const 3))) (f64.const -inf)))
                  (else
                    (f64.store (i32.add (local.get $op) (i32.shl (local.get $j) (i32.const 3)))
                      (f64.sub (f64.load (i32.add (local.get $bases) (i32.shl (local.get $j) (i32.const 3))))
                        (f64.mul (f64.const 0.5) (call $mahalanobis (local.get $xp) (local.get $d)
                          (i32.add (local.get $means) (i32.mul (local.get $j) (local.get $rowBytes)))
                          (i32.add (local.get $qp) (i32.mul (local.get $j) (local.get $qpStride))) (local.get $y)))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $components)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points)))
    (i32.const 0))
