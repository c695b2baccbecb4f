;; k-means kernels in WebAssembly with 128-bit SIMD (f64x2), for the Lloyd and Hamerly solvers.
;; Source of kmeans-wasm-bytes.ts: after editing, run `npx tsx solvers/kmeans/wasm/build-wasm.ts`.
;;
;; Exactness: every distance is summed over the coordinates in order t = 0..d-1, as the JavaScript kernels
;; do; the two f64x2 lanes hold two different centroids (never two coordinates), so each lane's sum is the
;; scalar sum, bit for bit. Sums of points and weights are accumulated in point order, lane = coordinate.
;;
;; The caller copies the points in blocks (a few hundred kB, reused) and calls each pass block by block.
;; Layout (byte offsets chosen by the caller): points x row-major (n x d f64); centroids transposed in
;; pairs of centroids, groups of four pairs first: group g, coordinate t, pair q of the group, lane at
;; f64 index g 8 d + t 8 + q 2 + lane (centroid 8 g + 2 q + lane); then each remaining pair r at
;; G 8 d + r 2 d + t 2 + lane (G whole groups). A missing odd centroid is +inf.
(module
  (memory (export "memory") 1)
  (global $best (mut i32) (i32.const 0))
  (global $bestDistance (mut f64) (f64.const 0))
  (global $secondDistance (mut f64) (f64.const 0))

  ;; Nearest centroid of the point at byte $xp (lowest index on ties), its squared distance and the
  ;; second-smallest, to the globals. $np pairs of centroids at $ct.
  (func $nearestTwo (param $xp i32) (param $d i32) (param $ct i32) (param $np i32)
    (local $p i32) (local $c i32) (local $xt i32) (local $end i32) (local $j i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $xv v128) (local $e v128)
    (local $best i32) (local $bd f64) (local $sd f64) (local $s f64)
    (local.set $bd (f64.const inf))
    (local.set $sd (f64.const inf))
    (local.set $end (i32.add (local.get $xp) (i32.shl (local.get $d) (i32.const 3))))
    (local.set $c (local.get $ct))
    ;; four pairs (eight centroids) per pass over the point's coordinates; their 4 d vectors interleaved
    ;; by coordinate, so one pointer with constant offsets reaches all four
    (block $done4
      (loop $pairs4
        (br_if $done4 (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $np)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $xt (local.get $xp))
        (loop $coords
          (local.set $xv (f64x2.splat (f64.load (local.get $xt))))
          (local.set $e (f64x2.sub (local.get $xv) (v128.load (local.get $c))))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $xv) (v128.load offset=16 (local.get $c))))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $xv) (v128.load offset=32 (local.get $c))))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $xv) (v128.load offset=48 (local.get $c))))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $c (i32.add (local.get $c) (i32.const 64)))
          (local.set $xt (i32.add (local.get $xt) (i32.const 8)))
          (br_if $coords (i32.lt_u (local.get $xt) (local.get $end))))
        ;; compare in centroid order: a0 lanes, a1 lanes, a2 lanes, a3 lanes
        (local.set $j (i32.shl (local.get $p) (i32.const 1)))
        (local.set $s (f64x2.extract_lane 0 (local.get $a0)))
        (if (f64.lt (local.get $s) (local.get $bd))
          (then (local.set $sd (local.get $bd)) (local.set $bd (local.get $s)) (local.set $best (local.get $j)))
          (else (if (f64.lt (local.get $s) (local.get $sd)) (then (local.set $sd (local.get $s))))))
        (local.set $s (f64x2.extract_lane 1 (local.get $a0)))
        (if (f64.lt (local.get $s) (local.get $bd))
          (then (local.set $sd (local.get $bd)) (local.set $bd (local.get $s)) (local.set $best (i32.add (local.get $j) (i32.const 1))))
          (else (if (f64.lt (local.get $s) (local.get $sd)) (then (local.set $sd (local.get $s))))))
        (local.set $s (f64x2.extract_lane 0 (local.get $a1)))
        (if (f64.lt (local.get $s) (local.get $bd))
          (then (local.set $sd (local.get $bd)) (local.set $bd (local.get $s)) (local.set $best (i32.add (local.get $j) (i32.const 2))))
          (else (if (f64.lt (local.get $s) (local.get $sd)) (then (local.set $sd (local.get $s))))))
        (local.set $s (f64x2.extract_lane 1 (local.get $a1)))
        (if (f64.lt (local.get $s) (local.get $bd))
          (then (local.set $sd (local.get $bd)) (local.set $bd (local.get $s)) (local.set $best (i32.add (local.get $j) (i32.const 3))))
          (else (if (f64.lt (local.get $s) (local.get $sd)) (then (local.set $sd (local.get $s))))))
        (local.set $s (f64x2.extract_lane 0 (local.get $a2)))
        (if (f64.lt (local.get $s) (local.get $bd))
          (then (local.set $sd (local.get $bd)) (local.set $bd (local.get $s)) (local.set $best (i32.add (local.get $j) (i32.const 4))))
          (else (if (f64.lt (local.get $s) (local.get $sd)) (then (local.set $sd (local.get $s))))))
        (local.set $s (f64x2.extract_lane 1 (local.get $a2)))
        (if (f64.lt (local.get $s) (local.get $bd))
          (then (local.set $sd (local.get $bd)) (local.set $bd (local.get $s)) (local.set $best (i32.add (local.get $j) (i32.const 5))))
          (else (if (f64.lt (local.get $s) (local.get $sd)) (then (local.set $sd (local.get $s))))))
        (local.set $s (f64x2.extract_lane 0 (local.get $a3)))
        (if (f64.lt (local.get $s) (local.get $bd))
          (then (local.set $sd (local.get $bd)) (local.set $bd (local.get $s)) (local.set $best (i32.add (local.get $j) (i32.const 6))))
          (else (if (f64.lt (local.get $s) (local.get $sd)) (then (local.set $sd (local.get $s))))))
        (local.set $s (f64x2.extract_lane 1 (local.get $a3)))
        (if (f64.lt (local.get $s) (local.get $bd))
          (then (local.set $sd (local.get $bd)) (local.set $bd (local.get $s)) (local.set $best (i32.add (local.get $j) (i32.const 7))))
          (else (if (f64.lt (local.get $s) (local.get $sd)) (then (local.set $sd (local.get $s))))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $pairs4)))
    ;; the remaining pairs, one at a time
    (block $done1
      (loop $pairs1
        (br_if $done1 (i32.ge_u (local.get $p) (local.get $np)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $xt (local.get $xp))
        (loop $coords1
          (local.set $e (f64x2.sub (f64x2.splat (f64.load (local.get $xt))) (v128.load (local.get $c))))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (local.set $xt (i32.add (local.get $xt) (i32.const 8)))
          (br_if $coords1 (i32.lt_u (local.get $xt) (local.get $end))))
        (local.set $j (i32.shl (local.get $p) (i32.const 1)))
        (local.set $s (f64x2.extract_lane 0 (local.get $a0)))
        (if (f64.lt (local.get $s) (local.get $bd))
          (then (local.set $sd (local.get $bd)) (local.set $bd (local.get $s)) (local.set $best (local.get $j)))
          (else (if (f64.lt (local.get $s) (local.get $sd)) (then (local.set $sd (local.get $s))))))
        (local.set $s (f64x2.extract_lane 1 (local.get $a0)))
        (if (f64.lt (local.get $s) (local.get $bd))
          (then (local.set $sd (local.get $bd)) (local.set $bd (local.get $s)) (local.set $best (i32.add (local.get $j) (i32.const 1))))
          (else (if (f64.lt (local.get $s) (local.get $sd)) (then (local.set $sd (local.get $s))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $pairs1)))
    (global.set $best (local.get $best))
    (global.set $bestDistance (local.get $bd))
    (global.set $secondDistance (local.get $sd)))

  ;; sums[label] += w x_i and totals[label] += w (skipped when w = 0), lane = coordinate.
  (func $accumulate (param $xp i32) (param $d i32) (param $w f64) (param $label i32) (param $sums i32) (param $totals i32)
    (local $sp i32) (local $t i32) (local $wv v128) (local $pairsEnd i32)
    (if (f64.eq (local.get $w) (f64.const 0)) (then (return)))
    (local.set $sp (i32.add (local.get $totals) (i32.shl (local.get $label) (i32.const 3))))
    (f64.store (local.get $sp) (f64.add (f64.load (local.get $sp)) (local.get $w)))
    (local.set $sp (i32.add (local.get $sums) (i32.shl (i32.mul (local.get $label) (local.get $d)) (i32.const 3))))
    (local.set $wv (f64x2.splat (local.get $w)))
    (local.set $pairsEnd (i32.and (local.get $d) (i32.const -2)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $t) (local.get $pairsEnd)))
        (v128.store (local.get $sp) (f64x2.add (v128.load (local.get $sp)) (f64x2.mul (local.get $wv) (v128.load (local.get $xp)))))
        (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
        (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
        (local.set $t (i32.add (local.get $t) (i32.const 2)))
        (br $pairs)))
    (if (i32.lt_u (local.get $t) (local.get $d))
      (then (f64.store (local.get $sp) (f64.add (f64.load (local.get $sp)) (f64.mul (local.get $w) (f64.load (local.get $xp))))))))

  ;; Lloyd's assignment of a block of $n points: labels (i32), the weighted inertia added to the f64 at
  ;; $out, the weighted sums and total weights of the new labels added to $sums and $totals, and the square
  ;; root of each point's second-smallest distance to $lower when $lower != 0 (Hamerly's bound). Returns
  ;; how many labels differ from $prev (all when $prev = 0). Blocks run in point order, so every sum is
  ;; accumulated in point order.
  (func (export "assign") (param $x i32) (param $n i32) (param $d i32) (param $ct i32) (param $np i32) (param $k i32)
    (param $w i32) (param $labels i32) (param $prev i32) (param $lower i32) (param $sums i32) (param $totals i32) (param $out i32)
    (result i32)
    (local $i i32) (local $xp i32) (local $rowBytes i32) (local $inertia f64) (local $changes i32) (local $wi f64) (local $best i32)
    (local.set $inertia (f64.load (local.get $out)))
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $xp (local.get $x))
    (block $done
      (loop $points
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $nearestTwo (local.get $xp) (local.get $d) (local.get $ct) (local.get $np))
        (local.set $best (global.get $best))
        (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
        (if (local.get $lower)
          (then (f64.store (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (global.get $secondDistance)))))
        (local.set $wi (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $inertia (f64.add (local.get $inertia) (f64.mul (local.get $wi) (global.get $bestDistance))))
        (if (local.get $prev)
          (then (if (i32.ne (i32.load (i32.add (local.get $prev) (i32.shl (local.get $i) (i32.const 2)))) (local.get $best))
            (then (local.set $changes (i32.add (local.get $changes) (i32.const 1))))))
          (else (local.set $changes (i32.add (local.get $changes) (i32.const 1)))))
        (call $accumulate (local.get $xp) (local.get $d) (local.get $wi) (local.get $best) (local.get $sums) (local.get $totals))
        (local.set $xp (i32.add (local.get $xp) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points)))
    (f64.store (local.get $out) (local.get $inertia))
    (local.get $changes))

  ;; Hamerly's step after the centroid update, on a block of $n points (see hamerly-kmeans.ts, which this
  ;; mirrors operation for operation): $c row-major centroids, $halfGap per centroid, the largest and
  ;; second-largest moves, $grow = 1 + margin, $shrink = 1 - margin. Writes labels and lower bounds, adds
  ;; to the sums and totals, to the inertia (f64 at $out) and to the distances computed (f64 at $out + 8).
  ;; Returns the label changes.
  (func (export "hamerly") (param $x i32) (param $n i32) (param $d i32) (param $ct i32) (param $np i32) (param $k i32)
    (param $c i32) (param $w i32) (param $prev i32) (param $prevLower i32) (param $halfGap i32)
    (param $largest f64) (param $largestIndex i32) (param $secondLargest f64) (param $grow f64) (param $shrink f64)
    (param $labels i32) (param $lower i32) (param $sums i32) (param $totals i32) (param $out i32)
    (result i32)
    (local $i i32) (local $xp i32) (local $rowBytes i32) (local $inertia f64) (local $changes i32) (local $wi f64)
    (local $label i32) (local $bound f64) (local $own f64) (local $diff f64) (local $cp i32) (local $xt i32) (local $end i32)
    (local $best i32) (local $distances f64) (local $lowerBound f64)
    (local.set $inertia (f64.load (local.get $out)))
    (local.set $distances (f64.load (i32.add (local.get $out) (i32.const 8))))
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $xp (local.get $x))
    (block $done
      (loop $points
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $label (i32.load (i32.add (local.get $prev) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $lowerBound (f64.sub (f64.load (i32.add (local.get $prevLower) (i32.shl (local.get $i) (i32.const 3))))
          (select (local.get $secondLargest) (local.get $largest) (i32.eq (local.get $label) (local.get $largestIndex)))))
        ;; the distance to the own centroid, summed in coordinate order
        (local.set $own (f64.const 0))
        (local.set $cp (i32.add (local.get $c) (i32.mul (local.get $label) (local.get $rowBytes))))
        (local.set $xt (local.get $xp))
        (local.set $end (i32.add (local.get $xp) (local.get $rowBytes)))
        (loop $coords
          (local.set $diff (f64.sub (f64.load (local.get $xt)) (f64.load (local.get $cp))))
          (local.set $own (f64.add (local.get $own) (f64.mul (local.get $diff) (local.get $diff))))
          (local.set $cp (i32.add (local.get $cp) (i32.const 8)))
          (local.set $xt (i32.add (local.get $xt) (i32.const 8)))
          (br_if $coords (i32.lt_u (local.get $xt) (local.get $end))))
        (local.set $distances (f64.add (local.get $distances) (f64.const 1)))
        (local.set $bound (f64.max (f64.load (i32.add (local.get $halfGap) (i32.shl (local.get $label) (i32.const 3)))) (local.get $lowerBound)))
        (local.set $wi (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3)))))
        (if (f64.lt (f64.mul (f64.sqrt (local.get $own)) (local.get $grow)) (f64.mul (local.get $bound) (local.get $shrink)))
          (then
            (local.set $best (local.get $label))
            (f64.store (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3))) (local.get $lowerBound))
            (local.set $inertia (f64.add (local.get $inertia) (f64.mul (local.get $wi) (local.get $own)))))
          (else
            (call $nearestTwo (local.get $xp) (local.get $d) (local.get $ct) (local.get $np))
            (local.set $best (global.get $best))
            (local.set $distances (f64.add (local.get $distances) (f64.convert_i32_u (i32.sub (local.get $k) (i32.const 1)))))
            (f64.store (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3))) (f64.sqrt (global.get $secondDistance)))
            (local.set $inertia (f64.add (local.get $inertia) (f64.mul (local.get $wi) (global.get $bestDistance))))
            (if (i32.ne (local.get $best) (local.get $label)) (then (local.set $changes (i32.add (local.get $changes) (i32.const 1)))))))
        (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
        (call $accumulate (local.get $xp) (local.get $d) (local.get $wi) (local.get $best) (local.get $sums) (local.get $totals))
        (local.set $xp (i32.add (local.get $xp) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points)))
    (f64.store (local.get $out) (local.get $inertia))
    (f64.store (i32.add (local.get $out) (i32.const 8)) (local.get $distances))
    (local.get $changes))

;; Adds each point of a block to the per-coordinate sums at $sums (lane = coordinate, point order).
  (func (export "sumCoordinates") (param $x i32) (param $n i32) (param $d i32) (param $sums i32)
    (local $i i32) (local $t i32) (local $xp i32) (local $mp i32) (local $pairsEnd i32)
    (local.set $pairsEnd (i32.and (local.get $d) (i32.const -2)))
    (local.set $xp (local.get $x))
    (block $done
      (loop $points
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $mp (local.get $sums))
        (local.set $t (i32.const 0))
        (block $pd (loop $pairs
          (br_if $pd (i32.ge_u (local.get $t) (local.get $pairsEnd)))
          (v128.store (local.get $mp) (f64x2.add (v128.load (local.get $mp)) (v128.load (local.get $xp))))
          (local.set $mp (i32.add (local.get $mp) (i32.const 16)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
          (local.set $t (i32.add (local.get $t) (i32.const 2)))
          (br $pairs)))
        (if (i32.lt_u (local.get $t) (local.get $d))
          (then
            (f64.store (local.get $mp) (f64.add (f64.load (local.get $mp)) (f64.load (local.get $xp))))
            (local.set $xp (i32.add (local.get $xp) (i32.const 8)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points))))

  ;; Adds each point's squared deviations from $means to the per-coordinate sums at $squares (point order).
  (func (export "sumSquares") (param $x i32) (param $n i32) (param $d i32) (param $means i32) (param $squares i32)
    (local $i i32) (local $t i32) (local $xp i32) (local $mp i32) (local $sp i32) (local $pairsEnd i32) (local $e v128) (local $ed f64)
    (local.set $pairsEnd (i32.and (local.get $d) (i32.const -2)))
    (local.set $xp (local.get $x))
    (block $done2
      (loop $points2
        (br_if $done2 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $mp (local.get $means))
        (local.set $sp (local.get $squares))
        (local.set $t (i32.const 0))
        (block $pd2 (loop $pairs2
          (br_if $pd2 (i32.ge_u (local.get $t) (local.get $pairsEnd)))
          (local.set $e (f64x2.sub (v128.load (local.get $xp)) (v128.load (local.get $mp))))
          (v128.store (local.get $sp) (f64x2.add (v128.load (local.get $sp)) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $mp (i32.add (local.get $mp) (i32.const 16)))
          (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
          (local.set $t (i32.add (local.get $t) (i32.const 2)))
          (br $pairs2)))
        (if (i32.lt_u (local.get $t) (local.get $d))
          (then
            (local.set $ed (f64.sub (f64.load (local.get $xp)) (f64.load (local.get $mp))))
            (f64.store (local.get $sp) (f64.add (f64.load (local.get $sp)) (f64.mul (local.get $ed) (local.get $ed))))
            (local.set $xp (i32.add (local.get $xp) (i32.const 8)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points2))))
)
