;; Conjugate gradients on a general CSR matrix in WebAssembly (f64 values, i32 indices), with the iterate,
;; the residual, the direction and the product resident in the module's memory between iterations (see
;; cg-kernel.ts). Source of cg-wasm-bytes.ts: after editing, run `npm run build:wasm`.
;;
;; Exactness: the product sums each row in entry order from 0, and every update is a separate multiply and
;; add (WebAssembly has no fused multiply-add; two lanes at a time compute each lane as one would alone), with
;; the sums of squares and of x^T A x taken in row order: the numbers of the JavaScript CG in
;; conjugate-gradient.ts and krylov/vectors.ts, bit for bit.
;;
;; Layout (byte offsets chosen by the caller): row pointers (n + 1 i32, entry indices), columns as byte
;; offsets into a vector (8 x column, i32: a gather needs no shift), values (f64), and the vectors x, r, p
;; and A p (f64, 16-byte aligned). One thread.
(module
  (memory (export "memory") 1)

  ;; out = A x and returns x^T A x, in one pass (multiplyDotInto in krylov/vectors.ts).
  (func (export "multiplyDot") (param $n i32) (param $rp i32) (param $cols i32) (param $vals i32) (param $x i32)
    (param $out i32) (result f64)
    (local $i i32) (local $vp i32) (local $cp i32) (local $ve i32) (local $s f64) (local $curvature f64)
    (local $at8 i32)
    (local.set $vp (i32.add (local.get $vals) (i32.shl (i32.load (local.get $rp)) (i32.const 3))))
    (local.set $cp (i32.add (local.get $cols) (i32.shl (i32.load (local.get $rp)) (i32.const 2))))
    (block $doneRows
      (loop $rows
        (br_if $doneRows (i32.ge_u (local.get $i) (local.get $n)))
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
    (local.get $curvature))

  ;; x += alpha p and r -= alpha (A p) in one pass; returns r^T r of the new residual (summed in row order).
  (func (export "update") (param $n i32) (param $x i32) (param $r i32) (param $p i32) (param $ap i32)
    (param $alpha f64) (result f64)
    (local $at i32) (local $end i32) (local $pairsEnd i32) (local $a v128) (local $rv v128) (local $sq v128)
    (local $ri f64) (local $sum f64)
    (local.set $a (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (local.set $pairsEnd (i32.and (local.get $end) (i32.const -16)))
    (block $donePairs
      (loop $pairs
        (br_if $donePairs (i32.ge_u (local.get $at) (local.get $pairsEnd)))
        (v128.store (i32.add (local.get $x) (local.get $at))
          (f64x2.add (v128.load (i32.add (local.get $x) (local.get $at)))
            (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $p) (local.get $at))))))
        (local.set $rv (f64x2.sub (v128.load (i32.add (local.get $r) (local.get $at)))
          (f64x2.mul (local.get $a) (v128.load (i32.add (local.get $ap) (local.get $at))))))
        (v128.store (i32.add (local.get $r) (local.get $at)) (local.get $rv))
        (local.set $sq (f64x2.mul (local.get $rv) (local.get $rv)))
        (local.set $sum (f64.add (f64.add (local.get $sum) (f64x2.extract_lane 0 (local.get $sq)))
          (f64x2.extract_lane 1 (local.get $sq))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $at) (local.get $end))
      (then
        (f64.store (i32.add (local.get $x) (local.get $at))
          (f64.add (f64.load (i32.add (local.get $x) (local.get $at)))
            (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $p) (local.get $at))))))
        (local.set $ri (f64.sub (f64.load (i32.add (local.get $r) (local.get $at)))
          (f64.mul (local.get $alpha) (f64.load (i32.add (local.get $ap) (local.get $at))))))
        (f64.store (i32.add (local.get $r) (local.get $at)) (local.get $ri))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $ri) (local.get $ri))))))
    (local.get $sum))

  ;; p = r + beta p.
  (func (export "direction") (param $n i32) (param $r i32) (param $p i32) (param $beta f64)
    (local $at i32) (local $end i32) (local $pairsEnd i32) (local $bv v128)
    (local.set $bv (f64x2.splat (local.get $beta)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (local.set $pairsEnd (i32.and (local.get $end) (i32.const -16)))
    (block $donePairs
      (loop $pairs
        (br_if $donePairs (i32.ge_u (local.get $at) (local.get $pairsEnd)))
        (v128.store (i32.add (local.get $p) (local.get $at))
          (f64x2.add (v128.load (i32.add (local.get $r) (local.get $at)))
            (f64x2.mul (local.get $bv) (v128.load (i32.add (local.get $p) (local.get $at))))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $at) (local.get $end))
      (then
        (f64.store (i32.add (local.get $p) (local.get $at))
          (f64.add (f64.load (i32.add (local.get $r) (local.get $at)))
            (f64.mul (local.get $beta) (f64.load (i32.add (local.get $p) (local.get $at)))))))))
)
