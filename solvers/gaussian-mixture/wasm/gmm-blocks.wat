;; Part of gmm.wat, which includes the parts in a fixed order (the order of the functions in the module):
;; the block kernels of the plain steps, one thread: triangular log-densities, the packed scatter, the
;; M-step's weighted sums (wasm-kernels.ts).
  ;; out[i k + j] = bases[j] - 0.5 ||Q_j (x_i - mu_j)||^2 for the $n points at $x (row-major, d columns;
  ;; readable up to 7 rows past the end), Q_j lower-triangular d x d at $factors + j $factorStride bytes,
  ;; means at $means (k x d), bases (k). $diffs: scratch of 64 d bytes. Eight points per pass over a
  ;; factor, as four lane pairs (i, i + 1), ..., (i + 6, i + 7): four independent sums hide the latency
  ;; of the additions.
  (func $triangular (export "triangular") (param $x i32) (param $n i32) (param $d i32) (param $means i32) (param $factors i32)
    (param $factorStride i32) (param $k i32) (param $bases i32) (param $diffs i32) (param $out i32)
    (local $j i32) (local $i i32) (local $t i32) (local $r i32) (local $mp i32) (local $fp i32) (local $row i32)
    (local $x0 i32) (local $rowBytes i32) (local $dp i32) (local $op i32) (local $outRow i32)
    (local $m v128) (local $z0 v128) (local $z1 v128) (local $z2 v128) (local $z3 v128) (local $q v128)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local $res0 v128) (local $res1 v128) (local $res2 v128) (local $res3 v128)
    (local $base v128) (local $half v128) (local $tEnd i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $outRow (i32.shl (local.get $k) (i32.const 3)))
    (local.set $half (f64x2.splat (f64.const 0.5)))
    (block $doneJ
      (loop $components
        (br_if $doneJ (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $mp (i32.add (local.get $means) (i32.mul (local.get $j) (local.get $rowBytes))))
        (local.set $fp (i32.add (local.get $factors) (i32.mul (local.get $j) (local.get $factorStride))))
        (local.set $base (f64x2.splat (f64.load (i32.add (local.get $bases) (i32.shl (local.get $j) (i32.const 3))))))
        (local.set $i (i32.const 0))
        (block $doneI
          (loop $points
            (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
            ;; the differences of eight points, interleaved by coordinate: diffs + 64 t + 16 q = (p 2q, p 2q+1)
            (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rowBytes))))
            (local.set $t (i32.const 0))
            (local.set $dp (local.get $diffs))
            (loop $coords
              (local.set $m (f64x2.splat (f64.load (i32.add (local.get $mp) (i32.shl (local.get $t) (i32.const 3))))))
              (v128.store (local.get $dp) (f64x2.sub
                (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $x0))) (f64.load (i32.add (local.get $x0) (local.get $rowBytes))))
                (local.get $m)))
              (v128.store offset=16 (local.get $dp) (f64x2.sub
                (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $x0) (i32.mul (local.get $rowBytes) (i32.const 2))))) (f64.load (i32.add (local.get $x0) (i32.mul (local.get $rowBytes) (i32.const 3)))))
                (local.get $m)))
              (v128.store offset=32 (local.get $dp) (f64x2.sub
                (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $x0) (i32.mul (local.get $rowBytes) (i32.const 4))))) (f64.load (i32.add (local.get $x0) (i32.mul (local.get $rowBytes) (i32.const 5)))))
                (local.get $m)))
              (v128.store offset=48 (local.get $dp) (f64x2.sub
                (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $x0) (i32.mul (local.get $rowBytes) (i32.const 6))))) (f64.load (i32.add (local.get $x0) (i32.mul (local.get $rowBytes) (i32.const 7)))))
                (local.get $m)))
              (local.set $x0 (i32.add (local.get $x0) (i32.const 8)))
              (local.set $dp (i32.add (local.get $dp) (i32.const 64)))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br_if $coords (i32.lt_u (local.get $t) (local.get $d))))
            (local.set $acc0 (v128.const f64x2 0 0))
            (local.set $acc1 (v128.const f64x2 0 0))
            (local.set $acc2 (v128.const f64x2 0 0))
            (local.set $acc3 (v128.const f64x2 0 0))
            (local.set $r (i32.const 0))
            (local.set $row (local.get $fp))
            (loop $rows
              (local.set $z0 (v128.const f64x2 0 0))
              (local.set $z1 (v128.const f64x2 0 0))
              (local.set $z2 (v128.const f64x2 0 0))
              (local.set $z3 (v128.const f64x2 0 0))
              (local.set $dp (local.get $diffs))
              ;; t = 0 .. r: the row's entries up to the diagonal
              (local.set $tEnd (i32.add (local.get $row) (i32.shl (i32.add (local.get $r) (i32.const 1)) (i32.const 3))))
              (local.set $t (local.get $row))
              (loop $entries
                (local.set $q (v128.load64_splat (local.get $t)))
                (local.set $z0 (f64x2.add (local.get $z0) (f64x2.mul (local.get $q) (v128.load (local.get $dp)))))
                (local.set $z1 (f64x2.add (local.get $z1) (f64x2.mul (local.get $q) (v128.load offset=16 (local.get $dp)))))
                (local.set $z2 (f64x2.add (local.get $z2) (f64x2.mul (local.get $q) (v128.load offset=32 (local.get $dp)))))
                (local.set $z3 (f64x2.add (local.get $z3) (f64x2.mul (local.get $q) (v128.load offset=48 (local.get $dp)))))
                (local.set $dp (i32.add (local.get $dp) (i32.const 64)))
                (local.set $t (i32.add (local.get $t) (i32.const 8)))
                (br_if $entries (i32.lt_u (local.get $t) (local.get $tEnd))))
              (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $z0) (local.get $z0))))
              (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $z1) (local.get $z1))))
              (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (local.get $z2) (local.get $z2))))
              (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (local.get $z3) (local.get $z3))))
              (local.set $row (i32.add (local.get $row) (local.get $rowBytes)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br_if $rows (i32.lt_u (local.get $r) (local.get $d))))
            (local.set $res0 (f64x2.sub (local.get $base) (f64x2.mul (local.get $half) (local.get $acc0))))
            (local.set $res1 (f64x2.sub (local.get $base) (f64x2.mul (local.get $half) (local.get $acc1))))
            (local.set $res2 (f64x2.sub (local.get $base) (f64x2.mul (local.get $half) (local.get $acc2))))
            (local.set $res3 (f64x2.sub (local.get $base) (f64x2.mul (local.get $half) (local.get $acc3))))
            (local.set $op (i32.add (local.get $out) (i32.add (i32.mul (local.get $i) (local.get $outRow)) (i32.shl (local.get $j) (i32.const 3)))))
            (f64.store (local.get $op) (f64x2.extract_lane 0 (local.get $res0)))
            (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n))
              (then (f64.store (i32.add (local.get $op) (local.get $outRow)) (f64x2.extract_lane 1 (local.get $res0)))))
            (if (i32.lt_u (i32.add (local.get $i) (i32.const 2)) (local.get $n))
              (then (f64.store (i32.add (local.get $op) (i32.mul (local.get $outRow) (i32.const 2))) (f64x2.extract_lane 0 (local.get $res1)))))
            (if (i32.lt_u (i32.add (local.get $i) (i32.const 3)) (local.get $n))
              (then (f64.store (i32.add (local.get $op) (i32.mul (local.get $outRow) (i32.const 3))) (f64x2.extract_lane 1 (local.get $res1)))))
            (if (i32.lt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n))
              (then (f64.store (i32.add (local.get $op) (i32.mul (local.get $outRow) (i32.const 4))) (f64x2.extract_lane 0 (local.get $res2)))))
            (if (i32.lt_u (i32.add (local.get $i) (i32.const 5)) (local.get $n))
              (then (f64.store (i32.add (local.get $op) (i32.mul (local.get $outRow) (i32.const 5))) (f64x2.extract_lane 1 (local.get $res2)))))
            (if (i32.lt_u (i32.add (local.get $i) (i32.const 6)) (local.get $n))
              (then (f64.store (i32.add (local.get $op) (i32.mul (local.get $outRow) (i32.const 6))) (f64x2.extract_lane 0 (local.get $res3)))))
            (if (i32.lt_u (i32.add (local.get $i) (i32.const 7)) (local.get $n))
              (then (f64.store (i32.add (local.get $op) (i32.mul (local.get $outRow) (i32.const 7))) (f64x2.extract_lane 1 (local.get $res3)))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $points)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $components))))

  ;; The weighted scatter of a block of $n points for every component j: for each point with r_ij != 0,
  ;; in point order, packed_j[a (a + 1) / 2 + b] += (r_ij (x_ia - mu_ja)) (x_ib - mu_jb) for b <= a, as
  ;; scatterMatrices in scatter.ts adds them (there four points per expression, evaluated left to right:
  ;; the same sequence of additions). Lanes = two adjacent entries b, b + 1 of a row. $resp: the block's
  ;; responsibilities (n x k); $packed: k triangles of d (d + 1) / 2 f64; $diffs: scratch of 8 d bytes.
  (func $scatter (export "scatter") (param $x i32) (param $n i32) (param $d i32) (param $resp i32) (param $k i32) (param $means i32)
    (param $diffs i32) (param $packed i32)
    (local $j i32) (local $i i32) (local $t i32) (local $a i32) (local $b i32) (local $r f64) (local $xp i32) (local $mp i32)
    (local $pp i32) (local $rowBytes i32) (local $triangleBytes i32) (local $av v128) (local $aa f64) (local $dp i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $triangleBytes (i32.shl (i32.shr_u (i32.mul (local.get $d) (i32.add (local.get $d) (i32.const 1))) (i32.const 1)) (i32.const 3)))
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
                ;; diffs[t] = x_it - mu_jt
                (local.set $xp (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rowBytes))))
                (local.set $mp (i32.add (local.get $means) (i32.mul (local.get $j) (local.get $rowBytes))))
                (local.set $t (i32.const 0))
                (loop $coords
                  (f64.store (i32.add (local.get $diffs) (local.get $t))
                    (f64.sub (f64.load (i32.add (local.get $xp) (local.get $t))) (f64.load (i32.add (local.get $mp) (local.get $t)))))
                  (local.set $t (i32.add (local.get $t) (i32.const 8)))
                  (br_if $coords (i32.lt_u (local.get $t) (local.get $rowBytes))))
                (local.set $pp (i32.add (local.get $packed) (i32.mul (local.get $j) (local.get $triangleBytes))))
                (local.set $a (i32.const 0))
                (loop $rows
                  (local.set $aa (f64.mul (local.get $r) (f64.load (i32.add (local.get $diffs) (i32.shl (local.get $a) (i32.const 3))))))
                  (local.set $av (f64x2.splat (local.get $aa)))
                  (local.set $dp (local.get $diffs))
                  (local.set $b (i32.const 0))
                  ;; pairs b, b + 1 <= a
                  (block $donePairs
                    (loop $pairs
                      (br_if $donePairs (i32.gt_u (i32.add (local.get $b) (i32.const 1)) (local.get $a)))
                      (v128.store (local.get $pp) (f64x2.add (v128.load (local.get $pp)) (f64x2.mul (local.get $av) (v128.load (local.get $dp)))))
                      (local.set $pp (i32.add (local.get $pp) (i32.const 16)))
                      (local.set $dp (i32.add (local.get $dp) (i32.const 16)))
                      (local.set $b (i32.add (local.get $b) (i32.const 2)))
                      (br $pairs)))
                  (if (i32.le_u (local.get $b) (local.get $a))
                    (then
                      (f64.store (local.get $pp) (f64.add (f64.load (local.get $pp)) (f64.mul (local.get $aa) (f64.load (local.get $dp)))))
                      (local.set $pp (i32.add (local.get $pp) (i32.const 8)))))
                  (local.set $a (i32.add (local.get $a) (i32.const 1)))
                  (br_if $rows (i32.lt_u (local.get $a) (local.get $d))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $components)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points))))
  ;; The M-step's weighted sums over a block of $n points: for each point, for each j with r_ij != 0,
  ;; totals[j] += r_ij and sums[j d + t] += r_ij x_it (lane = coordinate), in the order of
  ;; maximizationStep in em-steps.ts.
  (func $weightedSums (export "weightedSums") (param $x i32) (param $n i32) (param $d i32) (param $resp i32) (param $k i32)
    (param $totals i32) (param $sums i32)
    (local $i i32) (local $j i32) (local $r f64) (local $rv v128) (local $xp i32) (local $sp i32) (local $t i32)
    (local $rowBytes i32) (local $pairsEnd i32) (local $tp i32)
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
                (local.set $tp (i32.add (local.get $totals) (i32.shl (local.get $j) (i32.const 3))))
                (f64.store (local.get $tp) (f64.add (f64.load (local.get $tp)) (local.get $r)))
                (local.set $rv (f64x2.splat (local.get $r)))
                (local.set $xp (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rowBytes))))
                (local.set $sp (i32.add (local.get $sums) (i32.mul (local.get $j) (local.get $rowBytes))))
                (local.set $t (i32.const 0))
                (block $donePairs
                  (loop $pairs
                    (br_if $donePairs (i32.ge_u (local.get $t) (local.get $pairsEnd)))
                    (v128.store (local.get $sp) (f64x2.add (v128.load (local.get $sp)) (f64x2.mul (local.get $rv) (v128.load (local.get $xp)))))
                    (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
                    (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
                    (local.set $t (i32.add (local.get $t) (i32.const 2)))
                    (br $pairs)))
                (if (i32.lt_u (local.get $t) (local.get $d))
                  (then (f64.store (local.get $sp) (f64.add (f64.load (local.get $sp)) (f64.mul (local.get $r) (f64.load (local.get $xp)))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $components)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points))))
