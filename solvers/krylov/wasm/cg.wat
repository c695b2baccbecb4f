;; Conjugate gradients on a general CSR matrix in WebAssembly (f64 values, i32 indices), with the iterate,
;; the residual, the direction and the product resident in the module's memory between iterations (see
;; cg-kernel.ts). Source of cg-wasm-bytes.ts: after editing, run `npm run build:wasm`.
;;
;; Threads: the memory is shared (imported), and each pass runs on rows [chunk x per, (chunk + 1) x per) (the
;; last chunk ends at n), chunks in any order on any thread: a chunk writes only its own rows and its own
;; partial sum (at $partials + 8 x chunk), which the caller adds in chunk order. So the sums, and every
;; iterate, are the same bits whatever the number of threads.
;;
;; Exactness: the product sums each row in entry order from 0, and every update is a separate multiply and
;; add (WebAssembly has no fused multiply-add; two lanes at a time compute each lane as one would alone), with
;; x^T A x summed in row order within a chunk and r^T r in two lanes (residualChunk): the numbers of the
;; JavaScript CG in conjugate-gradient.ts and krylov/vectors.ts (which sum alike), bit for bit.
;;
;; Layout (byte offsets chosen by the caller): row pointers (n + 1 i32, entry indices), columns as byte
;; offsets into a vector (8 x column, i32: a gather needs no shift), values (f64), the vectors x, r, p and
;; A p (f64, 16-byte aligned), the chunks' partial sums (f64). `per` is even, so a chunk's rows start on a
;; 16-byte boundary.
(module
  (import "env" "memory" (memory 1 32768 shared))

  ;; out = A x on the chunk's rows; stores the chunk's x^T A x (multiplyDotInto in krylov/vectors.ts).
  (func $productChunk (param $chunk i32) (param $per i32) (param $n i32) (param $rp i32) (param $cols i32)
    (param $vals i32) (param $x i32) (param $out i32) (param $partials i32)
    (local $i i32) (local $end i32) (local $vp i32) (local $cp i32) (local $ve i32) (local $s f64)
    (local $curvature f64) (local $at8 i32)
    (local.set $i (i32.mul (local.get $chunk) (local.get $per)))
    (local.set $end (i32.add (local.get $i) (local.get $per)))
    (if (i32.gt_u (local.get $end) (local.get $n)) (then (local.set $end (local.get $n))))
    (local.set $vp (i32.add (local.get $vals)
      (i32.shl (i32.load (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3))))
    (local.set $cp (i32.add (local.get $cols)
      (i32.shl (i32.load (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 2))))
    (block $doneRows
      (loop $rows
        (br_if $doneRows (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $ve (i32.add (local.get $vals)
          (i32.shl (i32.load offset=4 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3))))
        (local.set $s (f64.const 0))
        (block $done
          (loop $entries
            (br_if $done (i32.ge_u (local.get $vp) (local.get $ve)))
            (local.set $s (f64.add (local.get $s)
              (f64.mul (f64.load (local.get $vp)) (f64.load (i32.add (local.get $x) (i32.load (local.get $cp)))))))
            (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
            (br $entries)))
        (local.set $at8 (i32.shl (local.get $i) (i32.const 3)))
        (f64.store (i32.add (local.get $out) (local.get $at8)) (local.get $s))
        (local.set $curvature (f64.add (local.get $curvature)
          (f64.mul (f64.load (i32.add (local.get $x) (local.get $at8))) (local.get $s))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (f64.store (i32.add (local.get $partials) (i32.shl (local.get $chunk) (i32.const 3))) (local.get $curvature)))

  ;; r -= alpha (A p) on the chunk's rows; stores the chunk's r^T r of the new residual, summed in two lanes
  ;; (the chunk's even rows and its odd rows, each in order; then lane 0 + lane 1, then an unpaired last row):
  ;; a chain of additions half as long as a row-order sum, which bounded this pass.
  (func $residualChunk (param $chunk i32) (param $per i32) (param $n i32) (param $r i32) (param $ap i32)
    (param $alpha f64) (param $partials i32)
    (local $at i32) (local $end i32) (local $pairsEnd i32) (local $a v128) (local $rv v128) (local $lanes v128)
    (local $ri f64) (local $sum f64)
    (local.set $a (f64x2.splat (local.get $alpha)))
    (local.set $at (i32.shl (i32.mul (local.get $chunk) (local.get $per)) (i32.const 3)))
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $per) (i32.const 3))))
    (if (i32.gt_u (local.get $end) (i32.shl (local.get $n) (i32.const 3)))
      (then (local.set $end (i32.shl (local.get $n) (i32.const 3)))))
    (local.set $pairsEnd (i32.and (local.get $end) (i32.const -16)))
    (block $donePairs
      (loop $pairs
        (br_if $donePairs (i32.ge_u (local.get $at) (local.get $pairsEnd)))
        (local.set $rv (f64x2.sub (v128.load (i32.add (local.get $r) (local.get $at)))
          (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $ap) (local.get $at))))))
        (v128.store (i32.add (local.get $r) (local.get $at)) (local.get $rv))
        (local.set $lanes (f64x2.add (local.get $lanes) (f64x2.mul (local.get $rv) (local.get $rv))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $pairs)))
    (local.set $sum (f64.add (f64x2.extract_lane 0 (local.get $lanes)) (f64x2.extract_lane 1 (local.get $lanes))))
    (if (i32.lt_u (local.get $at) (local.get $end))
      (then
        (local.set $ri (f64.sub (f64.load (i32.add (local.get $r) (local.get $at)))
          (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $ap) (local.get $at))))))
        (f64.store (i32.add (local.get $r) (local.get $at)) (local.get $ri))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $ri) (local.get $ri))))))
    (f64.store (i32.add (local.get $partials) (i32.shl (local.get $chunk) (i32.const 3))) (local.get $sum)))

  ;; x += alpha p, then p = r + beta p, on the chunk's rows (one pass: x's update waits for p's, which
  ;; needs beta, so the residual's pass streams r and A p only).
  (func $advanceChunk (param $chunk i32) (param $per i32) (param $n i32) (param $x i32) (param $r i32)
    (param $p i32) (param $alpha f64) (param $beta f64)
    (local $at i32) (local $end i32) (local $pairsEnd i32) (local $av v128) (local $bv v128) (local $pv v128)
    (local $pi f64)
    (local.set $av (f64x2.splat (local.get $alpha)))
    (local.set $bv (f64x2.splat (local.get $beta)))
    (local.set $at (i32.shl (i32.mul (local.get $chunk) (local.get $per)) (i32.const 3)))
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $per) (i32.const 3))))
    (if (i32.gt_u (local.get $end) (i32.shl (local.get $n) (i32.const 3)))
      (then (local.set $end (i32.shl (local.get $n) (i32.const 3)))))
    (local.set $pairsEnd (i32.and (local.get $end) (i32.const -16)))
    (block $donePairs
      (loop $pairs
        (br_if $donePairs (i32.ge_u (local.get $at) (local.get $pairsEnd)))
        (local.set $pv (v128.load (i32.add (local.get $p) (local.get $at))))
        (v128.store (i32.add (local.get $x) (local.get $at))
          (f64x2.add (v128.load (i32.add (local.get $x) (local.get $at))) (f64x2.mul (local.get $av) (local.get $pv))))
        (v128.store (i32.add (local.get $p) (local.get $at))
          (f64x2.add (v128.load (i32.add (local.get $r) (local.get $at))) (f64x2.mul (local.get $bv) (local.get $pv))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $at) (local.get $end))
      (then
        (local.set $pi (f64.load (i32.add (local.get $p) (local.get $at))))
        (f64.store (i32.add (local.get $x) (local.get $at))
          (f64.add (f64.load (i32.add (local.get $x) (local.get $at))) (f64.mul (local.get $alpha) (local.get $pi))))
        (f64.store (i32.add (local.get $p) (local.get $at))
          (f64.add (f64.load (i32.add (local.get $r) (local.get $at))) (f64.mul (local.get $beta) (local.get $pi)))))))

  ;; The exported passes run chunks [$first, $first + $count): a pass on several threads hands out one chunk
  ;; at a time (runChunks, $count = 1); on one thread the caller runs them all in one call (no per-chunk
  ;; hand-off), with the same partial sums.
  (func (export "products") (param $first i32) (param $count i32) (param $per i32) (param $n i32) (param $rp i32)
    (param $cols i32) (param $vals i32) (param $x i32) (param $out i32) (param $partials i32)
    (local $chunk i32) (local $end i32)
    (local.set $chunk (local.get $first))
    (local.set $end (i32.add (local.get $first) (local.get $count)))
    (block $done
      (loop $chunks
        (br_if $done (i32.ge_u (local.get $chunk) (local.get $end)))
        (call $productChunk (local.get $chunk) (local.get $per) (local.get $n) (local.get $rp) (local.get $cols)
          (local.get $vals) (local.get $x) (local.get $out) (local.get $partials))
        (local.set $chunk (i32.add (local.get $chunk) (i32.const 1)))
        (br $chunks))))

  (func (export "residuals") (param $first i32) (param $count i32) (param $per i32) (param $n i32) (param $r i32)
    (param $ap i32) (param $alpha f64) (param $partials i32)
    (local $chunk i32) (local $end i32)
    (local.set $chunk (local.get $first))
    (local.set $end (i32.add (local.get $first) (local.get $count)))
    (block $done
      (loop $chunks
        (br_if $done (i32.ge_u (local.get $chunk) (local.get $end)))
        (call $residualChunk (local.get $chunk) (local.get $per) (local.get $n) (local.get $r) (local.get $ap)
          (local.get $alpha) (local.get $partials))
        (local.set $chunk (i32.add (local.get $chunk) (i32.const 1)))
        (br $chunks))))

  (func (export "advances") (param $first i32) (param $count i32) (param $per i32) (param $n i32) (param $x i32)
    (param $r i32) (param $p i32) (param $alpha f64) (param $beta f64)
    (local $chunk i32) (local $end i32)
    (local.set $chunk (local.get $first))
    (local.set $end (i32.add (local.get $first) (local.get $count)))
    (block $done
      (loop $chunks
        (br_if $done (i32.ge_u (local.get $chunk) (local.get $end)))
        (call $advanceChunk (local.get $chunk) (local.get $per) (local.get $n) (local.get $x) (local.get $r)
          (local.get $p) (local.get $alpha) (local.get $beta))
        (local.set $chunk (i32.add (local.get $chunk) (i32.const 1)))
        (br $chunks))))
)
