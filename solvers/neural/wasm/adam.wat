;; Adam's update of one float32 tensor in one pass, with 128-bit SIMD (f32x4), for the wasm backend of
;; TensorFlow.js: it runs on tfjs's own heap (the memory is imported), reading the variable, gradient and
;; moments where tfjs keeps them and writing new tensors that tfjs allocated.
;; Source of adam-wasm-bytes.ts: after editing, run `npx tsx test/wasm/build-adam-wasm.ts`.
;;
;; Per element, in float32 as the element-wise kernels compute it, in the same order of operations:
;;   m' = m b1 + g (1 - b1);  v' = v b2 + (g g) (1 - b2);  p' = p keep - (m' s) / (sqrt(v') + e)
;; with s the step size and e epsilon, both bias-corrected by the caller, and keep = 1 - lr weightDecay
;; (1 for plain Adam, where the multiplication by 1 is exact).
(module
  (import "env" "memory" (memory 0))
  (func (export "adam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32)
    (param $outP i32) (param $outM i32) (param $outV i32) (param $n i32)
    (param $b1 f32) (param $c1 f32) (param $b2 f32) (param $c2 f32)
    (param $s f32) (param $e f32) (param $keep f32)
    (local $i i32) (local $end4 i32)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $b1v v128) (local $c1v v128) (local $b2v v128) (local $c2v v128)
    (local $sv v128) (local $ev v128) (local $kv v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $b1v (f32x4.splat (local.get $b1)))
    (local.set $c1v (f32x4.splat (local.get $c1)))
    (local.set $b2v (f32x4.splat (local.get $b2)))
    (local.set $c2v (f32x4.splat (local.get $c2)))
    (local.set $sv (f32x4.splat (local.get $s)))
    (local.set $ev (f32x4.splat (local.get $e)))
    (local.set $kv (f32x4.splat (local.get $keep)))
    ;; byte offsets; four elements (16 bytes) per pass, then the rest one by one
    (local.set $end4 (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done4
      (loop $next4
        (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $i))))
        (local.set $mv (f32x4.add
          (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $i))) (local.get $b1v))
          (f32x4.mul (local.get $gv) (local.get $c1v))))
        (local.set $vv (f32x4.add
          (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $i))) (local.get $b2v))
          (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $c2v))))
        (v128.store (i32.add (local.get $outM) (local.get $i)) (local.get $mv))
        (v128.store (i32.add (local.get $outV) (local.get $i)) (local.get $vv))
        (v128.store (i32.add (local.get $outP) (local.get $i))
          (f32x4.sub
            (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $i))) (local.get $kv))
            (f32x4.div
              (f32x4.mul (local.get $mv) (local.get $sv))
              (f32x4.add (f32x4.sqrt (local.get $vv)) (local.get $ev)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next4)))
    (local.set $end4 (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end4)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $i))))
        (local.set $ms (f32.add
          (f32.mul (f32.load (i32.add (local.get $m) (local.get $i))) (local.get $b1))
          (f32.mul (local.get $gs) (local.get $c1))))
        (local.set $vs (f32.add
          (f32.mul (f32.load (i32.add (local.get $v) (local.get $i))) (local.get $b2))
          (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $c2))))
        (f32.store (i32.add (local.get $outM) (local.get $i)) (local.get $ms))
        (f32.store (i32.add (local.get $outV) (local.get $i)) (local.get $vs))
        (f32.store (i32.add (local.get $outP) (local.get $i))
          (f32.sub
            (f32.mul (f32.load (i32.add (local.get $p) (local.get $i))) (local.get $keep))
            (f32.div
              (f32.mul (local.get $ms) (local.get $s))
              (f32.add (f32.sqrt (local.get $vs)) (local.get $e)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next))))
)
