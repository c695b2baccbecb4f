;; k-means kernels in WebAssembly with 128-bit SIMD (f64x2), for the Lloyd and Hamerly solvers.
;; Source of kmeans-wasm-bytes.ts: after editing, run `npx tsx test/wasm/build-wasm.ts`.
;;
;; Exactness: every distance is summed over the coordinates in order t = 0..d-1, as the JavaScript kernels
;; do; the two f64x2 lanes hold two different centroids (never two coordinates), so each lane's sum is the
;; scalar sum, bit for bit. Sums of points and weights are accumulated in point order, lane = coordinate.
;; Ties: a point's label is the lowest index among the centroids at its smallest distance (exact equality
;; of the sums). The search takes no branch on a distance (they mispredict on overlapping clusters): a
;; group of eight centroids gives its minimum by lane-wise minima (f64x2.pmin: `b < a ? b : a`, exact),
;; its index as the lowest set bit of the mask of distances equal to that minimum, and a later group
;; replaces the best only when strictly smaller. The second-smallest distance (Hamerly's bound) is that
;; of the multiset of distances: equal to the smallest on a tie, as the JavaScript kernels give it.
;;
;; Threads: the memory is shared (imported); every pass has a chunk entry point (`...Chunk`, first
;; parameter the chunk index) that works on points [chunk size, (chunk + 1) size) and writes its partial
;; sums to the chunk's own slot of $partials, zeroed first, so threads may run chunks in any order; the
;; caller adds the slots in chunk order.
;; Weights: $w = 0 means every weight is 1 (nothing in memory; 1 w = w, the same bits). Labels and bounds:
;; a pass may write them over the previous ones ($labels = $prev, $lower = $prevLower): each point's
;; previous label and bound are read before its new ones are written.
;; Layout (byte offsets chosen by the caller): points x row-major (n x d f64); centroids transposed in
;; pairs of centroids, groups of four pairs first: group g, coordinate t, pair q of the group, lane at
;; f64 index g 8 d + t 8 + q 2 + lane (centroid 8 g + 2 q + lane); then each remaining pair r at
;; G 8 d + r 2 d + t 2 + lane (G whole groups). A missing odd centroid is +inf.
(module
  (import "env" "memory" (memory 1 65536 shared))
  (global $best (mut i32) (i32.const 0))
  (global $bestDistance (mut f64) (f64.const 0))
  (global $secondDistance (mut f64) (f64.const 0))
  (global $best2 (mut i32) (i32.const 0))
  (global $bestDistance2 (mut f64) (f64.const 0))
  (global $secondDistance2 (mut f64) (f64.const 0))

  ;; Nearest centroid of the point at byte $xp (lowest index on ties), its squared distance and the
  ;; second-smallest, to the globals. $np pairs of centroids at $ct. No branch depends on a distance:
  ;; each group's minimum comes from lane-wise minima, its index from the mask of distances equal to it.
  (func $nearestTwo (param $xp i32) (param $d i32) (param $ct i32) (param $np i32)
    (local $p i32) (local $c i32) (local $xt i32) (local $end i32) (local $j i32) (local $bits i32) (local $take i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $xv v128) (local $cv v128) (local $e v128) (local $lo v128) (local $mm v128) (local $hi v128) (local $sv v128) (local $g f64) (local $gs f64)
    (local $bestA i32) (local $bdA f64) (local $sdA f64)
    (local.set $bdA (f64.const inf))
    (local.set $sdA (f64.const inf))
    (local.set $end (i32.add (local.get $xp) (i32.shl (local.get $d) (i32.const 3))))
    (local.set $c (local.get $ct))
    ;; four pairs (eight centroids) per pass over the coordinates, interleaved by coordinate
    (block $done4
      (loop $pairs4
        (br_if $done4 (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $np)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $xt (local.get $xp))
        (loop $coords
          (local.set $xv (v128.load64_splat (local.get $xt)))
          (local.set $cv (v128.load offset=0 (local.get $c)))
          (local.set $e (f64x2.sub (local.get $xv) (local.get $cv)))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $cv (v128.load offset=16 (local.get $c)))
          (local.set $e (f64x2.sub (local.get $xv) (local.get $cv)))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $cv (v128.load offset=32 (local.get $c)))
          (local.set $e (f64x2.sub (local.get $xv) (local.get $cv)))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $cv (v128.load offset=48 (local.get $c)))
          (local.set $e (f64x2.sub (local.get $xv) (local.get $cv)))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $c (i32.add (local.get $c) (i32.const 64)))
          (local.set $xt (i32.add (local.get $xt) (i32.const 8)))
          (br_if $coords (i32.lt_u (local.get $xt) (local.get $end))))
        ;; the group's smallest distance, its lowest centroid index among equal ones (the mask bits of
        ;; the distances equal to it, lowest first), kept when strictly smaller than the earlier groups' best
        (local.set $j (i32.shl (local.get $p) (i32.const 1)))
        (local.set $lo (f64x2.pmin (local.get $a0) (local.get $a1)))
        (local.set $hi (f64x2.pmax (local.get $a0) (local.get $a1)))
        (local.set $mm (f64x2.pmin (local.get $a2) (local.get $a3)))
        (local.set $sv (f64x2.pmin (f64x2.pmin (local.get $hi) (f64x2.pmax (local.get $a2) (local.get $a3))) (f64x2.pmax (local.get $lo) (local.get $mm))))
        (local.set $lo (f64x2.pmin (local.get $lo) (local.get $mm)))
        (local.set $mm (f64x2.pmin (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))
        (local.set $g (f64x2.extract_lane 0 (local.get $mm)))
        (local.set $gs (f64x2.extract_lane 0 (f64x2.pmin (f64x2.pmin (local.get $sv) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sv) (local.get $sv))) (f64x2.pmax (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))))
        (local.set $bits (i32.or (i32.or (i32.or (i64x2.bitmask (f64x2.eq (local.get $a0) (local.get $mm))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $a1) (local.get $mm))) (i32.const 2))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $a2) (local.get $mm))) (i32.const 4))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $a3) (local.get $mm))) (i32.const 6))))
        (local.set $take (f64.lt (local.get $g) (local.get $bdA)))
        (local.set $sdA (f64.min (local.get $sdA) (select (f64.min (local.get $bdA) (local.get $gs)) (f64.min (local.get $g) (local.get $gs)) (local.get $take))))
        (local.set $bestA (select (i32.add (local.get $j) (i32.ctz (local.get $bits))) (local.get $bestA) (local.get $take)))
        (local.set $bdA (select (local.get $g) (local.get $bdA) (local.get $take)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $pairs4)))
    ;; the remaining pairs, one at a time
    (block $done1
      (loop $pairs1
        (br_if $done1 (i32.ge_u (local.get $p) (local.get $np)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $xt (local.get $xp))
        (loop $coords1
          (local.set $cv (v128.load (local.get $c)))
          (local.set $e (f64x2.sub (v128.load64_splat (local.get $xt)) (local.get $cv)))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (local.set $xt (i32.add (local.get $xt) (i32.const 8)))
          (br_if $coords1 (i32.lt_u (local.get $xt) (local.get $end))))
        (local.set $j (i32.shl (local.get $p) (i32.const 1)))
        (local.set $lo (local.get $a0))
        (local.set $sv (v128.const f64x2 inf inf))
        (local.set $mm (f64x2.pmin (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))
        (local.set $g (f64x2.extract_lane 0 (local.get $mm)))
        (local.set $gs (f64x2.extract_lane 0 (f64x2.pmin (f64x2.pmin (local.get $sv) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sv) (local.get $sv))) (f64x2.pmax (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))))
        (local.set $bits (i64x2.bitmask (f64x2.eq (local.get $a0) (local.get $mm))))
        (local.set $take (f64.lt (local.get $g) (local.get $bdA)))
        (local.set $sdA (f64.min (local.get $sdA) (select (f64.min (local.get $bdA) (local.get $gs)) (f64.min (local.get $g) (local.get $gs)) (local.get $take))))
        (local.set $bestA (select (i32.add (local.get $j) (i32.ctz (local.get $bits))) (local.get $bestA) (local.get $take)))
        (local.set $bdA (select (local.get $g) (local.get $bdA) (local.get $take)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $pairs1)))
    (global.set $best (local.get $bestA))
    (global.set $bestDistance (local.get $bdA))
    (global.set $secondDistance (local.get $sdA)))

  ;; $nearestTwo for two points at once (bytes $xp and $yp), each centroid vector loaded once for both:
  ;; the first point's results to the same globals as $nearestTwo, the second's to $best2,
  ;; $bestDistance2 and $secondDistance2. Each distance is summed exactly as $nearestTwo sums it.
  (func $nearestTwoPair (param $xp i32) (param $yp i32) (param $d i32) (param $ct i32) (param $np i32)
    (local $p i32) (local $c i32) (local $xt i32) (local $end i32) (local $j i32) (local $bits i32) (local $take i32) (local $offset i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $xv v128) (local $yv v128) (local $cv v128) (local $e v128) (local $lo v128) (local $mm v128) (local $hi v128) (local $sv v128) (local $g f64) (local $gs f64)
    (local $bestA i32) (local $bdA f64) (local $sdA f64) (local $bestB i32) (local $bdB f64) (local $sdB f64)
    (local.set $bdA (f64.const inf))
    (local.set $sdA (f64.const inf))
    (local.set $bdB (f64.const inf))
    (local.set $sdB (f64.const inf))
    (local.set $end (i32.add (local.get $xp) (i32.shl (local.get $d) (i32.const 3))))
    (local.set $offset (i32.sub (local.get $yp) (local.get $xp)))
    (local.set $c (local.get $ct))
    ;; four pairs (eight centroids) per pass over the coordinates, interleaved by coordinate
    (block $done4
      (loop $pairs4
        (br_if $done4 (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $np)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $b0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $b1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $b2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $b3 (v128.const f64x2 0 0))
        (local.set $xt (local.get $xp))
        (loop $coords
          (local.set $xv (v128.load64_splat (local.get $xt)))
          (local.set $yv (v128.load64_splat (i32.add (local.get $xt) (local.get $offset))))
          (local.set $cv (v128.load offset=0 (local.get $c)))
          (local.set $e (f64x2.sub (local.get $xv) (local.get $cv)))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $yv) (local.get $cv)))
          (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $cv (v128.load offset=16 (local.get $c)))
          (local.set $e (f64x2.sub (local.get $xv) (local.get $cv)))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $yv) (local.get $cv)))
          (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $cv (v128.load offset=32 (local.get $c)))
          (local.set $e (f64x2.sub (local.get $xv) (local.get $cv)))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $yv) (local.get $cv)))
          (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $cv (v128.load offset=48 (local.get $c)))
          (local.set $e (f64x2.sub (local.get $xv) (local.get $cv)))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $yv) (local.get $cv)))
          (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $c (i32.add (local.get $c) (i32.const 64)))
          (local.set $xt (i32.add (local.get $xt) (i32.const 8)))
          (br_if $coords (i32.lt_u (local.get $xt) (local.get $end))))
        ;; the group's smallest distance, its lowest centroid index among equal ones (the mask bits of
        ;; the distances equal to it, lowest first), kept when strictly smaller than the earlier groups' best
        (local.set $j (i32.shl (local.get $p) (i32.const 1)))
        (local.set $lo (f64x2.pmin (local.get $a0) (local.get $a1)))
        (local.set $hi (f64x2.pmax (local.get $a0) (local.get $a1)))
        (local.set $mm (f64x2.pmin (local.get $a2) (local.get $a3)))
        (local.set $sv (f64x2.pmin (f64x2.pmin (local.get $hi) (f64x2.pmax (local.get $a2) (local.get $a3))) (f64x2.pmax (local.get $lo) (local.get $mm))))
        (local.set $lo (f64x2.pmin (local.get $lo) (local.get $mm)))
        (local.set $mm (f64x2.pmin (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))
        (local.set $g (f64x2.extract_lane 0 (local.get $mm)))
        (local.set $gs (f64x2.extract_lane 0 (f64x2.pmin (f64x2.pmin (local.get $sv) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sv) (local.get $sv))) (f64x2.pmax (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))))
        (local.set $bits (i32.or (i32.or (i32.or (i64x2.bitmask (f64x2.eq (local.get $a0) (local.get $mm))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $a1) (local.get $mm))) (i32.const 2))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $a2) (local.get $mm))) (i32.const 4))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $a3) (local.get $mm))) (i32.const 6))))
        (local.set $take (f64.lt (local.get $g) (local.get $bdA)))
        (local.set $sdA (f64.min (local.get $sdA) (select (f64.min (local.get $bdA) (local.get $gs)) (f64.min (local.get $g) (local.get $gs)) (local.get $take))))
        (local.set $bestA (select (i32.add (local.get $j) (i32.ctz (local.get $bits))) (local.get $bestA) (local.get $take)))
        (local.set $bdA (select (local.get $g) (local.get $bdA) (local.get $take)))
        (local.set $lo (f64x2.pmin (local.get $b0) (local.get $b1)))
        (local.set $hi (f64x2.pmax (local.get $b0) (local.get $b1)))
        (local.set $mm (f64x2.pmin (local.get $b2) (local.get $b3)))
        (local.set $sv (f64x2.pmin (f64x2.pmin (local.get $hi) (f64x2.pmax (local.get $b2) (local.get $b3))) (f64x2.pmax (local.get $lo) (local.get $mm))))
        (local.set $lo (f64x2.pmin (local.get $lo) (local.get $mm)))
        (local.set $mm (f64x2.pmin (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))
        (local.set $g (f64x2.extract_lane 0 (local.get $mm)))
        (local.set $gs (f64x2.extract_lane 0 (f64x2.pmin (f64x2.pmin (local.get $sv) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sv) (local.get $sv))) (f64x2.pmax (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))))
        (local.set $bits (i32.or (i32.or (i32.or (i64x2.bitmask (f64x2.eq (local.get $b0) (local.get $mm))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $b1) (local.get $mm))) (i32.const 2))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $b2) (local.get $mm))) (i32.const 4))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $b3) (local.get $mm))) (i32.const 6))))
        (local.set $take (f64.lt (local.get $g) (local.get $bdB)))
        (local.set $sdB (f64.min (local.get $sdB) (select (f64.min (local.get $bdB) (local.get $gs)) (f64.min (local.get $g) (local.get $gs)) (local.get $take))))
        (local.set $bestB (select (i32.add (local.get $j) (i32.ctz (local.get $bits))) (local.get $bestB) (local.get $take)))
        (local.set $bdB (select (local.get $g) (local.get $bdB) (local.get $take)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $pairs4)))
    ;; the remaining pairs, one at a time
    (block $done1
      (loop $pairs1
        (br_if $done1 (i32.ge_u (local.get $p) (local.get $np)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $b0 (v128.const f64x2 0 0))
        (local.set $xt (local.get $xp))
        (loop $coords1
          (local.set $cv (v128.load (local.get $c)))
          (local.set $e (f64x2.sub (v128.load64_splat (local.get $xt)) (local.get $cv)))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (v128.load64_splat (i32.add (local.get $xt) (local.get $offset))) (local.get $cv)))
          (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (local.set $xt (i32.add (local.get $xt) (i32.const 8)))
          (br_if $coords1 (i32.lt_u (local.get $xt) (local.get $end))))
        (local.set $j (i32.shl (local.get $p) (i32.const 1)))
        (local.set $lo (local.get $a0))
        (local.set $sv (v128.const f64x2 inf inf))
        (local.set $mm (f64x2.pmin (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))
        (local.set $g (f64x2.extract_lane 0 (local.get $mm)))
        (local.set $gs (f64x2.extract_lane 0 (f64x2.pmin (f64x2.pmin (local.get $sv) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sv) (local.get $sv))) (f64x2.pmax (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))))
        (local.set $bits (i64x2.bitmask (f64x2.eq (local.get $a0) (local.get $mm))))
        (local.set $take (f64.lt (local.get $g) (local.get $bdA)))
        (local.set $sdA (f64.min (local.get $sdA) (select (f64.min (local.get $bdA) (local.get $gs)) (f64.min (local.get $g) (local.get $gs)) (local.get $take))))
        (local.set $bestA (select (i32.add (local.get $j) (i32.ctz (local.get $bits))) (local.get $bestA) (local.get $take)))
        (local.set $bdA (select (local.get $g) (local.get $bdA) (local.get $take)))
        (local.set $lo (local.get $b0))
        (local.set $sv (v128.const f64x2 inf inf))
        (local.set $mm (f64x2.pmin (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))
        (local.set $g (f64x2.extract_lane 0 (local.get $mm)))
        (local.set $gs (f64x2.extract_lane 0 (f64x2.pmin (f64x2.pmin (local.get $sv) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sv) (local.get $sv))) (f64x2.pmax (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))))
        (local.set $bits (i64x2.bitmask (f64x2.eq (local.get $b0) (local.get $mm))))
        (local.set $take (f64.lt (local.get $g) (local.get $bdB)))
        (local.set $sdB (f64.min (local.get $sdB) (select (f64.min (local.get $bdB) (local.get $gs)) (f64.min (local.get $g) (local.get $gs)) (local.get $take))))
        (local.set $bestB (select (i32.add (local.get $j) (i32.ctz (local.get $bits))) (local.get $bestB) (local.get $take)))
        (local.set $bdB (select (local.get $g) (local.get $bdB) (local.get $take)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $pairs1)))
    (global.set $best (local.get $bestA))
    (global.set $bestDistance (local.get $bdA))
    (global.set $secondDistance (local.get $sdA))
    (global.set $best2 (local.get $bestB))
    (global.set $bestDistance2 (local.get $bdB))
    (global.set $secondDistance2 (local.get $sdB)))

  ;; $nearestTwoPair without the second-smallest distances (Lloyd's passes need no bounds): the nearest
  ;; centroid and its squared distance of each point, to $best and $bestDistance, $best2 and
  ;; $bestDistance2, summed and compared exactly as $nearestTwoPair does.
  (func $nearestPair (param $xp i32) (param $yp i32) (param $d i32) (param $ct i32) (param $np i32)
    (local $p i32) (local $c i32) (local $xt i32) (local $end i32) (local $j i32) (local $bits i32) (local $take i32) (local $offset i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $xv v128) (local $yv v128) (local $cv v128) (local $e v128) (local $lo v128) (local $mm v128) (local $g f64)
    (local $bestA i32) (local $bdA f64) (local $bestB i32) (local $bdB f64)
    (local.set $bdA (f64.const inf))
    (local.set $bdB (f64.const inf))
    (local.set $end (i32.add (local.get $xp) (i32.shl (local.get $d) (i32.const 3))))
    (local.set $offset (i32.sub (local.get $yp) (local.get $xp)))
    (local.set $c (local.get $ct))
    ;; four pairs (eight centroids) per pass over the coordinates, interleaved by coordinate
    (block $done4
      (loop $pairs4
        (br_if $done4 (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $np)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $b0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $b1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $b2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $b3 (v128.const f64x2 0 0))
        (local.set $xt (local.get $xp))
        (loop $coords
          (local.set $xv (v128.load64_splat (local.get $xt)))
          (local.set $yv (v128.load64_splat (i32.add (local.get $xt) (local.get $offset))))
          (local.set $cv (v128.load offset=0 (local.get $c)))
          (local.set $e (f64x2.sub (local.get $xv) (local.get $cv)))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $yv) (local.get $cv)))
          (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $cv (v128.load offset=16 (local.get $c)))
          (local.set $e (f64x2.sub (local.get $xv) (local.get $cv)))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $yv) (local.get $cv)))
          (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $cv (v128.load offset=32 (local.get $c)))
          (local.set $e (f64x2.sub (local.get $xv) (local.get $cv)))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $yv) (local.get $cv)))
          (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $cv (v128.load offset=48 (local.get $c)))
          (local.set $e (f64x2.sub (local.get $xv) (local.get $cv)))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (local.get $yv) (local.get $cv)))
          (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $c (i32.add (local.get $c) (i32.const 64)))
          (local.set $xt (i32.add (local.get $xt) (i32.const 8)))
          (br_if $coords (i32.lt_u (local.get $xt) (local.get $end))))
        ;; the group's smallest distance, its lowest centroid index among equal ones (the mask bits of
        ;; the distances equal to it, lowest first), kept when strictly smaller than the earlier groups' best
        (local.set $j (i32.shl (local.get $p) (i32.const 1)))
        (local.set $lo (f64x2.pmin (f64x2.pmin (local.get $a0) (local.get $a1)) (f64x2.pmin (local.get $a2) (local.get $a3))))
        (local.set $mm (f64x2.pmin (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))
        (local.set $g (f64x2.extract_lane 0 (local.get $mm)))
        (local.set $bits (i32.or (i32.or (i32.or (i64x2.bitmask (f64x2.eq (local.get $a0) (local.get $mm))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $a1) (local.get $mm))) (i32.const 2))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $a2) (local.get $mm))) (i32.const 4))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $a3) (local.get $mm))) (i32.const 6))))
        (local.set $take (f64.lt (local.get $g) (local.get $bdA)))
        (local.set $bestA (select (i32.add (local.get $j) (i32.ctz (local.get $bits))) (local.get $bestA) (local.get $take)))
        (local.set $bdA (select (local.get $g) (local.get $bdA) (local.get $take)))
        (local.set $lo (f64x2.pmin (f64x2.pmin (local.get $b0) (local.get $b1)) (f64x2.pmin (local.get $b2) (local.get $b3))))
        (local.set $mm (f64x2.pmin (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))
        (local.set $g (f64x2.extract_lane 0 (local.get $mm)))
        (local.set $bits (i32.or (i32.or (i32.or (i64x2.bitmask (f64x2.eq (local.get $b0) (local.get $mm))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $b1) (local.get $mm))) (i32.const 2))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $b2) (local.get $mm))) (i32.const 4))) (i32.shl (i64x2.bitmask (f64x2.eq (local.get $b3) (local.get $mm))) (i32.const 6))))
        (local.set $take (f64.lt (local.get $g) (local.get $bdB)))
        (local.set $bestB (select (i32.add (local.get $j) (i32.ctz (local.get $bits))) (local.get $bestB) (local.get $take)))
        (local.set $bdB (select (local.get $g) (local.get $bdB) (local.get $take)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $pairs4)))
    ;; the remaining pairs, one at a time
    (block $done1
      (loop $pairs1
        (br_if $done1 (i32.ge_u (local.get $p) (local.get $np)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $b0 (v128.const f64x2 0 0))
        (local.set $xt (local.get $xp))
        (loop $coords1
          (local.set $cv (v128.load (local.get $c)))
          (local.set $e (f64x2.sub (v128.load64_splat (local.get $xt)) (local.get $cv)))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $e (f64x2.sub (v128.load64_splat (i32.add (local.get $xt) (local.get $offset))) (local.get $cv)))
          (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $e) (local.get $e))))
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (local.set $xt (i32.add (local.get $xt) (i32.const 8)))
          (br_if $coords1 (i32.lt_u (local.get $xt) (local.get $end))))
        (local.set $j (i32.shl (local.get $p) (i32.const 1)))
        (local.set $lo (local.get $a0))
        (local.set $mm (f64x2.pmin (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))
        (local.set $g (f64x2.extract_lane 0 (local.get $mm)))
        (local.set $bits (i64x2.bitmask (f64x2.eq (local.get $a0) (local.get $mm))))
        (local.set $take (f64.lt (local.get $g) (local.get $bdA)))
        (local.set $bestA (select (i32.add (local.get $j) (i32.ctz (local.get $bits))) (local.get $bestA) (local.get $take)))
        (local.set $bdA (select (local.get $g) (local.get $bdA) (local.get $take)))
        (local.set $lo (local.get $b0))
        (local.set $mm (f64x2.pmin (local.get $lo) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))
        (local.set $g (f64x2.extract_lane 0 (local.get $mm)))
        (local.set $bits (i64x2.bitmask (f64x2.eq (local.get $b0) (local.get $mm))))
        (local.set $take (f64.lt (local.get $g) (local.get $bdB)))
        (local.set $bestB (select (i32.add (local.get $j) (i32.ctz (local.get $bits))) (local.get $bestB) (local.get $take)))
        (local.set $bdB (select (local.get $g) (local.get $bdB) (local.get $take)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $pairs1)))
    (global.set $best (local.get $bestA))
    (global.set $bestDistance (local.get $bdA))
    (global.set $best2 (local.get $bestB))
    (global.set $bestDistance2 (local.get $bdB)))

  ;; Lloyd's assignment of a block of $n points: labels (i32), the weighted inertia added to the f64 at
  ;; $out, the weighted sums and total weights of the new labels added to $sums and $totals, and the square
  ;; root of each point's second-smallest distance to $lower when $lower != 0 (Hamerly's bound). Returns
  ;; how many labels differ from $prev (all when $prev = 0). Blocks run in point order, so every sum is
  ;; accumulated in point order.
  (func $assign (param $x i32) (param $n i32) (param $d i32) (param $ct i32) (param $np i32) (param $k i32)
    (param $w i32) (param $labels i32) (param $prev i32) (param $lower i32) (param $sums i32) (param $totals i32) (param $out i32)
    (result i32)
    (local $i i32) (local $xp i32) (local $rowBytes i32) (local $inertia f64) (local $changes i32) (local $wi f64) (local $best i32)
    (local $found i32) (local $second i32) (local $sp i32) (local $wv v128) (local $xt i32) (local $end i32) (local $end4 i32)
    (local.set $inertia (f64.load (local.get $out)))
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 3)))
    (local.set $xp (local.get $x))
    (block $done
      (loop $points
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        ;; two points per search while two are left, then the last one alone
        (local.set $found (select (i32.const 2) (i32.const 1) (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n))))
        (if (i32.eq (local.get $found) (i32.const 1))
          (then (call $nearestTwo (local.get $xp) (local.get $d) (local.get $ct) (local.get $np)))
          (else (if (local.get $lower)
            (then (call $nearestTwoPair (local.get $xp) (i32.add (local.get $xp) (local.get $rowBytes)) (local.get $d) (local.get $ct) (local.get $np)))
            (else (call $nearestPair (local.get $xp) (i32.add (local.get $xp) (local.get $rowBytes)) (local.get $d) (local.get $ct) (local.get $np))))))
        ;; the bookkeeping of the point(s) found, in point order
        (local.set $second (i32.const 0))
        (loop $bookkeeping
          (local.set $best (select (global.get $best2) (global.get $best) (local.get $second)))
          (if (local.get $lower)
            (then (f64.store (i32.add (local.get $lower) (i32.shl (local.get $i) (i32.const 3)))
              (f64.sqrt (select (global.get $secondDistance2) (global.get $secondDistance) (local.get $second))))))
          (local.set $wi (if (result f64) (local.get $w) (then (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))) (else (f64.const 1))))
          (local.set $inertia (f64.add (local.get $inertia)
            (f64.mul (local.get $wi) (select (global.get $bestDistance2) (global.get $bestDistance) (local.get $second)))))
          (if (local.get $prev)
            (then (if (i32.ne (i32.load (i32.add (local.get $prev) (i32.shl (local.get $i) (i32.const 2)))) (local.get $best))
              (then (local.set $changes (i32.add (local.get $changes) (i32.const 1))))))
            (else (local.set $changes (i32.add (local.get $changes) (i32.const 1)))))
          (i32.store (i32.add (local.get $labels) (i32.shl (local.get $i) (i32.const 2))) (local.get $best))
          ;; sums[best] += w x_i and totals[best] += w (skipped when w = 0), lane = coordinate, four coordinates
          ;; per round, then a pair and a single one as d requires; inline (a call per point costs about as much)
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
          (local.set $second (i32.add (local.get $second) (i32.const 1)))
          (br_if $bookkeeping (i32.lt_u (local.get $second) (local.get $found))))
        (br $points)))
    (f64.store (local.get $out) (local.get $inertia))
    (local.get $changes))

  ;; Hamerly's step after the centroid update, on a block of $n points (see hamerly-kmeans.ts, which this
  ;; mirrors operation for operation): $c row-major centroids, $halfGap per centroid, the largest and
  ;; second-largest moves, $grow = 1 + margin, $shrink = 1 - margin. Writes labels and lower bounds, adds
  ;; to the sums and totals, to the inertia (f64 at $out) and to the distances computed (f64 at $out + 8).
  ;; Returns the label changes.
  (func $hamerly (param $x i32) (param $n i32) (param $d i32) (param $ct i32) (param $np i32) (param $k i32)
    (param $c i32) (param $w i32) (param $prev i32) (param $prevLower i32) (param $halfGap i32)
    (param $largest f64) (param $largestIndex i32) (param $secondLargest f64) (param $grow f64) (param $shrink f64)
    (param $labels i32) (param $lower i32) (param $sums i32) (param $totals i32) (param $out i32)
    (result i32)
    (local $i i32) (local $xp i32) (local $rowBytes i32) (local $inertia f64) (local $changes i32) (local $wi f64)
    (local $label i32) (local $bound f64) (local $own f64) (local $diff f64) (local $cp i32) (local $xt i32) (local $end i32)
    (local $best i32) (local $distances f64) (local $lowerBound f64) (local $pair v128) (local $e v128)
    (local $sp i32) (local $wv v128) (local $end4 i32)
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
        ;; the distance to the own centroid in pairs of coordinates (lane 0 the even ones, lane 1 the odd
        ;; ones, then their sum and the last coordinate of an odd d: ownDistance in kernels.ts)
        (local.set $pair (v128.const f64x2 0 0))
        (local.set $cp (i32.add (local.get $c) (i32.mul (local.get $label) (local.get $rowBytes))))
        (local.set $xt (local.get $xp))
        (local.set $end (i32.add (local.get $xp) (i32.shl (i32.shr_u (local.get $d) (i32.const 1)) (i32.const 4))))
        (block $pairsDone
          (loop $coordPairs
            (br_if $pairsDone (i32.ge_u (local.get $xt) (local.get $end)))
            (local.set $e (f64x2.sub (v128.load (local.get $xt)) (v128.load (local.get $cp))))
            (local.set $pair (f64x2.add (local.get $pair) (f64x2.mul (local.get $e) (local.get $e))))
            (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
            (local.set $xt (i32.add (local.get $xt) (i32.const 16)))
            (br $coordPairs)))
        (local.set $own (f64.add (f64x2.extract_lane 0 (local.get $pair)) (f64x2.extract_lane 1 (local.get $pair))))
        (if (i32.and (local.get $d) (i32.const 1))
          (then
            (local.set $diff (f64.sub (f64.load (local.get $xt)) (f64.load (local.get $cp))))
            (local.set $own (f64.add (local.get $own) (f64.mul (local.get $diff) (local.get $diff))))))
        (local.set $distances (f64.add (local.get $distances) (f64.const 1)))
        (local.set $bound (f64.max (f64.load (i32.add (local.get $halfGap) (i32.shl (local.get $label) (i32.const 3)))) (local.get $lowerBound)))
        (local.set $wi (if (result f64) (local.get $w) (then (f64.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 3))))) (else (f64.const 1))))
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
        ;; sums[best] += w x_i and totals[best] += w (skipped when w = 0), lane = coordinate, four coordinates
        ;; per round, then a pair and a single one as d requires; inline (a call per point costs about as much)
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
        (br $points)))
    (f64.store (local.get $out) (local.get $inertia))
    (f64.store (i32.add (local.get $out) (i32.const 8)) (local.get $distances))
    (local.get $changes))

  ;; ---- chunk entry points ----

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
)
