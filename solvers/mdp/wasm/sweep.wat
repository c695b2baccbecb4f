;; The Bellman optimality sweeps in WebAssembly: synchronous on sparse transitions (sweepChunk) and on
;; dense ones (denseSweepChunk), and in place on either (inPlaceSweepChunk). Source of
;; sweep-wasm-bytes.ts: after editing, run `npx tsx test/wasm/build-wasm.ts`.
;;
;; Mirrors bellmanSweep in bellman.ts (synchronous, sparse) operation for operation: each row's sum runs in
;; its entry order from 0, so the values, policy and statistics are bit-for-bit the same. Four rows (the
;; actions of a state) are summed side by side over their common length, four independent chains, as the
;; JavaScript kernel does.
;;
;; Layout (written by wasm-sweep.ts): the transitions are those of the model with two changes that leave
;; every sum the same. The columns are byte offsets into the values (8 x state), so a gather needs no
;; shift. In each group of four rows (actions 4g .. 4g + 3 of a state) with common length n, the first n
;; entries of the four rows are interleaved (entry j of row b at k0 + 4 j + b, k0 the group's first entry),
;; then come the rest of row 0, of row 1, and so on; rows outside whole groups keep their place. So one
;; pointer with constant offsets walks the four rows, as in a loop over a plain array.
;; The best action, the count of policy changes and the other statistics are chosen with selects and
;; added comparisons, not branches (which way a comparison goes is random from state to state, above all
;; while the policy still changes); a float select is done on the bits (i64), which V8 compiles to a
;; conditional move.
;;
;; Threads: the memory is shared (imported); sweepChunk sweeps one chunk of states and writes its
;; statistics to a slot of its own, so threads may sweep chunks in any order and the caller combines the
;; slots (maxima, minima and a count: the same result in any order).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; sum_k P_k V(col_k) for k in [$start, $end), continuing $sum.
  (func $tail (param $columns i32) (param $probabilities i32) (param $start i32) (param $end i32) (param $values i32) (param $sum f64) (result f64)
    (block $done
      (loop $entries
        (br_if $done (i32.ge_u (local.get $start) (local.get $end)))
        (local.set $sum (f64.add (local.get $sum)
          (f64.mul (f64.load (i32.add (local.get $probabilities) (i32.shl (local.get $start) (i32.const 3))))
            (f64.load (i32.add (local.get $values) (i32.load (i32.add (local.get $columns) (i32.shl (local.get $start) (i32.const 2)))))))))
        (local.set $start (i32.add (local.get $start) (i32.const 1)))
        (br $entries)))
    (local.get $sum))

  ;; One sweep from $current to $next over states [$first, $last) of $A actions each. $pointers (S A + 1, i32), $columns
  ;; (i32 byte offsets, see the layout above), $probabilities (f64), $rewards (S A, f64), $allowed (S A, u8), $terminal (S, u8), $previous and
  ;; $policy (S, i32), $dots (A f64 scratch). Writes the largest and smallest change and the Bellman
  ;; residual to $out (3 f64); returns the number of policy changes. (A row's tail is summed by a call only
  ;; when it has entries: rows of equal length, the common case, make no call.)
  (func $sweep (param $first i32) (param $last i32) (param $A i32) (param $pointers i32) (param $columns i32) (param $probabilities i32)
    (param $rewards i32) (param $allowed i32) (param $terminal i32) (param $discount f64) (param $current i32) (param $next i32)
    (param $previous i32) (param $policy i32) (param $dots i32) (param $out i32) (result i32)
    (local $s i32) (local $a i32) (local $row i32) (local $k0 i32) (local $k1 i32) (local $k2 i32) (local $k3 i32) (local $k4 i32)
    (local $n i32) (local $j i32) (local $d0 f64) (local $d1 f64) (local $d2 f64) (local $d3 f64)
    (local $best f64) (local $bestAction i32) (local $q f64) (local $old f64) (local $d f64) (local $r f64)
    (local $high f64) (local $low f64) (local $residual f64) (local $changes i32) (local $sa i32)
    (local $pp i32) (local $cp i32) (local $ppEnd i32) (local $take i32)
    (local.set $high (f64.const -inf))
    (local.set $low (f64.const inf))
    (local.set $s (local.get $first))
    (block $doneS
      (loop $states
        (br_if $doneS (i32.ge_u (local.get $s) (local.get $last)))
        (local.set $best (f64.const -inf))
        (local.set $bestAction (i32.const -1))
        (if (i32.eqz (i32.load8_u (i32.add (local.get $terminal) (local.get $s))))
          (then
            (local.set $sa (i32.mul (local.get $s) (local.get $A)))
            ;; the rows' sums, four at a time
            (local.set $a (i32.const 0))
            (block $done4
              (loop $rows4
                (br_if $done4 (i32.gt_u (i32.add (local.get $a) (i32.const 4)) (local.get $A)))
                (local.set $row (i32.shl (i32.add (local.get $sa) (local.get $a)) (i32.const 2)))
                (local.set $k0 (i32.load (i32.add (local.get $pointers) (local.get $row))))
                (local.set $k1 (i32.load offset=4 (i32.add (local.get $pointers) (local.get $row))))
                (local.set $k2 (i32.load offset=8 (i32.add (local.get $pointers) (local.get $row))))
                (local.set $k3 (i32.load offset=12 (i32.add (local.get $pointers) (local.get $row))))
                (local.set $k4 (i32.load offset=16 (i32.add (local.get $pointers) (local.get $row))))
                (local.set $n (i32.sub (local.get $k1) (local.get $k0)))
                (if (i32.lt_s (i32.sub (local.get $k2) (local.get $k1)) (local.get $n)) (then (local.set $n (i32.sub (local.get $k2) (local.get $k1)))))
                (if (i32.lt_s (i32.sub (local.get $k3) (local.get $k2)) (local.get $n)) (then (local.set $n (i32.sub (local.get $k3) (local.get $k2)))))
                (if (i32.lt_s (i32.sub (local.get $k4) (local.get $k3)) (local.get $n)) (then (local.set $n (i32.sub (local.get $k4) (local.get $k3)))))
                (local.set $d0 (f64.const 0))
                (local.set $d1 (f64.const 0))
                (local.set $d2 (f64.const 0))
                (local.set $d3 (f64.const 0))
                ;; the four rows' first $n entries are interleaved (entry j of row b at $k0 + 4 j + b), so one
                ;; pointer into the probabilities and one into the column offsets reach all four
                (local.set $pp (i32.add (local.get $probabilities) (i32.shl (local.get $k0) (i32.const 3))))
                (local.set $cp (i32.add (local.get $columns) (i32.shl (local.get $k0) (i32.const 2))))
                (local.set $ppEnd (i32.add (local.get $pp) (i32.shl (local.get $n) (i32.const 5))))
                (block $doneJ
                  (loop $common
                    (br_if $doneJ (i32.ge_u (local.get $pp) (local.get $ppEnd)))
                    (local.set $d0 (f64.add (local.get $d0) (f64.mul (f64.load offset=0 (local.get $pp))
                      (f64.load (i32.add (local.get $current) (i32.load offset=0 (local.get $cp)))))))
                    (local.set $d1 (f64.add (local.get $d1) (f64.mul (f64.load offset=8 (local.get $pp))
                      (f64.load (i32.add (local.get $current) (i32.load offset=4 (local.get $cp)))))))
                    (local.set $d2 (f64.add (local.get $d2) (f64.mul (f64.load offset=16 (local.get $pp))
                      (f64.load (i32.add (local.get $current) (i32.load offset=8 (local.get $cp)))))))
                    (local.set $d3 (f64.add (local.get $d3) (f64.mul (f64.load offset=24 (local.get $pp))
                      (f64.load (i32.add (local.get $current) (i32.load offset=12 (local.get $cp)))))))
                    (local.set $pp (i32.add (local.get $pp) (i32.const 32)))
                    (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
                    (br $common)))
                ;; then each row's tail past $n entries, row by row: row b's from $k_b + (4 - b) n to $k_(b+1) + (3 - b) n
                (if (i32.lt_s (i32.add (local.get $k0) (local.get $n)) (local.get $k1))
                  (then (local.set $d0 (call $tail (local.get $columns) (local.get $probabilities)
                    (i32.add (local.get $k0) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $k1) (i32.mul (local.get $n) (i32.const 3))) (local.get $current) (local.get $d0)))))
                (if (i32.lt_s (i32.add (local.get $k1) (local.get $n)) (local.get $k2))
                  (then (local.set $d1 (call $tail (local.get $columns) (local.get $probabilities)
                    (i32.add (local.get $k1) (i32.mul (local.get $n) (i32.const 3))) (i32.add (local.get $k2) (i32.shl (local.get $n) (i32.const 1))) (local.get $current) (local.get $d1)))))
                (if (i32.lt_s (i32.add (local.get $k2) (local.get $n)) (local.get $k3))
                  (then (local.set $d2 (call $tail (local.get $columns) (local.get $probabilities)
                    (i32.add (local.get $k2) (i32.shl (local.get $n) (i32.const 1))) (i32.add (local.get $k3) (local.get $n)) (local.get $current) (local.get $d2)))))
                (if (i32.lt_s (i32.add (local.get $k3) (local.get $n)) (local.get $k4))
                  (then (local.set $d3 (call $tail (local.get $columns) (local.get $probabilities)
                    (i32.add (local.get $k3) (local.get $n)) (local.get $k4) (local.get $current) (local.get $d3)))))
                (local.set $q (f64.add (f64.load offset=0 (i32.add (local.get $rewards) (i32.shl (i32.add (local.get $sa) (local.get $a)) (i32.const 3))))
                  (f64.mul (local.get $discount) (local.get $d0))))
                (local.set $take (i32.and (i32.load8_u offset=0 (i32.add (local.get $allowed) (i32.add (local.get $sa) (local.get $a))))
                  (f64.gt (local.get $q) (local.get $best))))
                (local.set $best (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $q)) (i64.reinterpret_f64 (local.get $best)) (local.get $take))))
                (local.set $bestAction (select (i32.add (local.get $a) (i32.const 0)) (local.get $bestAction) (local.get $take)))
                (local.set $q (f64.add (f64.load offset=8 (i32.add (local.get $rewards) (i32.shl (i32.add (local.get $sa) (local.get $a)) (i32.const 3))))
                  (f64.mul (local.get $discount) (local.get $d1))))
                (local.set $take (i32.and (i32.load8_u offset=1 (i32.add (local.get $allowed) (i32.add (local.get $sa) (local.get $a))))
                  (f64.gt (local.get $q) (local.get $best))))
                (local.set $best (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $q)) (i64.reinterpret_f64 (local.get $best)) (local.get $take))))
                (local.set $bestAction (select (i32.add (local.get $a) (i32.const 1)) (local.get $bestAction) (local.get $take)))
                (local.set $q (f64.add (f64.load offset=16 (i32.add (local.get $rewards) (i32.shl (i32.add (local.get $sa) (local.get $a)) (i32.const 3))))
                  (f64.mul (local.get $discount) (local.get $d2))))
                (local.set $take (i32.and (i32.load8_u offset=2 (i32.add (local.get $allowed) (i32.add (local.get $sa) (local.get $a))))
                  (f64.gt (local.get $q) (local.get $best))))
                (local.set $best (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $q)) (i64.reinterpret_f64 (local.get $best)) (local.get $take))))
                (local.set $bestAction (select (i32.add (local.get $a) (i32.const 2)) (local.get $bestAction) (local.get $take)))
                (local.set $q (f64.add (f64.load offset=24 (i32.add (local.get $rewards) (i32.shl (i32.add (local.get $sa) (local.get $a)) (i32.const 3))))
                  (f64.mul (local.get $discount) (local.get $d3))))
                (local.set $take (i32.and (i32.load8_u offset=3 (i32.add (local.get $allowed) (i32.add (local.get $sa) (local.get $a))))
                  (f64.gt (local.get $q) (local.get $best))))
                (local.set $best (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $q)) (i64.reinterpret_f64 (local.get $best)) (local.get $take))))
                (local.set $bestAction (select (i32.add (local.get $a) (i32.const 3)) (local.get $bestAction) (local.get $take)))
                (local.set $a (i32.add (local.get $a) (i32.const 4)))
                (br $rows4)))
            ;; the remaining rows one by one
            (block $done1
              (loop $rows1
                (br_if $done1 (i32.ge_u (local.get $a) (local.get $A)))
                (local.set $row (i32.shl (i32.add (local.get $sa) (local.get $a)) (i32.const 2)))
                (f64.store (i32.add (local.get $dots) (i32.shl (local.get $a) (i32.const 3)))
                  (call $tail (local.get $columns) (local.get $probabilities)
                    (i32.load (i32.add (local.get $pointers) (local.get $row))) (i32.load offset=4 (i32.add (local.get $pointers) (local.get $row)))
                    (local.get $current) (f64.const 0)))
                (local.set $a (i32.add (local.get $a) (i32.const 1)))
                (br $rows1)))
            ;; the best allowed action among the remaining rows (first on ties; the groups of four were
            ;; compared above, in action order)
            (local.set $a (i32.and (local.get $A) (i32.const -4)))
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
        (local.set $old (f64.load (i32.add (local.get $current) (i32.shl (local.get $s) (i32.const 3)))))
        (f64.store (i32.add (local.get $next) (i32.shl (local.get $s) (i32.const 3))) (local.get $best))
        (i32.store (i32.add (local.get $policy) (i32.shl (local.get $s) (i32.const 2))) (local.get $bestAction))
        (local.set $changes (i32.add (local.get $changes)
          (i32.ne (local.get $bestAction) (i32.load (i32.add (local.get $previous) (i32.shl (local.get $s) (i32.const 2)))))))
        (local.set $d (f64.sub (local.get $best) (local.get $old)))
        (local.set $high (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $d)) (i64.reinterpret_f64 (local.get $high)) (f64.gt (local.get $d) (local.get $high)))))
        (local.set $low (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $d)) (i64.reinterpret_f64 (local.get $low)) (f64.lt (local.get $d) (local.get $low)))))
        (local.set $r (f64.abs (local.get $d)))
        (local.set $residual (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $r)) (i64.reinterpret_f64 (local.get $residual))
          (i32.or (f64.gt (local.get $r) (local.get $residual)) (f64.ne (local.get $r) (local.get $r))))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $states)))
    (f64.store (local.get $out) (local.get $high))
    (f64.store offset=8 (local.get $out) (local.get $low))
    (f64.store offset=16 (local.get $out) (local.get $residual))
    (local.get $changes))

  ;; Chunk $chunk of $size states out of $S: its largest and smallest change, Bellman residual and policy
  ;; changes (as f64) to the 4 f64 at $out + chunk 32, with $A f64 of scratch at $dots + chunk A 8.
  (func (export "sweepChunk") (param $chunk i32) (param $size i32) (param $S i32) (param $A i32) (param $pointers i32)
    (param $columns i32) (param $probabilities i32) (param $rewards i32) (param $allowed i32) (param $terminal i32)
    (param $discount f64) (param $current i32) (param $next i32) (param $previous i32) (param $policy i32)
    (param $dots i32) (param $out i32)
    (local $first i32) (local $last i32) (local $slot i32)
    (local.set $first (i32.mul (local.get $chunk) (local.get $size)))
    (local.set $last (select (i32.add (local.get $first) (local.get $size)) (local.get $S)
      (i32.le_u (local.get $size) (i32.sub (local.get $S) (local.get $first)))))
    (local.set $slot (i32.add (local.get $out) (i32.shl (local.get $chunk) (i32.const 5))))
    (f64.store offset=24 (local.get $slot) (f64.convert_i32_u
      (call $sweep (local.get $first) (local.get $last) (local.get $A) (local.get $pointers) (local.get $columns)
        (local.get $probabilities) (local.get $rewards) (local.get $allowed) (local.get $terminal) (local.get $discount)
        (local.get $current) (local.get $next) (local.get $previous) (local.get $policy)
        (i32.add (local.get $dots) (i32.shl (i32.mul (local.get $chunk) (local.get $A)) (i32.const 3)))
        (local.get $slot)))))

  ;; ---- dense transitions ----

  ;; $dots[a] = sum_t P(t | s, a) V(t) for every action of state $s, each row summed in t order from 0 (as
  ;; bellman.ts's denseDots): four rows per pass over V (four independent chains, each V(t) loaded once),
  ;; then the remaining rows one by one. $P is A x S x S, row (a, s) at (a S + s) S.
  (func $denseDots (param $s i32) (param $S i32) (param $A i32) (param $P i32) (param $values i32) (param $dots i32)
    (local $a i32) (local $rowBytes i32) (local $blockBytes i32) (local $p i32) (local $v i32) (local $vEnd i32)
    (local $d0 f64) (local $d1 f64) (local $d2 f64) (local $d3 f64) (local $x f64)
    (local.set $rowBytes (i32.shl (local.get $S) (i32.const 3)))
    (local.set $blockBytes (i32.mul (local.get $rowBytes) (local.get $S)))
    (local.set $vEnd (i32.add (local.get $values) (local.get $rowBytes)))
    (block $done4
      (loop $rows4
        (br_if $done4 (i32.gt_u (i32.add (local.get $a) (i32.const 4)) (local.get $A)))
        (local.set $p (i32.add (local.get $P) (i32.mul (i32.add (i32.mul (local.get $a) (local.get $S)) (local.get $s)) (local.get $rowBytes))))
        (local.set $d0 (f64.const 0))
        (local.set $d1 (f64.const 0))
        (local.set $d2 (f64.const 0))
        (local.set $d3 (f64.const 0))
        (local.set $v (local.get $values))
        (block $doneT
          (loop $entries
            (br_if $doneT (i32.ge_u (local.get $v) (local.get $vEnd)))
            (local.set $x (f64.load (local.get $v)))
            (local.set $d0 (f64.add (local.get $d0) (f64.mul (f64.load (local.get $p)) (local.get $x))))
            (local.set $d1 (f64.add (local.get $d1) (f64.mul (f64.load (i32.add (local.get $p) (local.get $blockBytes))) (local.get $x))))
            (local.set $d2 (f64.add (local.get $d2) (f64.mul (f64.load (i32.add (local.get $p) (i32.shl (local.get $blockBytes) (i32.const 1)))) (local.get $x))))
            (local.set $d3 (f64.add (local.get $d3) (f64.mul (f64.load (i32.add (local.get $p) (i32.mul (local.get $blockBytes) (i32.const 3)))) (local.get $x))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (local.set $v (i32.add (local.get $v) (i32.const 8)))
            (br $entries)))
        (f64.store offset=0 (i32.add (local.get $dots) (i32.shl (local.get $a) (i32.const 3))) (local.get $d0))
        (f64.store offset=8 (i32.add (local.get $dots) (i32.shl (local.get $a) (i32.const 3))) (local.get $d1))
        (f64.store offset=16 (i32.add (local.get $dots) (i32.shl (local.get $a) (i32.const 3))) (local.get $d2))
        (f64.store offset=24 (i32.add (local.get $dots) (i32.shl (local.get $a) (i32.const 3))) (local.get $d3))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (br $rows4)))
    (block $done1
      (loop $rows1
        (br_if $done1 (i32.ge_u (local.get $a) (local.get $A)))
        (local.set $p (i32.add (local.get $P) (i32.mul (i32.add (i32.mul (local.get $a) (local.get $S)) (local.get $s)) (local.get $rowBytes))))
        (local.set $d0 (f64.const 0))
        (local.set $v (local.get $values))
        (block $doneT1
          (loop $entries1
            (br_if $doneT1 (i32.ge_u (local.get $v) (local.get $vEnd)))
            (local.set $d0 (f64.add (local.get $d0) (f64.mul (f64.load (local.get $p)) (f64.load (local.get $v)))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (local.set $v (i32.add (local.get $v) (i32.const 8)))
            (br $entries1)))
        (f64.store (i32.add (local.get $dots) (i32.shl (local.get $a) (i32.const 3))) (local.get $d0))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $rows1))))

  ;; The synchronous sweep on dense transitions over states [chunk size, (chunk + 1) size) of $S: as
  ;; sweepChunk (the same statistics to the same slot at $out + chunk 32), the rows' sums from $denseDots
  ;; with $A f64 of scratch at $dots + chunk A 8.
  (func (export "denseSweepChunk") (param $chunk i32) (param $size i32) (param $S i32) (param $A i32) (param $P i32)
    (param $rewards i32) (param $allowed i32) (param $terminal i32) (param $discount f64) (param $current i32) (param $next i32)
    (param $previous i32) (param $policy i32) (param $dots i32) (param $out i32)
    (local $s i32) (local $last i32) (local $a i32) (local $sa i32) (local $take i32) (local $changes i32) (local $slot i32)
    (local $best f64) (local $bestAction i32) (local $q f64) (local $d f64) (local $r f64)
    (local $high f64) (local $low f64) (local $residual f64)
    (local.set $s (i32.mul (local.get $chunk) (local.get $size)))
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

  ;; ---- in-place (Gauss-Seidel) sweeps ----

  ;; Sparse rows of state $s against two value vectors at once (bellman.ts's sparseDotsPair): $outA[a] =
  ;; sum_k P_k A(col_k), $outB[a] = the same with B, each row summed in entry order from 0; the groups of
  ;; four rows in the interleaved layout (see the top of this file), eight chains.
  (func $sparseDotsPair (param $s i32) (param $A i32) (param $pointers i32) (param $columns i32) (param $probabilities i32)
    (param $a i32) (param $b i32) (param $outA i32) (param $outB i32)
    (local $act i32) (local $row i32) (local $k0 i32) (local $k1 i32) (local $k2 i32) (local $k3 i32) (local $k4 i32) (local $n i32)
    (local $pp i32) (local $cp i32) (local $ppEnd i32) (local $c i32) (local $p f64)
    (local $d0 f64) (local $d1 f64) (local $d2 f64) (local $d3 f64) (local $e0 f64) (local $e1 f64) (local $e2 f64) (local $e3 f64)
    (block $done4
      (loop $rows4
        (br_if $done4 (i32.gt_u (i32.add (local.get $act) (i32.const 4)) (local.get $A)))
        (local.set $row (i32.add (local.get $pointers) (i32.shl (i32.add (i32.mul (local.get $s) (local.get $A)) (local.get $act)) (i32.const 2))))
        (local.set $k0 (i32.load (local.get $row)))
        (local.set $k1 (i32.load offset=4 (local.get $row)))
        (local.set $k2 (i32.load offset=8 (local.get $row)))
        (local.set $k3 (i32.load offset=12 (local.get $row)))
        (local.set $k4 (i32.load offset=16 (local.get $row)))
        (local.set $n (i32.sub (local.get $k1) (local.get $k0)))
        (local.set $n (select (i32.sub (local.get $k2) (local.get $k1)) (local.get $n) (i32.lt_s (i32.sub (local.get $k2) (local.get $k1)) (local.get $n))))
        (local.set $n (select (i32.sub (local.get $k3) (local.get $k2)) (local.get $n) (i32.lt_s (i32.sub (local.get $k3) (local.get $k2)) (local.get $n))))
        (local.set $n (select (i32.sub (local.get $k4) (local.get $k3)) (local.get $n) (i32.lt_s (i32.sub (local.get $k4) (local.get $k3)) (local.get $n))))
        (local.set $d0 (f64.const 0)) (local.set $d1 (f64.const 0)) (local.set $d2 (f64.const 0)) (local.set $d3 (f64.const 0))
        (local.set $e0 (f64.const 0)) (local.set $e1 (f64.const 0)) (local.set $e2 (f64.const 0)) (local.set $e3 (f64.const 0))
        (local.set $pp (i32.add (local.get $probabilities) (i32.shl (local.get $k0) (i32.const 3))))
        (local.set $cp (i32.add (local.get $columns) (i32.shl (local.get $k0) (i32.const 2))))
        (local.set $ppEnd (i32.add (local.get $pp) (i32.shl (local.get $n) (i32.const 5))))
        (block $doneJ
          (loop $common
            (br_if $doneJ (i32.ge_u (local.get $pp) (local.get $ppEnd)))
            (local.set $p (f64.load offset=0 (local.get $pp)))
            (local.set $c (i32.load offset=0 (local.get $cp)))
            (local.set $d0 (f64.add (local.get $d0) (f64.mul (local.get $p) (f64.load (i32.add (local.get $a) (local.get $c))))))
            (local.set $e0 (f64.add (local.get $e0) (f64.mul (local.get $p) (f64.load (i32.add (local.get $b) (local.get $c))))))
            (local.set $p (f64.load offset=8 (local.get $pp)))
            (local.set $c (i32.load offset=4 (local.get $cp)))
            (local.set $d1 (f64.add (local.get $d1) (f64.mul (local.get $p) (f64.load (i32.add (local.get $a) (local.get $c))))))
            (local.set $e1 (f64.add (local.get $e1) (f64.mul (local.get $p) (f64.load (i32.add (local.get $b) (local.get $c))))))
            (local.set $p (f64.load offset=16 (local.get $pp)))
            (local.set $c (i32.load offset=8 (local.get $cp)))
            (local.set $d2 (f64.add (local.get $d2) (f64.mul (local.get $p) (f64.load (i32.add (local.get $a) (local.get $c))))))
            (local.set $e2 (f64.add (local.get $e2) (f64.mul (local.get $p) (f64.load (i32.add (local.get $b) (local.get $c))))))
            (local.set $p (f64.load offset=24 (local.get $pp)))
            (local.set $c (i32.load offset=12 (local.get $cp)))
            (local.set $d3 (f64.add (local.get $d3) (f64.mul (local.get $p) (f64.load (i32.add (local.get $a) (local.get $c))))))
            (local.set $e3 (f64.add (local.get $e3) (f64.mul (local.get $p) (f64.load (i32.add (local.get $b) (local.get $c))))))
            (local.set $pp (i32.add (local.get $pp) (i32.const 32)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
            (br $common)))
        ;; each row's entries past $n (row b's from $k_b + (4 - b) n to $k_(b+1) + (3 - b) n), for both vectors,
        ;; summed only where a row has them
        (if (i32.lt_s (i32.add (local.get $k0) (local.get $n)) (local.get $k1))
          (then
            (local.set $d0 (call $tail (local.get $columns) (local.get $probabilities) (i32.add (local.get $k0) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $k1) (i32.mul (local.get $n) (i32.const 3))) (local.get $a) (local.get $d0)))
            (local.set $e0 (call $tail (local.get $columns) (local.get $probabilities) (i32.add (local.get $k0) (i32.shl (local.get $n) (i32.const 2))) (i32.add (local.get $k1) (i32.mul (local.get $n) (i32.const 3))) (local.get $b) (local.get $e0)))))
        (if (i32.lt_s (i32.add (local.get $k1) (local.get $n)) (local.get $k2))
          (then
            (local.set $d1 (call $tail (local.get $columns) (local.get $probabilities) (i32.add (local.get $k1) (i32.mul (local.get $n) (i32.const 3))) (i32.add (local.get $k2) (i32.shl (local.get $n) (i32.const 1))) (local.get $a) (local.get $d1)))
            (local.set $e1 (call $tail (local.get $columns) (local.get $probabilities) (i32.add (local.get $k1) (i32.mul (local.get $n) (i32.const 3))) (i32.add (local.get $k2) (i32.shl (local.get $n) (i32.const 1))) (local.get $b) (local.get $e1)))))
        (if (i32.lt_s (i32.add (local.get $k2) (local.get $n)) (local.get $k3))
          (then
            (local.set $d2 (call $tail (local.get $columns) (local.get $probabilities) (i32.add (local.get $k2) (i32.shl (local.get $n) (i32.const 1))) (i32.add (local.get $k3) (local.get $n)) (local.get $a) (local.get $d2)))
            (local.set $e2 (call $tail (local.get $columns) (local.get $probabilities) (i32.add (local.get $k2) (i32.shl (local.get $n) (i32.const 1))) (i32.add (local.get $k3) (local.get $n)) (local.get $b) (local.get $e2)))))
        (if (i32.lt_s (i32.add (local.get $k3) (local.get $n)) (local.get $k4))
          (then
            (local.set $d3 (call $tail (local.get $columns) (local.get $probabilities) (i32.add (local.get $k3) (local.get $n)) (local.get $k4) (local.get $a) (local.get $d3)))
            (local.set $e3 (call $tail (local.get $columns) (local.get $probabilities) (i32.add (local.get $k3) (local.get $n)) (local.get $k4) (local.get $b) (local.get $e3)))))
        (f64.store offset=0 (i32.add (local.get $outA) (i32.shl (local.get $act) (i32.const 3))) (local.get $d0))
        (f64.store offset=0 (i32.add (local.get $outB) (i32.shl (local.get $act) (i32.const 3))) (local.get $e0))
        (f64.store offset=8 (i32.add (local.get $outA) (i32.shl (local.get $act) (i32.const 3))) (local.get $d1))
        (f64.store offset=8 (i32.add (local.get $outB) (i32.shl (local.get $act) (i32.const 3))) (local.get $e1))
        (f64.store offset=16 (i32.add (local.get $outA) (i32.shl (local.get $act) (i32.const 3))) (local.get $d2))
        (f64.store offset=16 (i32.add (local.get $outB) (i32.shl (local.get $act) (i32.const 3))) (local.get $e2))
        (f64.store offset=24 (i32.add (local.get $outA) (i32.shl (local.get $act) (i32.const 3))) (local.get $d3))
        (f64.store offset=24 (i32.add (local.get $outB) (i32.shl (local.get $act) (i32.const 3))) (local.get $e3))
        (local.set $act (i32.add (local.get $act) (i32.const 4)))
        (br $rows4)))
    (block $done1
      (loop $rows1
        (br_if $done1 (i32.ge_u (local.get $act) (local.get $A)))
        (local.set $row (i32.add (local.get $pointers) (i32.shl (i32.add (i32.mul (local.get $s) (local.get $A)) (local.get $act)) (i32.const 2))))
        (f64.store (i32.add (local.get $outA) (i32.shl (local.get $act) (i32.const 3)))
          (call $tail (local.get $columns) (local.get $probabilities) (i32.load (local.get $row)) (i32.load offset=4 (local.get $row)) (local.get $a) (f64.const 0)))
        (f64.store (i32.add (local.get $outB) (i32.shl (local.get $act) (i32.const 3)))
          (call $tail (local.get $columns) (local.get $probabilities) (i32.load (local.get $row)) (i32.load offset=4 (local.get $row)) (local.get $b) (f64.const 0)))
        (local.set $act (i32.add (local.get $act) (i32.const 1)))
        (br $rows1))))

  ;; Dense rows of state $s against two value vectors at once (bellman.ts's denseDotsPair, the same sums):
  ;; four rows per pass over the vectors (eight chains), then the remaining rows one by one; each row
  ;; summed in t order from 0.
  (func $denseDotsPair (param $s i32) (param $S i32) (param $A i32) (param $P i32) (param $a i32) (param $b i32) (param $outA i32) (param $outB i32)
    (local $act i32) (local $rowBytes i32) (local $blockBytes i32) (local $p i32) (local $t i32) (local $o i32)
    (local $d0 f64) (local $d1 f64) (local $d2 f64) (local $d3 f64) (local $e0 f64) (local $e1 f64) (local $e2 f64) (local $e3 f64)
    (local $v f64) (local $w f64) (local $x f64)
    (local.set $rowBytes (i32.shl (local.get $S) (i32.const 3)))
    (local.set $blockBytes (i32.mul (local.get $rowBytes) (local.get $S)))
    (block $done4
      (loop $rows4
        (br_if $done4 (i32.gt_u (i32.add (local.get $act) (i32.const 4)) (local.get $A)))
        (local.set $p (i32.add (local.get $P) (i32.mul (i32.add (i32.mul (local.get $act) (local.get $S)) (local.get $s)) (local.get $rowBytes))))
        (local.set $d0 (f64.const 0)) (local.set $d1 (f64.const 0)) (local.set $d2 (f64.const 0)) (local.set $d3 (f64.const 0))
        (local.set $e0 (f64.const 0)) (local.set $e1 (f64.const 0)) (local.set $e2 (f64.const 0)) (local.set $e3 (f64.const 0))
        (local.set $t (i32.const 0))
        (block $doneT
          (loop $entries
            (br_if $doneT (i32.ge_u (local.get $t) (local.get $rowBytes)))
            (local.set $v (f64.load (i32.add (local.get $a) (local.get $t))))
            (local.set $w (f64.load (i32.add (local.get $b) (local.get $t))))
            (local.set $o (i32.add (local.get $p) (local.get $t)))
            (local.set $x (f64.load (local.get $o)))
            (local.set $d0 (f64.add (local.get $d0) (f64.mul (local.get $x) (local.get $v))))
            (local.set $e0 (f64.add (local.get $e0) (f64.mul (local.get $x) (local.get $w))))
            (local.set $o (i32.add (local.get $o) (local.get $blockBytes)))
            (local.set $x (f64.load (local.get $o)))
            (local.set $d1 (f64.add (local.get $d1) (f64.mul (local.get $x) (local.get $v))))
            (local.set $e1 (f64.add (local.get $e1) (f64.mul (local.get $x) (local.get $w))))
            (local.set $o (i32.add (local.get $o) (local.get $blockBytes)))
            (local.set $x (f64.load (local.get $o)))
            (local.set $d2 (f64.add (local.get $d2) (f64.mul (local.get $x) (local.get $v))))
            (local.set $e2 (f64.add (local.get $e2) (f64.mul (local.get $x) (local.get $w))))
            (local.set $o (i32.add (local.get $o) (local.get $blockBytes)))
            (local.set $x (f64.load (local.get $o)))
            (local.set $d3 (f64.add (local.get $d3) (f64.mul (local.get $x) (local.get $v))))
            (local.set $e3 (f64.add (local.get $e3) (f64.mul (local.get $x) (local.get $w))))
            (local.set $t (i32.add (local.get $t) (i32.const 8)))
            (br $entries)))
        (f64.store offset=0 (i32.add (local.get $outA) (i32.shl (local.get $act) (i32.const 3))) (local.get $d0))
        (f64.store offset=8 (i32.add (local.get $outA) (i32.shl (local.get $act) (i32.const 3))) (local.get $d1))
        (f64.store offset=16 (i32.add (local.get $outA) (i32.shl (local.get $act) (i32.const 3))) (local.get $d2))
        (f64.store offset=24 (i32.add (local.get $outA) (i32.shl (local.get $act) (i32.const 3))) (local.get $d3))
        (f64.store offset=0 (i32.add (local.get $outB) (i32.shl (local.get $act) (i32.const 3))) (local.get $e0))
        (f64.store offset=8 (i32.add (local.get $outB) (i32.shl (local.get $act) (i32.const 3))) (local.get $e1))
        (f64.store offset=16 (i32.add (local.get $outB) (i32.shl (local.get $act) (i32.const 3))) (local.get $e2))
        (f64.store offset=24 (i32.add (local.get $outB) (i32.shl (local.get $act) (i32.const 3))) (local.get $e3))
        (local.set $act (i32.add (local.get $act) (i32.const 4)))
        (br $rows4)))
    (block $done1
      (loop $rows1
        (br_if $done1 (i32.ge_u (local.get $act) (local.get $A)))
        (local.set $p (i32.add (local.get $P) (i32.mul (i32.add (i32.mul (local.get $act) (local.get $S)) (local.get $s)) (local.get $rowBytes))))
        (local.set $d0 (f64.const 0)) (local.set $e0 (f64.const 0))
        (local.set $t (i32.const 0))
        (block $doneT1
          (loop $entries1
            (br_if $doneT1 (i32.ge_u (local.get $t) (local.get $rowBytes)))
            (local.set $x (f64.load (i32.add (local.get $p) (local.get $t))))
            (local.set $d0 (f64.add (local.get $d0) (f64.mul (local.get $x) (f64.load (i32.add (local.get $a) (local.get $t))))))
            (local.set $e0 (f64.add (local.get $e0) (f64.mul (local.get $x) (f64.load (i32.add (local.get $b) (local.get $t))))))
            (local.set $t (i32.add (local.get $t) (i32.const 8)))
            (br $entries1)))
        (f64.store (i32.add (local.get $outA) (i32.shl (local.get $act) (i32.const 3))) (local.get $d0))
        (f64.store (i32.add (local.get $outB) (i32.shl (local.get $act) (i32.const 3))) (local.get $e0))
        (local.set $act (i32.add (local.get $act) (i32.const 1)))
        (br $rows1))))

  ;; One in-place sweep over all $S states, in order (the chunk index is 0: this runs on one thread), as
  ;; bellmanSweep with inPlace: $next holds a copy of $current on entry and is updated state by state, each
  ;; state reading the newest values; the Bellman residual uses T V_k from $current. With $isDense the
  ;; transitions are the dense ones at $P, else the sparse ones ($pointers, $columns, $probabilities);
  ;; $dots has 2 A f64 of scratch. The statistics go to the 4 f64 at $out, as sweepChunk's slot 0.
  (func (export "inPlaceSweepChunk") (param $chunk i32) (param $S i32) (param $A i32) (param $isDense i32) (param $P i32) (param $pointers i32)
    (param $columns i32) (param $probabilities i32) (param $rewards i32) (param $allowed i32) (param $terminal i32)
    (param $discount f64) (param $current i32) (param $next i32) (param $previous i32) (param $policy i32)
    (param $dots i32) (param $out i32)
    (local $s i32) (local $a i32) (local $sa i32) (local $changes i32) (local $oldDots i32) (local $take i32)
    (local $best f64) (local $bestAction i32) (local $jacobi f64) (local $q f64) (local $r f64) (local $old f64) (local $d f64)
    (local $high f64) (local $low f64) (local $residual f64)
    (local.set $oldDots (i32.add (local.get $dots) (i32.shl (local.get $A) (i32.const 3))))
    (local.set $high (f64.const -inf))
    (local.set $low (f64.const inf))
    (block $doneS
      (loop $states
        (br_if $doneS (i32.ge_u (local.get $s) (local.get $S)))
        (local.set $best (f64.const -inf))
        (local.set $bestAction (i32.const -1))
        (local.set $jacobi (f64.const -inf))
        (if (i32.eqz (i32.load8_u (i32.add (local.get $terminal) (local.get $s))))
          (then
            (if (local.get $isDense)
              (then (call $denseDotsPair (local.get $s) (local.get $S) (local.get $A) (local.get $P) (local.get $next) (local.get $current) (local.get $dots) (local.get $oldDots)))
              (else (call $sparseDotsPair (local.get $s) (local.get $A) (local.get $pointers) (local.get $columns) (local.get $probabilities)
                (local.get $next) (local.get $current) (local.get $dots) (local.get $oldDots))))
            (local.set $sa (i32.mul (local.get $s) (local.get $A)))
            (local.set $a (i32.const 0))
            (block $doneA
              (loop $actions
                (br_if $doneA (i32.ge_u (local.get $a) (local.get $A)))
                (if (i32.load8_u (i32.add (local.get $allowed) (i32.add (local.get $sa) (local.get $a))))
                  (then
                    (local.set $r (f64.load (i32.add (local.get $rewards) (i32.shl (i32.add (local.get $sa) (local.get $a)) (i32.const 3)))))
                    (local.set $q (f64.add (local.get $r) (f64.mul (local.get $discount) (f64.load (i32.add (local.get $dots) (i32.shl (local.get $a) (i32.const 3)))))))
                    (local.set $jacobi (f64.max (local.get $jacobi)
                      (f64.add (local.get $r) (f64.mul (local.get $discount) (f64.load (i32.add (local.get $oldDots) (i32.shl (local.get $a) (i32.const 3))))))))
                    (local.set $take (f64.gt (local.get $q) (local.get $best)))
                    (local.set $best (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $q)) (i64.reinterpret_f64 (local.get $best)) (local.get $take))))
                    (local.set $bestAction (select (local.get $a) (local.get $bestAction) (local.get $take)))))
                (local.set $a (i32.add (local.get $a) (i32.const 1)))
                (br $actions))))
          (else (local.set $best (f64.const 0)) (local.set $jacobi (f64.const 0))))
        (local.set $old (f64.load (i32.add (local.get $current) (i32.shl (local.get $s) (i32.const 3)))))
        (f64.store (i32.add (local.get $next) (i32.shl (local.get $s) (i32.const 3))) (local.get $best))
        (i32.store (i32.add (local.get $policy) (i32.shl (local.get $s) (i32.const 2))) (local.get $bestAction))
        (local.set $changes (i32.add (local.get $changes)
          (i32.ne (local.get $bestAction) (i32.load (i32.add (local.get $previous) (i32.shl (local.get $s) (i32.const 2)))))))
        (local.set $d (f64.sub (local.get $best) (local.get $old)))
        (local.set $high (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $d)) (i64.reinterpret_f64 (local.get $high)) (f64.gt (local.get $d) (local.get $high)))))
        (local.set $low (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $d)) (i64.reinterpret_f64 (local.get $low)) (f64.lt (local.get $d) (local.get $low)))))
        (local.set $r (f64.abs (f64.sub (local.get $jacobi) (local.get $old))))
        (local.set $residual (f64.reinterpret_i64 (select (i64.reinterpret_f64 (local.get $r)) (i64.reinterpret_f64 (local.get $residual))
          (i32.or (f64.gt (local.get $r) (local.get $residual)) (f64.ne (local.get $r) (local.get $r))))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $states)))
    (f64.store (local.get $out) (local.get $high))
    (f64.store offset=8 (local.get $out) (local.get $low))
    (f64.store offset=16 (local.get $out) (local.get $residual))
    (f64.store offset=24 (local.get $out) (f64.convert_i32_u (local.get $changes))))
)
