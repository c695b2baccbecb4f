;; Part of kmeans.wat, which includes the parts in a fixed order (the order of the functions in the module):
;; the cluster sums of a block ($addRows, which $assign calls), and the chunk entry points that threads
;; call (assignChunk, hamerlyChunk, shiftedSumsChunk, assignMomentsChunk).
  ;; sums[l_i] += w_i x_i and totals[l_i] += w_i for the block's points in point order (skipped when w_i = 0),
  ;; lane = coordinate, four coordinates per round, then a pair and a single one as d requires. Unit weights
  ;; ($w = 0) with d a multiple of four take a loop without the weights (1 x = x, the same bits).
  (func $addRows (param $x i32) (param $n i32) (param $d i32) (param $w i32) (param $labels i32) (param $sums i32) (param $totals i32)
    (local $i i32) (local $xp i32) (local $rowBytes i32) (local $wi f64) (local $best i32) (local $sp i32) (local $wv v128)
    (local $xt i32) (local $end i32) (local $end4 i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $xp (local.get $x))
    (if (i32.and (i32.eqz (local.get $w)) (i32.eqz (i32.and (local.get $d) (i32.const 3))))
      (then
        (block $unitDone
          (loop $unitPoints
            (br_if $unitDone (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $best (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $sp (i32.add (local.get $totals) (i32.shl (local.get $best) (i32.const 3))))
            (f64.store (local.get $sp) (f64.add (f64.load (local.get $sp)) (f64.const 1)))
            (local.set $sp (i32.add (local.get $sums) (i32.mul (local.get $best) (local.get $rowBytes))))
            (local.set $xt (local.get $xp))
            (local.set $end (i32.add (local.get $xp) (local.get $rowBytes)))
            (loop $quads1
              (v128.store offset=0 (local.get $sp) (f64x2.add (v128.load offset=0 (local.get $sp)) (v128.load offset=0 (local.get $xt))))
              (v128.store offset=16 (local.get $sp) (f64x2.add (v128.load offset=16 (local.get $sp)) (v128.load offset=16 (local.get $xt))))
              (local.set $sp (i32.add (local.get $sp) (i32.const 32)))
              (local.set $xt (i32.add (local.get $xt) (i32.const 32)))
              (br_if $quads1 (i32.lt_u (local.get $xt) (local.get $end))))
            (local.set $xp (local.get $end))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $unitPoints)))
        (return)))
    (block $done
      (loop $points
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $best (i32.load (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $wi (if (result f64) (local.get $w) (then (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))) (else (f64.const 1))))
        (if (f64.ne (local.get $wi) (f64.const 0))
          (then
            (local.set $sp (i32.add (local.get $totals) (i32.shl (local.get $best) (i32.const 3))))
            (f64.store (local.get $sp) (f64.add (f64.load (local.get $sp)) (local.get $wi)))
            (local.set $sp (i32.add (local.get $sums) (i32.mul (local.get $best) (local.get $rowBytes))))
            (local.set $wv (f64x2.splat (local.get $wi)))
            (local.set $xt (local.get $xp))
            (local.set $end (i32.add (local.get $xp) (local.get $rowBytes)))
            (local.set $end4 (i32.add (local.get $xp) (i32.shl (i32.and (local.get $d) (i32.const -4)) (i32.const 3))))
            (block $done4
              (loop $quads
                (br_if $done4 (i32.ge_u (local.get $xt) (local.get $end4)))
                (v128.store offset=0 (local.get $sp) (f64x2.add (v128.load offset=0 (local.get $sp)) (f64x2.mul (local.get $wv) (v128.load offset=0 (local.get $xt)))))
                (v128.store offset=16 (local.get $sp) (f64x2.add (v128.load offset=16 (local.get $sp)) (f64x2.mul (local.get $wv) (v128.load offset=16 (local.get $xt)))))
                (local.set $sp (i32.add (local.get $sp) (i32.const 32)))
                (local.set $xt (i32.add (local.get $xt) (i32.const 32)))
                (br $quads)))
            (if (i32.le_u (i32.add (local.get $xt) (i32.const 16)) (local.get $end))
              (then
                (v128.store (local.get $sp) (f64x2.add (v128.load (local.get $sp)) (f64x2.mul (local.get $wv) (v128.load (local.get $xt)))))
                (local.set $sp (i32.add (local.get $sp) (i32.const 16)))
                (local.set $xt (i32.add (local.get $xt) (i32.const 16)))))
            (if (i32.lt_u (local.get $xt) (local.get $end))
              (then (f64.store (local.get $sp) (f64.add (f64.load (local.get $sp)) (f64.mul (local.get $wi) (f64.load (local.get $xt)))))))))
        (local.set $xp (i32.add (local.get $xp) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $points))))

  ;; Zeroes $count f64 at $at.
  (func $zero (param $at i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $values
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (f64.store (local.get $at) (f64.const 0))
        (local.set $at (i32.add (local.get $at) (i32.const 8)))
        (br $values))))

  ;; Points in chunk $chunk of $size points out of $n (0 past the end).
  (func $chunkCount (param $chunk i32) (param $size i32) (param $n i32) (result i32)
    (local $start i32)
    (local.set $start (i32.mul (local.get $chunk) (local.get $size)))
    (if (result i32) (i32.ge_u (local.get $start) (local.get $n))
      (then (i32.const 0))
      (else (select (local.get $size) (i32.sub (local.get $n) (local.get $start))
        (i32.le_u (local.get $size) (i32.sub (local.get $n) (local.get $start)))))))

  ;; Lloyd's assignment of one chunk (see $assign). The chunk's slot at $partials + chunk (k d + k + 3) 8:
  ;; sums (k d), totals (k), inertia, distances (0 here), label changes.
  (func $assignChunk (export "assignChunk") (param $chunk i32) (param $size i32) (param $n i32) (param $x i32) (param $d i32)
    (param $ct i32) (param $np i32) (param $k i32) (param $w i32) (param $labels i32) (param $prev i32) (param $lower i32)
    (param $partials i32)
    (local $start i32) (local $slot i32) (local $kd i32) (local $out i32)
    (local.set $start (i32.mul (local.get $chunk) (local.get $size)))
    (local.set $kd (i32.mul (local.get $k) (local.get $d)))
    (local.set $slot (i32.add (local.get $partials)
      (i32.shl (i32.mul (local.get $chunk) (i32.add (i32.add (local.get $kd) (local.get $k)) (i32.const 3))) (i32.const 3))))
    (local.set $out (i32.add (local.get $slot) (i32.shl (i32.add (local.get $kd) (local.get $k)) (i32.const 3))))
    (call $zero (local.get $slot) (i32.add (i32.add (local.get $kd) (local.get $k)) (i32.const 3)))
    (f64.store offset=16 (local.get $out) (f64.convert_i32_u
      (call $assign
        (i32.add (local.get $x) (i32.shl (i32.mul (local.get $start) (local.get $d)) (i32.const 3)))
        (call $chunkCount (local.get $chunk) (local.get $size) (local.get $n))
        (local.get $d) (local.get $ct) (local.get $np) (local.get $k)
        (select (i32.add (local.get $w) (i32.shl (local.get $start) (i32.const 3))) (i32.const 0) (local.get $w))
        (i32.add (local.get $labels) (i32.shl (local.get $start) (i32.const 2)))
        (select (i32.add (local.get $prev) (i32.shl (local.get $start) (i32.const 2))) (i32.const 0) (local.get $prev))
        (select (i32.add (local.get $lower) (i32.shl (local.get $start) (i32.const 3))) (i32.const 0) (local.get $lower))
        (local.get $slot)
        (i32.add (local.get $slot) (i32.shl (local.get $kd) (i32.const 3)))
        (local.get $out)))))

  ;; Hamerly's pass over one chunk (see $hamerly); the slot as assignChunk's.
  (func (export "hamerlyChunk") (param $chunk i32) (param $size i32) (param $n i32) (param $x i32) (param $d i32)
    (param $ct i32) (param $np i32) (param $k i32) (param $c i32) (param $w i32) (param $prev i32) (param $prevLower i32)
    (param $halfGap i32) (param $largest f64) (param $largestIndex i32) (param $secondLargest f64) (param $grow f64)
    (param $shrink f64) (param $labels i32) (param $lower i32) (param $partials i32)
    (local $start i32) (local $slot i32) (local $kd i32) (local $out i32)
    (local.set $start (i32.mul (local.get $chunk) (local.get $size)))
    (local.set $kd (i32.mul (local.get $k) (local.get $d)))
    (local.set $slot (i32.add (local.get $partials)
      (i32.shl (i32.mul (local.get $chunk) (i32.add (i32.add (local.get $kd) (local.get $k)) (i32.const 3))) (i32.const 3))))
    (local.set $out (i32.add (local.get $slot) (i32.shl (i32.add (local.get $kd) (local.get $k)) (i32.const 3))))
    (call $zero (local.get $slot) (i32.add (i32.add (local.get $kd) (local.get $k)) (i32.const 3)))
    (f64.store offset=16 (local.get $out) (f64.convert_i32_u
      (call $hamerly
        (i32.add (local.get $x) (i32.shl (i32.mul (local.get $start) (local.get $d)) (i32.const 3)))
        (call $chunkCount (local.get $chunk) (local.get $size) (local.get $n))
        (local.get $d) (local.get $ct) (local.get $np) (local.get $k) (local.get $c)
        (select (i32.add (local.get $w) (i32.shl (local.get $start) (i32.const 3))) (i32.const 0) (local.get $w))
        (i32.add (local.get $prev) (i32.shl (local.get $start) (i32.const 2)))
        (i32.add (local.get $prevLower) (i32.shl (local.get $start) (i32.const 3)))
        (local.get $halfGap) (local.get $largest) (local.get $largestIndex) (local.get $secondLargest)
        (local.get $grow) (local.get $shrink)
        (i32.add (local.get $labels) (i32.shl (local.get $start) (i32.const 2)))
        (i32.add (local.get $lower) (i32.shl (local.get $start) (i32.const 3)))
        (local.get $slot)
        (i32.add (local.get $slot) (i32.shl (local.get $kd) (i32.const 3)))
        (local.get $out)))))

  ;; One chunk's per-coordinate sums of x - $shift and of (x - $shift)^2 (lane = coordinate, point order),
  ;; to its slot of 2 d f64 at $partials + chunk 2 d 8: the d first sums, then the d sums of squares.
  ;; Eight coordinates at a time down the chunk's rows (in the cache), the sums in registers.
  (func $shiftedSumsChunk (export "shiftedSumsChunk") (param $chunk i32) (param $size i32) (param $n i32) (param $x i32) (param $d i32) (param $shift i32) (param $partials i32)
    (local $slot i32) (local $squares i32) (local $first i32) (local $end i32) (local $xp i32) (local $t i32) (local $rowBytes i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128) (local $e v128) (local $sf f64) (local $qf f64) (local $mf f64) (local $ef f64)
    (local.set $slot (i32.add (local.get $partials) (i32.shl (i32.mul (local.get $chunk) (local.get $d)) (i32.const 4))))
    (local.set $squares (i32.add (local.get $slot) (i32.shl (local.get $d) (i32.const 3))))
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $first (i32.add (local.get $x) (i32.mul (i32.mul (local.get $chunk) (local.get $size)) (local.get $rowBytes))))
    (local.set $end (i32.add (local.get $first) (i32.mul (call $chunkCount (local.get $chunk) (local.get $size) (local.get $n)) (local.get $rowBytes))))
    ;; groups of eight coordinates
    (block $done8
      (loop $groups8
        (br_if $done8 (i32.gt_u (i32.add (local.get $t) (i32.const 8)) (local.get $d)))
        (local.set $s0 (v128.const f64x2 0 0))
        (local.set $q0 (v128.const f64x2 0 0))
        (local.set $s1 (v128.const f64x2 0 0))
        (local.set $q1 (v128.const f64x2 0 0))
        (local.set $s2 (v128.const f64x2 0 0))
        (local.set $q2 (v128.const f64x2 0 0))
        (local.set $s3 (v128.const f64x2 0 0))
        (local.set $q3 (v128.const f64x2 0 0))
        (local.set $m0 (v128.load offset=0 (i32.add (local.get $shift) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $m1 (v128.load offset=16 (i32.add (local.get $shift) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $m2 (v128.load offset=32 (i32.add (local.get $shift) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $m3 (v128.load offset=48 (i32.add (local.get $shift) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $xp (i32.add (local.get $first) (i32.shl (local.get $t) (i32.const 3))))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $xp) (local.get $end)))
            (local.set $e (f64x2.sub (v128.load offset=0 (local.get $xp)) (local.get $m0)))
            (local.set $s0 (f64x2.add (local.get $s0) (local.get $e)))
            (local.set $q0 (f64x2.add (local.get $q0) (f64x2.mul (local.get $e) (local.get $e))))
            (local.set $e (f64x2.sub (v128.load offset=16 (local.get $xp)) (local.get $m1)))
            (local.set $s1 (f64x2.add (local.get $s1) (local.get $e)))
            (local.set $q1 (f64x2.add (local.get $q1) (f64x2.mul (local.get $e) (local.get $e))))
            (local.set $e (f64x2.sub (v128.load offset=32 (local.get $xp)) (local.get $m2)))
            (local.set $s2 (f64x2.add (local.get $s2) (local.get $e)))
            (local.set $q2 (f64x2.add (local.get $q2) (f64x2.mul (local.get $e) (local.get $e))))
            (local.set $e (f64x2.sub (v128.load offset=48 (local.get $xp)) (local.get $m3)))
            (local.set $s3 (f64x2.add (local.get $s3) (local.get $e)))
            (local.set $q3 (f64x2.add (local.get $q3) (f64x2.mul (local.get $e) (local.get $e))))
            (local.set $xp (i32.add (local.get $xp) (local.get $rowBytes)))
            (br $rows)))
        (v128.store offset=0 (i32.add (local.get $slot) (i32.shl (local.get $t) (i32.const 3))) (local.get $s0))
        (v128.store offset=0 (i32.add (local.get $squares) (i32.shl (local.get $t) (i32.const 3))) (local.get $q0))
        (v128.store offset=16 (i32.add (local.get $slot) (i32.shl (local.get $t) (i32.const 3))) (local.get $s1))
        (v128.store offset=16 (i32.add (local.get $squares) (i32.shl (local.get $t) (i32.const 3))) (local.get $q1))
        (v128.store offset=32 (i32.add (local.get $slot) (i32.shl (local.get $t) (i32.const 3))) (local.get $s2))
        (v128.store offset=32 (i32.add (local.get $squares) (i32.shl (local.get $t) (i32.const 3))) (local.get $q2))
        (v128.store offset=48 (i32.add (local.get $slot) (i32.shl (local.get $t) (i32.const 3))) (local.get $s3))
        (v128.store offset=48 (i32.add (local.get $squares) (i32.shl (local.get $t) (i32.const 3))) (local.get $q3))
        (local.set $t (i32.add (local.get $t) (i32.const 8)))
        (br $groups8)))
    ;; pairs of coordinates
    (block $done2
      (loop $groups2
        (br_if $done2 (i32.gt_u (i32.add (local.get $t) (i32.const 2)) (local.get $d)))
        (local.set $s0 (v128.const f64x2 0 0))
        (local.set $q0 (v128.const f64x2 0 0))
        (local.set $m0 (v128.load (i32.add (local.get $shift) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $xp (i32.add (local.get $first) (i32.shl (local.get $t) (i32.const 3))))
        (block $rowsDone2
          (loop $rows2
            (br_if $rowsDone2 (i32.ge_u (local.get $xp) (local.get $end)))
            (local.set $e (f64x2.sub (v128.load (local.get $xp)) (local.get $m0)))
            (local.set $s0 (f64x2.add (local.get $s0) (local.get $e)))
            (local.set $q0 (f64x2.add (local.get $q0) (f64x2.mul (local.get $e) (local.get $e))))
            (local.set $xp (i32.add (local.get $xp) (local.get $rowBytes)))
            (br $rows2)))
        (v128.store (i32.add (local.get $slot) (i32.shl (local.get $t) (i32.const 3))) (local.get $s0))
        (v128.store (i32.add (local.get $squares) (i32.shl (local.get $t) (i32.const 3))) (local.get $q0))
        (local.set $t (i32.add (local.get $t) (i32.const 2)))
        (br $groups2)))
    ;; the last coordinate of an odd d
    (if (i32.lt_u (local.get $t) (local.get $d))
      (then
        (local.set $mf (f64.load (i32.add (local.get $shift) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $xp (i32.add (local.get $first) (i32.shl (local.get $t) (i32.const 3))))
        (block $rowsDone1
          (loop $rows1
            (br_if $rowsDone1 (i32.ge_u (local.get $xp) (local.get $end)))
            (local.set $ef (f64.sub (f64.load (local.get $xp)) (local.get $mf)))
            (local.set $sf (f64.add (local.get $sf) (local.get $ef)))
            (local.set $qf (f64.add (local.get $qf) (f64.mul (local.get $ef) (local.get $ef))))
            (local.set $xp (i32.add (local.get $xp) (local.get $rowBytes)))
            (br $rows1)))
        (f64.store (i32.add (local.get $slot) (i32.shl (local.get $t) (i32.const 3))) (local.get $sf))
        (f64.store (i32.add (local.get $squares) (i32.shl (local.get $t) (i32.const 3))) (local.get $qf)))))

  ;; The first pass over freshly copied points: a chunk's shifted sums (shiftedSumsChunk, to its slot of
  ;; 2 d f64 at $momentPartials) and then its assignment (assignChunk, to its slot of $partials), while the
  ;; chunk is in the cache; the caller copies the next chunks in meanwhile.
  (func (export "assignMomentsChunk") (param $chunk i32) (param $size i32) (param $n i32) (param $x i32) (param $d i32)
    (param $ct i32) (param $np i32) (param $k i32) (param $w i32) (param $labels i32) (param $prev i32) (param $lower i32)
    (param $partials i32) (param $shift i32) (param $momentPartials i32)
    (call $shiftedSumsChunk (local.get $chunk) (local.get $size) (local.get $n) (local.get $x) (local.get $d) (local.get $shift) (local.get $momentPartials))
    (call $assignChunk (local.get $chunk) (local.get $size) (local.get $n) (local.get $x) (local.get $d) (local.get $ct) (local.get $np)
      (local.get $k) (local.get $w) (local.get $labels) (local.get $prev) (local.get $lower) (local.get $partials)))
