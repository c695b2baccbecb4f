;; Part of gmm.wat, which includes the parts in a fixed order (the order of the functions in the module):
;; the resident passes' chunk drivers (resident-passes.ts).
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

