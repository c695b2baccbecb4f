;; Part of gmm.wat, which includes the parts in a fixed order (the order of the functions in the module):
;; the resident passes' M-step sums and the log-likelihood's parts.
  ;; The M-step's sums for the axis-aligned types over a block of $n points, about the means $means the
  ;; E-step used: totals[j] += r_ij, first[j d + t] += r_ij (x_it - mu_jt) and, when $second != 0,
  ;; second[j d + t] += (r_ij (x_it - mu_jt)) (x_it - mu_jt). Component by component, four coordinates at a
  ;; time, the sums held in registers over the block: each sum still adds its terms in point order. A pair
  ;; past the last coordinate reads 8 bytes past a point and is dropped.
  (func $axisSums (export "axisSums") (param $x i32) (param $n i32) (param $d i32) (param $resp i32) (param $k i32) (param $means i32)
    (param $totals i32) (param $first i32) (param $second i32)
    (local $j i32) (local $i i32) (local $t i32) (local $rowBytes i32) (local $xp i32) (local $rp i32) (local $out i32)
    (local $total f64) (local $r f64) (local $rv v128) (local $m0 v128) (local $m1 v128) (local $d0 v128) (local $d1 v128)
    (local $w0 v128) (local $w1 v128) (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (block $doneJ
      (loop $components
        (br_if $doneJ (i32.ge_u (local.get $j) (local.get $k)))
        ;; totals, in point order
        (local.set $total (f64.load (i32.add (local.get $totals) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $rp (i32.add (local.get $resp) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $i (i32.const 0))
        (block $doneT
          (loop $totalsLoop
            (br_if $doneT (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $total (f64.add (local.get $total) (f64.load (local.get $rp))))
            (local.set $rp (i32.add (local.get $rp) (i32.shl (local.get $k) (i32.const 3))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $totalsLoop)))
        (f64.store (i32.add (local.get $totals) (i32.shl (local.get $j) (i32.const 3))) (local.get $total))
        (local.set $t (i32.const 0))
        (block $doneGroups
          (loop $groups
            (br_if $doneGroups (i32.ge_u (local.get $t) (local.get $d)))
            (local.set $m0 (v128.load (i32.add (local.get $means) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $d)) (local.get $t)) (i32.const 3)))))
            (local.set $m1 (v128.load offset=16 (i32.add (local.get $means) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $d)) (local.get $t)) (i32.const 3)))))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $b0 (v128.const f64x2 0 0))
            (local.set $b1 (v128.const f64x2 0 0))
            (local.set $xp (i32.add (local.get $x) (i32.shl (local.get $t) (i32.const 3))))
            (local.set $rp (i32.add (local.get $resp) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $i (i32.const 0))
            (block $doneI
              (loop $points
                (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $rv (f64x2.splat (f64.load (local.get $rp))))
                (local.set $d0 (f64x2.sub (v128.load (local.get $xp)) (local.get $m0)))
                (local.set $d1 (f64x2.sub (v128.load offset=16 (local.get $xp)) (local.get $m1)))
                (local.set $w0 (f64x2.mul (local.get $rv) (local.get $d0)))
                (local.set $w1 (f64x2.mul (local.get $rv) (local.get $d1)))
                (local.set $a0 (f64x2.add (local.get $a0) (local.get $w0)))
                (local.set $a1 (f64x2.add (local.get $a1) (local.get $w1)))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $w0) (local.get $d0))))
                (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $w1) (local.get $d1))))
                (local.set $xp (i32.add (local.get $xp) (local.get $rowBytes)))
                (local.set $rp (i32.add (local.get $rp) (i32.shl (local.get $k) (i32.const 3))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $points)))
            ;; add the group's sums to the outputs: up to four coordinates, fewer at the end
            (local.set $out (i32.shl (i32.add (i32.mul (local.get $j) (local.get $d)) (local.get $t)) (i32.const 3)))
            (call $addLanes (i32.add (local.get $first) (local.get $out)) (local.get $a0) (local.get $a1) (i32.sub (local.get $d) (local.get $t)))
            (if (i32.ne (local.get $second) (i32.const 0))
              (then (call $addLanes (i32.add (local.get $second) (local.get $out)) (local.get $b0) (local.get $b1) (i32.sub (local.get $d) (local.get $t)))))
            (local.set $t (i32.add (local.get $t) (i32.const 4)))
            (br $groups)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $components))))

  ;; Adds the lanes of $a0, $a1 (four f64) to the f64 at $at, the first min($count, 4) of them.
  (func $addLanes (param $at i32) (param $a0 v128) (param $a1 v128) (param $count i32)
    (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64x2.extract_lane 0 (local.get $a0))))
    (if (i32.gt_s (local.get $count) (i32.const 1))
      (then (f64.store offset=8 (local.get $at) (f64.add (f64.load offset=8 (local.get $at)) (f64x2.extract_lane 1 (local.get $a0))))))
    (if (i32.gt_s (local.get $count) (i32.const 2))
      (then (f64.store offset=16 (local.get $at) (f64.add (f64.load offset=16 (local.get $at)) (f64x2.extract_lane 0 (local.get $a1))))))
    (if (i32.gt_s (local.get $count) (i32.const 3))
      (then (f64.store offset=24 (local.get $at) (f64.add (f64.load offset=24 (local.get $at)) (f64x2.extract_lane 1 (local.get $a1)))))))

  ;; The full type's scatter matrices over a block of $n points: out (k matrices of $dPad x $dPad f64,
  ;; row-major, $dPad = d rounded up to four) gains, in its tiles on and below the diagonal, entries (a, b)
  ;; += (r_ij (x_ia - mu_ja)) (x_ib - mu_jb): the terms of scatter, each entry summed in point order. Groups
  ;; of 32 points: the differences D and weighted differences W (each entry twice, a lane pair) are written
  ;; to $scratch (32 $dPad f64, then 32 $dPad pairs), then each 4 x 4 tile runs over the group in registers.
  (func $tiledScatter (export "tiledScatter") (param $x i32) (param $n i32) (param $d i32) (param $resp i32) (param $k i32) (param $means i32)
    (param $dPad i32) (param $scratch i32) (param $out i32)
    (local $s i32) (local $m i32) (local $j i32) (local $i i32) (local $t i32) (local $a i32) (local $b i32)
    (local $r f64) (local $v f64) (local $dp i32) (local $wp i32) (local $xp i32) (local $mp i32) (local $w i32)
    (local $op i32) (local $rowBytes i32) (local $dRow i32) (local $wRow i32) (local $dv0 v128) (local $dv1 v128) (local $wv v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $rowBytes (i32.shl (local.get $dPad) (i32.const 3)))
    (local.set $dRow (i32.shl (local.get $dPad) (i32.const 3)))
    (local.set $wRow (i32.shl (local.get $dPad) (i32.const 4)))
    (local.set $w (i32.add (local.get $scratch) (i32.shl (local.get $dPad) (i32.const 8))))
    (block $doneS
      (loop $groups
        (br_if $doneS (i32.ge_u (local.get $s) (local.get $n)))
        (local.set $m (select (i32.const 32) (i32.sub (local.get $n) (local.get $s))
          (i32.le_u (i32.const 32) (i32.sub (local.get $n) (local.get $s)))))
        (local.set $j (i32.const 0))
        (block $doneJ
          (loop $components
            (br_if $doneJ (i32.ge_u (local.get $j) (local.get $k)))
            (local.set $mp (i32.add (local.get $means) (i32.shl (i32.mul (local.get $j) (local.get $d)) (i32.const 3))))
            ;; D and W for the group
            (local.set $i (i32.const 0))
            (loop $fill
              (local.set $r (f64.load (i32.add (local.get $resp)
                (i32.shl (i32.add (i32.mul (i32.add (local.get $s) (local.get $i)) (local.get $k)) (local.get $j)) (i32.const 3)))))
              (local.set $xp (i32.add (local.get $x) (i32.shl (i32.mul (i32.add (local.get $s) (local.get $i)) (local.get $d)) (i32.const 3))))
              (local.set $dp (i32.add (local.get $scratch) (i32.mul (local.get $i) (local.get $dRow))))
              (local.set $wp (i32.add (local.get $w) (i32.mul (local.get $i) (local.get $wRow))))
              (local.set $t (i32.const 0))
              (loop $coords
                (local.set $v (f64.const 0))
                (if (i32.lt_u (local.get $t) (local.get $d))
                  (then (local.set $v (f64.sub (f64.load (i32.add (local.get $xp) (i32.shl (local.get $t) (i32.const 3))))
                    (f64.load (i32.add (local.get $mp) (i32.shl (local.get $t) (i32.const 3))))))))
                (f64.store (i32.add (local.get $dp) (i32.shl (local.get $t) (i32.const 3))) (local.get $v))
                (v128.store (i32.add (local.get $wp) (i32.shl (local.get $t) (i32.const 4)))
                  (f64x2.splat (f64.mul (local.get $r) (local.get $v))))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br_if $coords (i32.lt_u (local.get $t) (local.get $dPad))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $fill (i32.lt_u (local.get $i) (local.get $m))))
            ;; the 4 x 4 tiles (a, b) with b <= a
            (local.set $a (i32.const 0))
            (loop $rows
              (local.set $b (i32.const 0))
              (loop $columns
                (local.set $op (i32.add (local.get $out) (i32.shl (i32.add
                  (i32.mul (i32.add (i32.mul (local.get $j) (local.get $dPad)) (local.get $a)) (local.get $dPad)) (local.get $b)) (i32.const 3))))
                (local.set $c00 (v128.load (local.get $op)))
                (local.set $c01 (v128.load offset=16 (local.get $op)))
                (local.set $c10 (v128.load (i32.add (local.get $op) (local.get $rowBytes))))
                (local.set $c11 (v128.load offset=16 (i32.add (local.get $op) (local.get $rowBytes))))
                (local.set $c20 (v128.load (i32.add (local.get $op) (i32.shl (local.get $rowBytes) (i32.const 1)))))
                (local.set $c21 (v128.load offset=16 (i32.add (local.get $op) (i32.shl (local.get $rowBytes) (i32.const 1)))))
                (local.set $c30 (v128.load (i32.add (local.get $op) (i32.mul (local.get $rowBytes) (i32.const 3)))))
                (local.set $c31 (v128.load offset=16 (i32.add (local.get $op) (i32.mul (local.get $rowBytes) (i32.const 3)))))
                (local.set $dp (i32.add (local.get $scratch) (i32.shl (local.get $b) (i32.const 3))))
                (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $a) (i32.const 4))))
                (local.set $i (i32.const 0))
                (loop $points
                  (local.set $dv0 (v128.load (local.get $dp)))
                  (local.set $dv1 (v128.load offset=16 (local.get $dp)))
                  (local.set $wv (v128.load (local.get $wp)))
                  (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $wv) (local.get $dv0))))
                  (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $wv) (local.get $dv1))))
                  (local.set $wv (v128.load offset=16 (local.get $wp)))
                  (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $wv) (local.get $dv0))))
                  (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $wv) (local.get $dv1))))
                  (local.set $wv (v128.load offset=32 (local.get $wp)))
                  (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $wv) (local.get $dv0))))
                  (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $wv) (local.get $dv1))))
                  (local.set $wv (v128.load offset=48 (local.get $wp)))
                  (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $wv) (local.get $dv0))))
                  (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $wv) (local.get $dv1))))
                  (local.set $dp (i32.add (local.get $dp) (local.get $dRow)))
                  (local.set $wp (i32.add (local.get $wp) (local.get $wRow)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $points (i32.lt_u (local.get $i) (local.get $m))))
                (v128.store (local.get $op) (local.get $c00))
                (v128.store offset=16 (local.get $op) (local.get $c01))
                (v128.store (i32.add (local.get $op) (local.get $rowBytes)) (local.get $c10))
                (v128.store offset=16 (i32.add (local.get $op) (local.get $rowBytes)) (local.get $c11))
                (v128.store (i32.add (local.get $op) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $c20))
                (v128.store offset=16 (i32.add (local.get $op) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $c21))
                (v128.store (i32.add (local.get $op) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $c30))
                (v128.store offset=16 (i32.add (local.get $op) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $c31))
                (local.set $b (i32.add (local.get $b) (i32.const 4)))
                (br_if $columns (i32.le_u (local.get $b) (local.get $a))))
              (local.set $a (i32.add (local.get $a) (i32.const 4)))
              (br_if $rows (i32.lt_u (local.get $a) (local.get $dPad))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $components)))
        (local.set $s (i32.add (local.get $s) (i32.const 32)))
        (br $groups))))

  ;; The log-likelihood's parts for the $n points of a block from their (largest, sum) pairs at $norms:
  ;; out[0] += sum_i largest_i (in point order), and the product of the sums s_i (each in [1, k]) as a
  ;; mantissa out[1] in [1, 2) and a power of two out[2], renormalised after every factor (s_i >= 1, so
  ;; the product never underflows): sum_i ln s_i = ln out[1] + out[2] ln 2, without a logarithm per point.
  (func $logNormParts (export "logNormParts") (param $norms i32) (param $n i32) (param $out i32)
    (local $i i32) (local $largest f64) (local $product f64) (local $exponent i64) (local $bits i64)
    (local.set $largest (f64.load (local.get $out)))
    (local.set $product (f64.const 1))
    (block $done
      (loop $points
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $largest (f64.add (local.get $largest) (f64.load (local.get $norms))))
        ;; a NaN sum would lose itself in the renormalisation: it makes the total NaN instead
        (if (f64.ne (f64.load offset=8 (local.get $norms)) (f64.load offset=8 (local.get $norms)))
          (then (local.set $largest (f64.const nan))))
        (local.set $bits (i64.reinterpret_f64 (f64.mul (local.get $product) (f64.load offset=8 (local.get $norms)))))
        (local.set $exponent (i64.add (local.get $exponent) (i64.sub (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 1023))))
        (local.set $product (f64.reinterpret_i64 (i64.or (i64.and (local.get $bits) (i64.const 0x000fffffffffffff))
          (i64.const 0x3ff0000000000000))))
        (local.set $norms (i32.add (local.get $norms) (i32.const 16)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points)))
    (f64.store (local.get $out) (local.get $largest))
    (f64.store offset=8 (local.get $out) (local.get $product))
    (f64.store offset=16 (local.get $out) (f64.convert_i64_s (local.get $exponent))))
