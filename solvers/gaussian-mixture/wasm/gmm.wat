;; Gaussian-mixture E-step kernel in WebAssembly with 128-bit SIMD (f64x2): the squared Mahalanobis
;; distances through triangular precision factors, for blocks of points. Source of gmm-wasm-bytes.ts:
;; after editing, run `npx tsx test/wasm/build-wasm.ts`.
;;
;; Exactness: the lanes hold different points (never different terms of one sum), and every sum runs in
;; the order of triangularLogDensities in dense-kernels.ts, so the results are bit-for-bit the same.
;;
;; Threads: the memory is shared (imported). The block kernels run on one thread (wasm-kernels.ts); the
;; resident passes (axisPassChunk, fullPassChunk, momentsChunk: resident-passes.ts) run in chunks on any
;; number of threads, each chunk summing into a slot of its own, added in chunk order by the caller.
(module
  (import "env" "memory" (memory 1 65536 shared))

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

  ;; ---- Resident passes (resident-passes.ts). The points and the responsibilities stay in this (shared)
  ;; memory and a pass runs in chunks of $per points, on any number of threads: chunk $chunk covers points
  ;; [chunk $per, min(n, (chunk + 1) $per)), writes only those points' responsibilities and norms, and sums
  ;; into its own slot at $slots + chunk $slotBytes: a failure flag (f64), the log-likelihood's parts (3 f64,
  ;; logNormParts), totals (k), weighted sums (k d),
  ;; then at $secondAt the scatter about the means the E-step used (or nothing: $secondAt = 0); scratch at
  ;; $scratchAt. The caller adds the slots in chunk order, so any number of threads gives the same bits.

  ;; Zeroes $bytes (a multiple of 8) at $at.
  (func $zero (param $at i32) (param $bytes i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $at) (local.get $bytes)))
    (block $done
      (loop $words
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (i64.store (local.get $at) (i64.const 0))
        (local.set $at (i32.add (local.get $at) (i32.const 8)))
        (br $words))))

  ;; Points in chunk $chunk of $per points out of $n (0 past the end).
  (func $chunkCount (param $chunk i32) (param $per i32) (param $n i32) (result i32)
    (local $start i32)
    (local.set $start (i32.mul (local.get $chunk) (local.get $per)))
    (if (result i32) (i32.ge_u (local.get $start) (local.get $n))
      (then (i32.const 0))
      (else (select (local.get $per) (i32.sub (local.get $n) (local.get $start))
        (i32.le_u (local.get $per) (i32.sub (local.get $n) (local.get $start)))))))

  ;; One EM pass of the axis-aligned types on a chunk: the log-densities (axisDistances; on y = Q x written
  ;; to $mapped when $qp != 0, the tied type), normalised in place into responsibilities (normalise), then
  ;; the totals, the weighted sums of x - mu and, when $secondAt != 0, of (x - mu)^2 per coordinate, about
  ;; the means $means the E-step used (axisSums).
  (func (export "axisPassChunk") (param $chunk i32) (param $per i32) (param $n i32) (param $x i32) (param $d i32)
    (param $meansT i32) (param $factorsT i32) (param $kPad i32) (param $k i32) (param $c f64) (param $logDets i32)
    (param $logWeights i32) (param $resp i32) (param $norms i32) (param $means i32) (param $mapped i32) (param $qp i32)
    (param $slots i32) (param $slotBytes i32) (param $secondAt i32)
    (local $count i32) (local $start i32) (local $xs i32) (local $ys i32) (local $rs i32) (local $slot i32)
    (local.set $count (call $chunkCount (local.get $chunk) (local.get $per) (local.get $n)))
    (local.set $start (i32.mul (local.get $chunk) (local.get $per)))
    (local.set $xs (i32.add (local.get $x) (i32.mul (local.get $start) (i32.shl (local.get $d) (i32.const 3)))))
    (local.set $rs (i32.add (local.get $resp) (i32.mul (local.get $start) (i32.shl (local.get $k) (i32.const 3)))))
    (local.set $slot (i32.add (local.get $slots) (i32.mul (local.get $chunk) (local.get $slotBytes))))
    (call $zero (local.get $slot) (local.get $slotBytes))
    (local.set $ys (local.get $xs))
    (if (i32.ne (local.get $qp) (i32.const 0))
      (then
        (local.set $ys (i32.add (local.get $mapped) (i32.mul (local.get $start) (i32.shl (local.get $d) (i32.const 3)))))
        (call $lowerTransform (local.get $xs) (local.get $count) (local.get $d) (local.get $qp) (local.get $ys))))
    (call $axisDistances (local.get $ys) (local.get $count) (local.get $d) (local.get $meansT) (local.get $factorsT)
      (local.get $kPad) (local.get $k) (local.get $c) (local.get $logDets) (local.get $rs))
    (call $normalise (local.get $rs) (local.get $count) (local.get $k) (local.get $logWeights)
      (i32.add (local.get $norms) (i32.shl (local.get $start) (i32.const 4))))
    (call $logNormParts (i32.add (local.get $norms) (i32.shl (local.get $start) (i32.const 4))) (local.get $count)
      (i32.add (local.get $slot) (i32.const 8)))
    (call $axisSums (local.get $xs) (local.get $count) (local.get $d) (local.get $rs) (local.get $k) (local.get $means)
      (i32.add (local.get $slot) (i32.const 32))
      (i32.add (local.get $slot) (i32.add (i32.const 32) (i32.shl (local.get $k) (i32.const 3))))
      (select (i32.add (local.get $slot) (local.get $secondAt)) (i32.const 0) (local.get $secondAt))))

  ;; One EM pass of the full type on a chunk: the bounded log-densities (boundedLogDensities; a non-finite
  ;; distance sets the slot's flag and ends the chunk), normalised in place, then the totals, weighted sums
  ;; and the scatter matrices' lower tiles about $means (tiledScatter).
  (func (export "fullPassChunk") (param $chunk i32) (param $per i32) (param $n i32) (param $x i32) (param $d i32)
    (param $means i32) (param $qp i32) (param $qpStride i32) (param $k i32) (param $bases i32) (param $logWeights i32)
    (param $bound i32) (param $resp i32) (param $norms i32) (param $slots i32) (param $slotBytes i32)
    (param $secondAt i32) (param $scratchAt i32)
    (local $count i32) (local $start i32) (local $xs i32) (local $rs i32) (local $slot i32) (local $scratch i32)
    (local.set $count (call $chunkCount (local.get $chunk) (local.get $per) (local.get $n)))
    (local.set $start (i32.mul (local.get $chunk) (local.get $per)))
    (local.set $xs (i32.add (local.get $x) (i32.mul (local.get $start) (i32.shl (local.get $d) (i32.const 3)))))
    (local.set $rs (i32.add (local.get $resp) (i32.mul (local.get $start) (i32.shl (local.get $k) (i32.const 3)))))
    (local.set $slot (i32.add (local.get $slots) (i32.mul (local.get $chunk) (local.get $slotBytes))))
    (local.set $scratch (i32.add (local.get $slot) (local.get $scratchAt)))
    (call $zero (local.get $slot) (local.get $scratchAt))
    (if (call $boundedLogDensities (local.get $xs) (local.get $count) (local.get $d) (local.get $means) (local.get $qp)
          (local.get $qpStride) (local.get $k) (local.get $bases) (local.get $logWeights) (local.get $bound)
          (local.get $scratch) (i32.add (local.get $scratch) (i32.shl (local.get $d) (i32.const 3))) (local.get $rs))
      (then
        (f64.store (local.get $slot) (f64.const 1))
        (return)))
    (call $normalise (local.get $rs) (local.get $count) (local.get $k) (local.get $logWeights)
      (i32.add (local.get $norms) (i32.shl (local.get $start) (i32.const 4))))
    (call $logNormParts (i32.add (local.get $norms) (i32.shl (local.get $start) (i32.const 4))) (local.get $count)
      (i32.add (local.get $slot) (i32.const 8)))
    (call $weightedSums (local.get $xs) (local.get $count) (local.get $d) (local.get $rs) (local.get $k)
      (i32.add (local.get $slot) (i32.const 32))
      (i32.add (local.get $slot) (i32.add (i32.const 32) (i32.shl (local.get $k) (i32.const 3)))))
    (call $tiledScatter (local.get $xs) (local.get $count) (local.get $d) (local.get $rs) (local.get $k) (local.get $means)
      (i32.and (i32.add (local.get $d) (i32.const 3)) (i32.const -4)) (local.get $scratch)
      (i32.add (local.get $slot) (local.get $secondAt))))

  ;; The points' scatter about $centre with unit weights ($ones: $per ones), one packed triangle per chunk at
  ;; $secondAt in its slot: the tied type's sum_i (x_i - c)(x_i - c)^T, once per prepared problem.
  (func (export "momentsChunk") (param $chunk i32) (param $per i32) (param $n i32) (param $x i32) (param $d i32)
    (param $ones i32) (param $centre i32) (param $slots i32) (param $slotBytes i32) (param $secondAt i32)
    (param $scratchAt i32)
    (local $start i32) (local $slot i32)
    (local.set $start (i32.mul (local.get $chunk) (local.get $per)))
    (local.set $slot (i32.add (local.get $slots) (i32.mul (local.get $chunk) (local.get $slotBytes))))
    (call $zero (local.get $slot) (local.get $scratchAt))
    (call $scatter
      (i32.add (local.get $x) (i32.mul (local.get $start) (i32.shl (local.get $d) (i32.const 3))))
      (call $chunkCount (local.get $chunk) (local.get $per) (local.get $n)) (local.get $d) (local.get $ones) (i32.const 1)
      (local.get $centre) (i32.add (local.get $slot) (local.get $scratchAt)) (i32.add (local.get $slot) (local.get $secondAt))))

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
)
