;; The Bellman optimality sweeps in WebAssembly: synchronous on sparse transitions (sweepChunk) and on
;; dense ones (denseSweepChunk), and in place on either (inPlaceSweepChunk). Source of
;; sweep-wasm-bytes.ts, with the parts its `;; include` lines name (each replaced by that file, in order);
;; after editing one, run `npm run build:wasm`.
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
  ;; include sweep-sparse.wat
  ;; include sweep-dense.wat
  ;; include sweep-in-place.wat
)
