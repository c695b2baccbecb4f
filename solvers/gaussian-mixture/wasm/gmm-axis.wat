;; Part of gmm.wat, which includes the parts in a fixed order (the order of the functions in the module):
;; the axis-aligned log-densities, the diagonal scatter, the normalisation (log-sum-exp) and the tied type's
;; map y = Q x (axis-kernels.ts, tied-transform.ts).
  ;; Axis-aligned log-densities (diagonal and spherical covariances) for a block of $n points: out[i k + j]
  ;; = (c - 0.5 sum_t ((x_it - mu_jt) f_jt)^2) + logDets[j], the sums in t order as axisLogDensities in
  ;; diagonal-covariance.ts forms them. Lanes hold components: means and factors transposed at $meansT and
  ;; $factorsT ([t][j], $kPad columns, a multiple of four, padded with zeros), logDets at $logDets ($kPad).
  (func $axisDistances (export "axisDistances") (param $x i32) (param $n i32) (param $d i32) (param $meansT i32)
    (param $factorsT i32) (param $kPad i32) (param $k i32) (param $c f64) (param $logDets i32) (param $out i32)
    (local $i i32) (local $j i32) (local $t i32) (local $xp i32) (local $mp i32) (local $fp i32) (local $op i32)
    (local $stride i32) (local $xs v128) (local $z0 v128) (local $z1 v128) (local $acc0 v128) (local $acc1 v128)
    (local $cv v128) (local $half v128)
    (local.set $stride (i32.shl (local.get $kPad) (i32.const 3)))
    (local.set $cv (f64x2.splat (local.get $c)))
    (local.set $half (f64x2.splat (f64.const 0.5)))
    (block $doneI
      (loop $points
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (loop $quads
          (local.set $acc0 (v128.const f64x2 0 0))
          (local.set $acc1 (v128.const f64x2 0 0))
          (local.set $xp (i32.add (local.get $x) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3))))
          (local.set $mp (i32.add (local.get $meansT) (i32.shl (local.get $j) (i32.const 3))))
          (local.set $fp (i32.add (local.get $factorsT) (i32.shl (local.get $j) (i32.const 3))))
          (local.set $t (i32.const 0))
          (block $doneT
            (loop $coords
              (br_if $doneT (i32.ge_u (local.get $t) (local.get $d)))
              (local.set $xs (v128.load64_splat (local.get $xp)))
              (local.set $z0 (f64x2.mul (f64x2.sub (local.get $xs) (v128.load (local.get $mp))) (v128.load (local.get $fp))))
              (local.set $z1 (f64x2.mul (f64x2.sub (local.get $xs) (v128.load offset=16 (local.get $mp)))
                (v128.load offset=16 (local.get $fp))))
              (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $z0) (local.get $z0))))
              (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $z1) (local.get $z1))))
              (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
              (local.set $mp (i32.add (local.get $mp) (local.get $stride)))
              (local.set $fp (i32.add (local.get $fp) (local.get $stride)))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br $coords)))
          (local.set $acc0 (f64x2.add (f64x2.sub (local.get $cv) (f64x2.mul (local.get $half) (local.get $acc0)))
            (v128.load (i32.add (local.get $logDets) (i32.shl (local.get $j) (i32.const 3))))))
          (local.set $acc1 (f64x2.add (f64x2.sub (local.get $cv) (f64x2.mul (local.get $half) (local.get $acc1)))
            (v128.load offset=16 (i32.add (local.get $logDets) (i32.shl (local.get $j) (i32.const 3))))))
          (local.set $op (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $k)) (local.get $j)) (i32.const 3))))
          (f64.store (local.get $op) (f64x2.extract_lane 0 (local.get $acc0)))
          (if (i32.lt_u (i32.add (local.get $j) (i32.const 1)) (local.get $k))
            (then (f64.store offset=8 (local.get $op) (f64x2.extract_lane 1 (local.get $acc0)))))
          (if (i32.lt_u (i32.add (local.get $j) (i32.const 2)) (local.get $k))
            (then (f64.store offset=16 (local.get $op) (f64x2.extract_lane 0 (local.get $acc1)))))
          (if (i32.lt_u (i32.add (local.get $j) (i32.const 3)) (local.get $k))
            (then (f64.store offset=24 (local.get $op) (f64x2.extract_lane 1 (local.get $acc1)))))
          (local.set $j (i32.add (local.get $j) (i32.const 4)))
          (br_if $quads (i32.lt_u (local.get $j) (local.get $k))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points))))

  ;; The diagonal scatter over a block of $n points: out[j d + t] += (r_ij (x_it - mu_jt)) (x_it - mu_jt) for
  ;; r_ij != 0 (lane = coordinate), in the order of diagonalScatter in scatter.ts.
  (func $diagonalScatter (export "diagonalScatter") (param $x i32) (param $n i32) (param $d i32) (param $resp i32) (param $k i32)
    (param $means i32) (param $out i32)
    (local $i i32) (local $j i32) (local $t i32) (local $r f64) (local $rv v128) (local $xp i32) (local $mp i32)
    (local $op i32) (local $rowBytes i32) (local $pairsEnd i32) (local $diff v128) (local $ds f64)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pairsEnd (i32.and (local.get $d) (i32.const -2)))
    (block $doneI
      (loop $points
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (block $doneJ
          (loop $components
            (br_if $doneJ (i32.ge_u (local.get $j) (local.get $k)))
            (local.set $r (f64.load (i32.add (local.get $resp) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $k)) (local.get $j)) (i32.const 3)))))
            (if (f64.ne (local.get $r) (f64.const 0))
              (then
                (local.set $rv (f64x2.splat (local.get $r)))
                (local.set $xp (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rowBytes))))
                (local.set $mp (i32.add (local.get $means) (i32.mul (local.get $j) (local.get $rowBytes))))
                (local.set $op (i32.add (local.get $out) (i32.mul (local.get $j) (local.get $rowBytes))))
                (local.set $t (i32.const 0))
                (block $donePairs
                  (loop $pairs
                    (br_if $donePairs (i32.ge_u (local.get $t) (local.get $pairsEnd)))
                    (local.set $diff (f64x2.sub (v128.load (local.get $xp)) (v128.load (local.get $mp))))
                    (v128.store (local.get $op)
                      (f64x2.add (v128.load (local.get $op)) (f64x2.mul (f64x2.mul (local.get $rv) (local.get $diff)) (local.get $diff))))
                    (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
                    (local.set $mp (i32.add (local.get $mp) (i32.const 16)))
                    (local.set $op (i32.add (local.get $op) (i32.const 16)))
                    (local.set $t (i32.add (local.get $t) (i32.const 2)))
                    (br $pairs)))
                (if (i32.lt_u (local.get $t) (local.get $d))
                  (then
                    (local.set $ds (f64.sub (f64.load (local.get $xp)) (f64.load (local.get $mp))))
                    (f64.store (local.get $op)
                      (f64.add (f64.load (local.get $op)) (f64.mul (f64.mul (local.get $r) (local.get $ds)) (local.get $ds))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $components)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points))))

  ;; The exponential, inline in normalise, for both lanes of v <= 0 (the log-sum-exp's shifted terms): v =
  ;; m ln 2 + r with m = nearest(v / ln 2) and |r| <= ln 2 / 2 (ln 2 split in two parts, Cody and Waite), e^r by its Taylor polynomial to degree
  ;; 13 (evaluated by Estrin's scheme) (truncation below 1e-17 relative), times 2^m built in the exponent bits. Within a few ulps of
  ;; Math.exp, exactly 1 at v = 0, and 0 below -708 (where e^v would be subnormal: such a term cannot change
  ;; a sum that holds the largest term, 1). NaN stays NaN.
  ;; The E-step's normalisation for a block of $n points, in place: out[i k + j] (log-densities on entry)
  ;; becomes r_ij = e^(v_ij - largest_i) / s_i with v_ij = out[i k + j] + logWeights[j] and s_i = sum_j
  ;; e^(v_ij - largest_i) (summed in j order); norms[2 i] = largest_i, norms[2 i + 1] = s_i, so that
  ;; log p(x_i) = largest_i + ln s_i.
  (func $normalise (export "normalise") (param $out i32) (param $n i32) (param $k i32) (param $logWeights i32) (param $norms i32)
    (local $i i32) (local $j i32) (local $op i32) (local $v f64) (local $largest f64) (local $sum f64)
    (local $lv v128) (local $e v128) (local $inv f64) (local $v2 v128) (local $m v128) (local $r v128) (local $p v128)
    (local $r2 v128) (local $r4 v128)
    (block $doneI
      (loop $points
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $op (i32.add (local.get $out) (i32.shl (i32.mul (local.get $i) (local.get $k)) (i32.const 3))))
        (local.set $largest (f64.const -inf))
        (local.set $j (i32.const 0))
        (loop $weights
          (local.set $v (f64.add (f64.load (i32.add (local.get $op) (i32.shl (local.get $j) (i32.const 3))))
            (f64.load (i32.add (local.get $logWeights) (i32.shl (local.get $j) (i32.const 3))))))
          (f64.store (i32.add (local.get $op) (i32.shl (local.get $j) (i32.const 3))) (local.get $v))
          ;; branch-free (the largest component varies from point to point); a NaN makes the point's row NaN either way
          (local.set $largest (f64.max (local.get $largest) (local.get $v)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $weights (i32.lt_u (local.get $j) (local.get $k))))
        (local.set $lv (f64x2.splat (local.get $largest)))
        (local.set $sum (f64.const 0))
        (local.set $j (i32.const 0))
        ;; pairs of components; for odd k the last pair's second lane is computed and dropped
        (loop $pairs
          (local.set $v2 (f64x2.sub (v128.load (i32.add (local.get $op) (i32.shl (local.get $j) (i32.const 3)))) (local.get $lv)))
          ;; e = exp(v2), as described above
          (local.set $m (f64x2.nearest (f64x2.mul (local.get $v2) (f64x2.splat (f64.const 1.4426950408889634)))))
          (local.set $r (f64x2.sub (f64x2.sub (local.get $v2) (f64x2.mul (local.get $m) (f64x2.splat (f64.const 0x1.62e42fee00000p-1))))
          (f64x2.mul (local.get $m) (f64x2.splat (f64.const 0x1.a39ef35793c76p-33)))))
          ;; the polynomial by Estrin's scheme (powers r^2, r^4, r^8): four dependent steps instead of Horner's 13
          (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
          (local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))
          (local.set $p (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.splat (f64.const 1)) (f64x2.mul (f64x2.splat (f64.const 1)) (local.get $r))) (f64x2.mul (f64x2.add (f64x2.splat (f64.const 0.5)) (f64x2.mul (f64x2.splat (f64.const 0.16666666666666666)) (local.get $r))) (local.get $r2))) (f64x2.mul (f64x2.add (f64x2.add (f64x2.splat (f64.const 4.1666666666666664e-2)) (f64x2.mul (f64x2.splat (f64.const 8.333333333333333e-3)) (local.get $r))) (f64x2.mul (f64x2.add (f64x2.splat (f64.const 1.388888888888889e-3)) (f64x2.mul (f64x2.splat (f64.const 1.984126984126984e-4)) (local.get $r))) (local.get $r2))) (local.get $r4))) (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (f64x2.splat (f64.const 2.48015873015873e-5)) (f64x2.mul (f64x2.splat (f64.const 2.7557319223985893e-6)) (local.get $r))) (f64x2.mul (f64x2.add (f64x2.splat (f64.const 2.755731922398589e-7)) (f64x2.mul (f64x2.splat (f64.const 2.505210838544172e-8)) (local.get $r))) (local.get $r2))) (f64x2.mul (f64x2.add (f64x2.splat (f64.const 2.08767569878681e-9)) (f64x2.mul (f64x2.splat (f64.const 1.6059043836821613e-10)) (local.get $r))) (local.get $r4))) (f64x2.mul (local.get $r4) (local.get $r4)))))
          ;; 2^m: (m + 1023) << 52, m in [-1022, 0] here (lanes below -708 are replaced by 0 after)
          (local.set $p (f64x2.mul (local.get $p)
          (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero
          (f64x2.max (local.get $m) (f64x2.splat (f64.const -1022))))) (i64x2.splat (i64.const 1023))) (i32.const 52))))
          (local.set $e (v128.bitselect (v128.const f64x2 0 0) (local.get $p)
            (f64x2.lt (local.get $v2) (f64x2.splat (f64.const -708)))))
          (f64.store (i32.add (local.get $op) (i32.shl (local.get $j) (i32.const 3))) (f64x2.extract_lane 0 (local.get $e)))
          (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $e))))
          (if (i32.lt_u (i32.add (local.get $j) (i32.const 1)) (local.get $k))
            (then
              (f64.store offset=8 (i32.add (local.get $op) (i32.shl (local.get $j) (i32.const 3))) (f64x2.extract_lane 1 (local.get $e)))
              (local.set $sum (f64.add (local.get $sum) (f64x2.extract_lane 1 (local.get $e))))))
          (local.set $j (i32.add (local.get $j) (i32.const 2)))
          (br_if $pairs (i32.lt_u (local.get $j) (local.get $k))))
        (local.set $inv (f64.div (f64.const 1) (local.get $sum)))
        (local.set $j (i32.const 0))
        (loop $scale
          (f64.store (i32.add (local.get $op) (i32.shl (local.get $j) (i32.const 3)))
            (f64.mul (f64.load (i32.add (local.get $op) (i32.shl (local.get $j) (i32.const 3)))) (local.get $inv)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $scale (i32.lt_u (local.get $j) (local.get $k))))
        (f64.store (i32.add (local.get $norms) (i32.shl (local.get $i) (i32.const 4))) (local.get $largest))
        (f64.store offset=8 (i32.add (local.get $norms) (i32.shl (local.get $i) (i32.const 4))) (local.get $sum))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points))))

  ;; y_i = Q x_i for a block of $n points (tied covariances): Q lower-triangular d x d in pairs of rows at
  ;; $qp, coordinate-major (pair p holds (Q[2p][t], Q[2p + 1][t]) for t = 0 .. min(2p + 2, d) - 1, zeros above
  ;; the diagonal and past row d - 1: adding their +-0 products leaves every sum unchanged), so each lane sums
  ;; its row's terms in t order as lowerTransform in tied-transform.ts does.
  (func $lowerTransform (export "lowerTransform") (param $x i32) (param $n i32) (param $d i32) (param $qp i32) (param $out i32)
    (local $i i32) (local $r i32) (local $t i32) (local $tEnd i32) (local $xp i32) (local $op i32) (local $qq i32)
    (local $acc v128)
    (block $doneI
      (loop $points
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $xp (i32.add (local.get $x) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3))))
        (local.set $op (i32.add (local.get $out) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3))))
        (local.set $qq (local.get $qp))
        (local.set $r (i32.const 0))
        (loop $rows
          (local.set $acc (v128.const f64x2 0 0))
          (local.set $tEnd (select (i32.add (local.get $r) (i32.const 2)) (local.get $d)
            (i32.lt_u (i32.add (local.get $r) (i32.const 2)) (local.get $d))))
          (local.set $t (i32.const 0))
          (loop $terms
            (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load (local.get $qq))
              (v128.load64_splat (i32.add (local.get $xp) (i32.shl (local.get $t) (i32.const 3)))))))
            (local.set $qq (i32.add (local.get $qq) (i32.const 16)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br_if $terms (i32.lt_u (local.get $t) (local.get $tEnd))))
          (f64.store (i32.add (local.get $op) (i32.shl (local.get $r) (i32.const 3))) (f64x2.extract_lane 0 (local.get $acc)))
          (if (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $d))
            (then (f64.store offset=8 (i32.add (local.get $op) (i32.shl (local.get $r) (i32.const 3)))
              (f64x2.extract_lane 1 (local.get $acc)))))
          (local.set $r (i32.add (local.get $r) (i32.const 2)))
          (br_if $rows (i32.lt_u (local.get $r) (local.get $d))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points))))
