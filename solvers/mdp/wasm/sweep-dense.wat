;; Part of sweep.wat, which includes the parts in a fixed order (the order of the functions in the module):
;; the synchronous sweep on dense transitions (denseSweepChunk).
  ;; $dots[a] = sum_t P(t | s, a) V(t) for every action of state $s, each row summed in two lanes as
  ;; bellman-dots.ts's denseDots (lane 0 the even t in order, lane 1 the odd t, the last t of an odd $S added
  ;; to lane 0, then lane 0 + lane 1): f64x2 products and sums (no fused multiply-add, which would change the
  ;; bits from machine to machine), four rows per pass over V (each pair V(t), V(t + 1) loaded once), then
  ;; the remaining rows one by one. $P is A x S x S, row (a, s) at (a S + s) S.
  (func $denseDots (param $s i32) (param $S i32) (param $A i32) (param $P i32) (param $values i32) (param $dots i32)
    (local $a i32) (local $rowBytes i32) (local $blockBytes i32) (local $p i32) (local $v i32) (local $vPairsEnd i32)
    (local $odd i32) (local $x f64) (local $out i32)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128) (local $xx v128)
    (local.set $rowBytes (i32.shl (local.get $S) (i32.const 3)))
    (local.set $blockBytes (i32.mul (local.get $rowBytes) (local.get $S)))
    (local.set $odd (i32.and (local.get $S) (i32.const 1)))
    (local.set $vPairsEnd (i32.add (local.get $values) (i32.shl (i32.sub (local.get $S) (local.get $odd)) (i32.const 3))))
    (block $done4
      (loop $rows4
        (br_if $done4 (i32.gt_u (i32.add (local.get $a) (i32.const 4)) (local.get $A)))
        (local.set $p (i32.add (local.get $P) (i32.mul (i32.add (i32.mul (local.get $a) (local.get $S)) (local.get $s)) (local.get $rowBytes))))
        (local.set $d0 (v128.const f64x2 0 0))
        (local.set $d1 (v128.const f64x2 0 0))
        (local.set $d2 (v128.const f64x2 0 0))
        (local.set $d3 (v128.const f64x2 0 0))
        (local.set $v (local.get $values))
        (block $doneT
          (loop $entries
            (br_if $doneT (i32.ge_u (local.get $v) (local.get $vPairsEnd)))
            (local.set $xx (v128.load align=8 (local.get $v)))
            (local.set $d0 (f64x2.add (local.get $d0) (f64x2.mul (v128.load align=8 (local.get $p)) (local.get $xx))))
            (local.set $d1 (f64x2.add (local.get $d1) (f64x2.mul (v128.load align=8 (i32.add (local.get $p) (local.get $blockBytes))) (local.get $xx))))
            (local.set $d2 (f64x2.add (local.get $d2) (f64x2.mul (v128.load align=8 (i32.add (local.get $p) (i32.shl (local.get $blockBytes) (i32.const 1)))) (local.get $xx))))
            (local.set $d3 (f64x2.add (local.get $d3) (f64x2.mul (v128.load align=8 (i32.add (local.get $p) (i32.mul (local.get $blockBytes) (i32.const 3)))) (local.get $xx))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $v (i32.add (local.get $v) (i32.const 16)))
            (br $entries)))
        (local.set $out (i32.add (local.get $dots) (i32.shl (local.get $a) (i32.const 3))))
        (if (local.get $odd)
          (then
            ;; the last t to lane 0 ($p and $v point at it)
            (local.set $x (f64.load (local.get $v)))
            (local.set $d0 (f64x2.replace_lane 0 (local.get $d0) (f64.add (f64x2.extract_lane 0 (local.get $d0))
              (f64.mul (f64.load (local.get $p)) (local.get $x)))))
            (local.set $d1 (f64x2.replace_lane 0 (local.get $d1) (f64.add (f64x2.extract_lane 0 (local.get $d1))
              (f64.mul (f64.load (i32.add (local.get $p) (local.get $blockBytes))) (local.get $x)))))
            (local.set $d2 (f64x2.replace_lane 0 (local.get $d2) (f64.add (f64x2.extract_lane 0 (local.get $d2))
              (f64.mul (f64.load (i32.add (local.get $p) (i32.shl (local.get $blockBytes) (i32.const 1)))) (local.get $x)))))
            (local.set $d3 (f64x2.replace_lane 0 (local.get $d3) (f64.add (f64x2.extract_lane 0 (local.get $d3))
              (f64.mul (f64.load (i32.add (local.get $p) (i32.mul (local.get $blockBytes) (i32.const 3)))) (local.get $x)))))))
        (f64.store offset=0 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $d0)) (f64x2.extract_lane 1 (local.get $d0))))
        (f64.store offset=8 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $d1)) (f64x2.extract_lane 1 (local.get $d1))))
        (f64.store offset=16 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $d2)) (f64x2.extract_lane 1 (local.get $d2))))
        (f64.store offset=24 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $d3)) (f64x2.extract_lane 1 (local.get $d3))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (br $rows4)))
    (block $done1
      (loop $rows1
        (br_if $done1 (i32.ge_u (local.get $a) (local.get $A)))
        (f64.store (i32.add (local.get $dots) (i32.shl (local.get $a) (i32.const 3)))
          (call $denseDot (i32.add (local.get $P) (i32.mul (i32.add (i32.mul (local.get $a) (local.get $S)) (local.get $s)) (local.get $rowBytes)))
            (local.get $values) (local.get $vPairsEnd) (local.get $odd)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $rows1))))

  ;; One dense row at $p against the values at $values, in the two-lane order of $denseDots ($vPairsEnd: the
  ;; end of the pairs in the values; $odd: whether one t is left after them).
  (func $denseDot (param $p i32) (param $values i32) (param $vPairsEnd i32) (param $odd i32) (result f64)
    (local $d v128) (local $lane0 f64)
    (block $doneT
      (loop $entries
        (br_if $doneT (i32.ge_u (local.get $values) (local.get $vPairsEnd)))
        (local.set $d (f64x2.add (local.get $d) (f64x2.mul (v128.load align=8 (local.get $p)) (v128.load align=8 (local.get $values)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $values (i32.add (local.get $values) (i32.const 16)))
        (br $entries)))
    (local.set $lane0 (f64x2.extract_lane 0 (local.get $d)))
    (if (local.get $odd)
      (then (local.set $lane0 (f64.add (local.get $lane0) (f64.mul (f64.load (local.get $p)) (f64.load (local.get $values)))))))
    (f64.add (local.get $lane0) (f64x2.extract_lane 1 (local.get $d))))

  ;; The synchronous sweep on dense transitions over block $b of $size states of $S, [b size, (b + 1) size),
  ;; where $b is $chunk, or with $reversed the chunk's place counted from the last block: as sweepChunk (the
  ;; same statistics to the same slot at $out + chunk 32), the rows' sums from $denseDots with $A f64 of
  ;; scratch at $dots + chunk A 8. (Sweeps alternate the direction: the blocks one sweep reads last are still
  ;; in the cache for the next; every state's value and the statistics are the same in any order.)
  (func (export "denseSweepChunk") (param $chunk i32) (param $size i32) (param $reversed i32) (param $S i32) (param $A i32) (param $P i32)
    (param $rewards i32) (param $allowed i32) (param $terminal i32) (param $discount f64) (param $current i32) (param $next i32)
    (param $previous i32) (param $policy i32) (param $dots i32) (param $out i32)
    (local $s i32) (local $last i32) (local $a i32) (local $sa i32) (local $take i32) (local $changes i32) (local $slot i32)
    (local $best f64) (local $bestAction i32) (local $q f64) (local $d f64) (local $r f64)
    (local $high f64) (local $low f64) (local $residual f64)
    (local.set $s (i32.mul (local.get $size) (select
      (i32.sub (i32.sub (i32.div_u (i32.add (local.get $S) (i32.sub (local.get $size) (i32.const 1))) (local.get $size)) (i32.const 1)) (local.get $chunk))
      (local.get $chunk) (local.get $reversed))))
    (local.set $last (select (i32.add (local.get $s) (local.get $size)) (local.get $S)
      (i32.le_u (local.get $size) (i32.sub (local.get $S) (local.get $s)))))
    (local.set $dots (i32.add (local.get $dots) (i32.shl (i32.mul (local.get $chunk) (local.get $A)) (i32.const 3))))
    (local.set $high (f64.const -inf))
    (local.set $low (f64.const inf))
    (block $doneS
      (loop $states
        (br_if $doneS (i32.ge_u (local.get $s) (local.get $last)))
        (local.set $best (f64.const -inf))
        (local.set $bestAction (i32.const -1))
        (if (i32.eqz (i32.load8_u (i32.add (local.get $terminal) (local.get $s))))
          (then
            (call $denseDots (local.get $s) (local.get $S) (local.get $A) (local.get $P) (local.get $current) (local.get $dots))
            (local.set $sa (i32.mul (local.get $s) (local.get $A)))
            (local.set $a (i32.const 0))
            (block $doneA
              (loop $actions
                (br_if $doneA (i32.ge_u (local.get $a) (local.get $A)))
                (if (i32.load8_u (i32.add (local.get $allowed) (i32.add (local.get $sa) (local.get $a))))
                  (then
                    (local.set $q (f64.add (f64.load (i32.add (local.get $rewards) (i32.shl (i32.add (local.get $sa) (local.get $a)) (i32.const 3))))
                      (f64.mul (local.get $discount) (f64.load (i32.add (local.get $dots) (i32.shl (local.get $a) (i32.const 3)))))))
                    (local.set $take (f64.gt (local.get $q) (local.get $best)))
                    (local.set $best (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $q)) (i64.reinterpret_f64 (local.get $best)) (local.get $take))))
                    (local.set $bestAction (select (local.get $a) (local.get $bestAction) (local.get $take)))))
                (local.set $a (i32.add (local.get $a) (i32.const 1)))
                (br $actions))))
          (else (local.set $best (f64.const 0))))
        (local.set $d (f64.sub (local.get $best) (f64.load (i32.add (local.get $current) (i32.shl (local.get $s) (i32.const 3))))))
        (f64.store (i32.add (local.get $next) (i32.shl (local.get $s) (i32.const 3))) (local.get $best))
        (i32.store (i32.add (local.get $policy) (i32.shl (local.get $s) (i32.const 2))) (local.get $bestAction))
        (local.set $changes (i32.add (local.get $changes)
          (i32.ne (local.get $bestAction) (i32.load (i32.add (local.get $previous) (i32.shl (local.get $s) (i32.const 2)))))))
        (local.set $high (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $d)) (i64.reinterpret_f64 (local.get $high)) (f64.gt (local.get $d) (local.get $high)))))
        (local.set $low (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $d)) (i64.reinterpret_f64 (local.get $low)) (f64.lt (local.get $d) (local.get $low)))))
        (local.set $r (f64.abs (local.get $d)))
        (local.set $residual (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $r)) (i64.reinterpret_f64 (local.get $residual))
          (i32.or (f64.gt (local.get $r) (local.get $residual)) (f64.ne (local.get $r) (local.get $r))))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $states)))
    (local.set $slot (i32.add (local.get $out) (i32.shl (local.get $chunk) (i32.const 5))))
    (f64.store (local.get $slot) (local.get $high))
    (f64.store offset=8 (local.get $slot) (local.get $low))
    (f64.store offset=16 (local.get $slot) (local.get $residual))
    (f64.store offset=24 (local.get $slot) (f64.convert_i32_u (local.get $changes))))
