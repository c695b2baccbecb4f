;; Sweeps on a general CSR matrix in WebAssembly (f64 values, i32 indices), for the Gauss-Seidel family
;; (Jacobi, Gauss-Seidel / SOR, SSOR); CG's product is krylov/wasm/cg.wat. Source of csr-wasm-bytes.ts:
;; after editing, run `npm run build:wasm`.
;;
;; Exactness: every row is summed from b_i in the order the JavaScript kernels in csr-sweeps.ts use
;; (residuals and Jacobi: entry order, the diagonal in its place; Gauss-Seidel / SOR / SSOR updates: first
;; the entries the sweep has not written, then those it has, the nearest column last, so that a row waits
;; for the row just updated for one product and subtraction, not its whole sum), with a separate multiply
;; and subtract (WebAssembly has no fused multiply-add), so the iterates are bit-for-bit theirs.
;;
;; The residual of the sweep's own start (`jacobiChunk`, and `ahead` for Gauss-Seidel and SOR, used one sweep
;; ahead; see CsrSweepKernel.sweepAhead) shares the sweep's loads. The residual of the new iterate folded
;; into a sweep (`forward` and `backward` with $withResidual): row p's residual, b_p - sum_k a_pk x_new(k),
;; needs every x_new(k) of the row. A forward sweep has them all once it has updated row reach(p) = the
;; largest column of rows 0..p (non-decreasing, precomputed by the caller), so row p's residual is taken
;; right after that, while the row and its neighbours are still in cache: for a banded matrix one bandwidth
;; behind the sweep, not a second pass over memory. The squares are summed in row order, as
;; csrSweeps.residualSquared sums them: the same number. A backward sweep does the same from the last row,
;; with the smallest column of rows p..n-1 as the bound, and sums in reverse row order (equal up to rounding).
;;
;; Layout (byte offsets chosen by the caller, csr-kernel.ts): row pointers (n + 1 i32, entry indices),
;; columns as byte offsets into a vector (8 x column, i32: a gather needs no shift), values (f64), the
;; diagonal's entry index per row (i32), 1 / a_ii (f64), b (f64), the reach bounds (i32), two vectors (f64),
;; Jacobi's chunk sums (f64). The memory is shared (imported): Jacobi's rows are independent, so its sweep
;; runs in chunks on the kernel's threads (jacobiChunk); the Gauss-Seidel / SOR / SSOR sweeps read the rows
;; they have just written, so they are sequential and run on the caller's thread alone.
(module
  (import "env" "memory" (memory 1 32768 shared))

  ;; Jacobi as PETSc's Richardson + PCJACOBI computes it, in one pass, on rows [chunk x per, (chunk + 1) x per)
  ;; (the last chunk ends at n): row i's residual
  ;;   r_i = b_i - sum_j a_ij current_j   (entry order, the diagonal in its place),
  ;;   next_i = current_i + (omega / a_ii) r_i,
  ;; and stores the chunk's sum_i r_i^2 (rows in order) at $partials + 8 x chunk: the caller adds the chunks'
  ;; sums in chunk order into ||b - A current||^2, the residual of the iterate it sweeps from, at the cost of a
  ;; multiply and an add per row. Rows are independent, so threads may sweep chunks in any order.
  (func (export "jacobiChunk") (param $chunk i32) (param $per i32) (param $n i32) (param $rp i32) (param $cols i32)
    (param $vals i32) (param $invd i32) (param $b i32) (param $current i32) (param $next i32) (param $omega f64)
    (param $partials i32)
    (local $i i32) (local $end i32) (local $vp i32) (local $cp i32) (local $ve i32) (local $r f64) (local $sum f64)
    (local $at8 i32)
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
        (local.set $at8 (i32.shl (local.get $i) (i32.const 3)))
        (local.set $ve (i32.add (local.get $vals)
          (i32.shl (i32.load offset=4 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3))))
        (local.set $r (f64.load (i32.add (local.get $b) (local.get $at8))))
        (block $done
          (loop $entries
            (br_if $done (i32.ge_u (local.get $vp) (local.get $ve)))
            (local.set $r (f64.sub (local.get $r)
              (f64.mul (f64.load (local.get $vp)) (f64.load (i32.add (local.get $current) (i32.load (local.get $cp)))))))
            (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
            (br $entries)))
        (f64.store (i32.add (local.get $next) (local.get $at8))
          (f64.add (f64.load (i32.add (local.get $current) (local.get $at8)))
            (f64.mul (f64.mul (local.get $omega) (f64.load (i32.add (local.get $invd) (local.get $at8))))
              (local.get $r))))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $r) (local.get $r))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (f64.store (i32.add (local.get $partials) (i32.shl (local.get $chunk) (i32.const 3))) (local.get $sum)))

  ;; Forward Gauss-Seidel / SOR sweep writing $next from $current; entries left of the diagonal read $lower
  ;; ($next; SSOR's first half too):
  ;;   next_i = (1 - omega) current_i + (omega / a_ii) (b_i - sum_{j>i} a_ij current_j - sum_{j<i} a_ij lower_j),
  ;; right of the diagonal first, from $current (nothing there waits for this sweep), then left of it, the
  ;; nearest column (the row just updated) last. With $withResidual, returns ||b - A next||^2 (rows summed
  ;; in order; see the top); else 0. The loops are written out (no calls per row): pointers into the values
  ;; and columns run on from row to row.
  (func (export "forward") (param $n i32) (param $rp i32) (param $cols i32) (param $vals i32) (param $diag i32)
    (param $invd i32) (param $b i32) (param $current i32) (param $lower i32) (param $next i32) (param $omega f64)
    (param $reach i32) (param $withResidual i32) (result f64)
    (local $i i32) (local $s f64) (local $keep f64) (local $at8 i32) (local $dv i32) (local $ve i32)
    (local $vp i32) (local $cp i32) (local $rowv i32) (local $rowc i32) (local $endc i32)
    (local $p i32) (local $sum f64) (local $r f64) (local $rvp i32) (local $rcp i32) (local $rve i32)
    (local.set $keep (f64.sub (f64.const 1) (local.get $omega)))
    (local.set $vp (i32.add (local.get $vals) (i32.shl (i32.load (local.get $rp)) (i32.const 3))))
    (local.set $cp (i32.add (local.get $cols) (i32.shl (i32.load (local.get $rp)) (i32.const 2))))
    (local.set $rvp (local.get $vp))
    (local.set $rcp (local.get $cp))
    (block $doneRows
      (loop $rows
        (br_if $doneRows (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $at8 (i32.shl (local.get $i) (i32.const 3)))
        (local.set $s (f64.load (i32.add (local.get $b) (local.get $at8))))
        (local.set $dv (i32.add (local.get $vals)
          (i32.shl (i32.load (i32.add (local.get $diag) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3))))
        (local.set $ve (i32.add (local.get $vals)
          (i32.shl (i32.load offset=4 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3))))
        ;; $vp and $cp enter the row at its first entry and leave it at the next row's
        (local.set $rowv (local.get $vp))
        (local.set $rowc (local.get $cp))
        (local.set $vp (i32.add (local.get $dv) (i32.const 8)))
        (local.set $cp (i32.add (local.get $rowc) (i32.shr_u (i32.sub (local.get $vp) (local.get $rowv)) (i32.const 1))))
        (block $doneUpperFirst
          (loop $entriesUpperFirst
            (br_if $doneUpperFirst (i32.ge_u (local.get $vp) (local.get $ve)))
            (local.set $s (f64.sub (local.get $s) (f64.mul (f64.load (local.get $vp))
              (f64.load (i32.add (local.get $current) (i32.load (local.get $cp)))))))
            (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
            (br $entriesUpperFirst)))
        (local.set $endc (local.get $cp))
        (local.set $vp (local.get $rowv))
        (local.set $cp (local.get $rowc))
        (block $doneLowerAfter
          (loop $entriesLowerAfter
            (br_if $doneLowerAfter (i32.ge_u (local.get $vp) (local.get $dv)))
            (local.set $s (f64.sub (local.get $s) (f64.mul (f64.load (local.get $vp))
              (f64.load (i32.add (local.get $lower) (i32.load (local.get $cp)))))))
            (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
            (br $entriesLowerAfter)))
        (local.set $vp (local.get $ve))
        (local.set $cp (local.get $endc))
        (f64.store (i32.add (local.get $next) (local.get $at8))
          (f64.add
            (f64.mul (local.get $keep) (f64.load (i32.add (local.get $current) (local.get $at8))))
            (f64.mul (f64.mul (local.get $omega) (f64.load (i32.add (local.get $invd) (local.get $at8))))
              (local.get $s))))
        (if (local.get $withResidual)
          (then
            (block $doneResiduals
              (loop $residuals
                (br_if $doneResiduals (i32.ge_u (local.get $p) (local.get $n)))
                (br_if $doneResiduals (i32.gt_s
                  (i32.load (i32.add (local.get $reach) (i32.shl (local.get $p) (i32.const 2)))) (local.get $i)))
                (local.set $r (f64.load (i32.add (local.get $b) (i32.shl (local.get $p) (i32.const 3)))))
                (local.set $rve (i32.add (local.get $vals)
                  (i32.shl (i32.load offset=4 (i32.add (local.get $rp) (i32.shl (local.get $p) (i32.const 2))))
                    (i32.const 3))))
                (block $doneEntries
                  (loop $entries
                    (br_if $doneEntries (i32.ge_u (local.get $rvp) (local.get $rve)))
                    (local.set $r (f64.sub (local.get $r) (f64.mul (f64.load (local.get $rvp))
                      (f64.load (i32.add (local.get $next) (i32.load (local.get $rcp)))))))
                    (local.set $rvp (i32.add (local.get $rvp) (i32.const 8)))
                    (local.set $rcp (i32.add (local.get $rcp) (i32.const 4)))
                    (br $entries)))
                (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $r) (local.get $r))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $residuals)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.get $sum))

  ;; Forward sweep as `forward` (bit for bit) that returns ||b - A current||^2, the residual of the iterate it
  ;; sweeps from, instead of the new one's: row i's residual b_i - sum_j a_ij current_j shares every value load
  ;; with its update, and right of the diagonal every product, so it costs a subtraction per entry (and a
  ;; gather and a product left of the diagonal), not a second pass. It is summed in entry order with the
  ;; diagonal in its place and the squares in row order, as csrSweeps.residualSquared sums them: the same
  ;; number, bit for bit.
  (func (export "ahead") (param $n i32) (param $rp i32) (param $cols i32) (param $vals i32) (param $diag i32)
    (param $invd i32) (param $b i32) (param $current i32) (param $lower i32) (param $next i32) (param $omega f64)
    (result f64)
    (local $i i32) (local $s f64) (local $r f64) (local $t f64) (local $keep f64) (local $at8 i32)
    (local $vp i32) (local $cp i32) (local $ve i32) (local $xi f64) (local $sum f64) (local $e i32)
    (local $rowv i32) (local $rowc i32) (local $dv i32)
    (local.set $keep (f64.sub (f64.const 1) (local.get $omega)))
    (local.set $rowv (i32.add (local.get $vals) (i32.shl (i32.load (local.get $rp)) (i32.const 3))))
    (local.set $rowc (i32.add (local.get $cols) (i32.shl (i32.load (local.get $rp)) (i32.const 2))))
    (block $doneRows
      (loop $rows
        (br_if $doneRows (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $at8 (i32.shl (local.get $i) (i32.const 3)))
        (local.set $s (f64.load (i32.add (local.get $b) (local.get $at8))))
        (local.set $r (local.get $s))
        (local.set $e (i32.load offset=4 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $dv (i32.add (local.get $vals)
          (i32.shl (i32.load (i32.add (local.get $diag) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3))))
        ;; the residual, in entry order: left of the diagonal, the diagonal, then right of it
        (local.set $vp (local.get $rowv))
        (local.set $cp (local.get $rowc))
        (block $doneLowerResidual
          (loop $entriesLowerResidual
            (br_if $doneLowerResidual (i32.ge_u (local.get $vp) (local.get $dv)))
            (local.set $r (f64.sub (local.get $r) (f64.mul (f64.load (local.get $vp))
              (f64.load (i32.add (local.get $current) (i32.load (local.get $cp)))))))
            (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
            (br $entriesLowerResidual)))
        (local.set $xi (f64.load (i32.add (local.get $current) (local.get $at8))))
        (local.set $r (f64.sub (local.get $r) (f64.mul (f64.load (local.get $dv)) (local.get $xi))))
        ;; right of the diagonal: each product into the update and the residual
        (local.set $vp (i32.add (local.get $dv) (i32.const 8)))
        (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
        (local.set $ve (i32.add (local.get $vals) (i32.shl (local.get $e) (i32.const 3))))
        (block $doneUpper
          (loop $entriesUpper
            (br_if $doneUpper (i32.ge_u (local.get $vp) (local.get $ve)))
            (local.set $t (f64.mul (f64.load (local.get $vp))
              (f64.load (i32.add (local.get $current) (i32.load (local.get $cp))))))
            (local.set $s (f64.sub (local.get $s) (local.get $t)))
            (local.set $r (f64.sub (local.get $r) (local.get $t)))
            (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
            (br $entriesUpper)))
        ;; the update's left part last, as `forward` (the row's entries are in cache)
        (local.set $vp (local.get $rowv))
        (local.set $cp (local.get $rowc))
        (block $doneLower
          (loop $entriesLower
            (br_if $doneLower (i32.ge_u (local.get $vp) (local.get $dv)))
            (local.set $s (f64.sub (local.get $s) (f64.mul (f64.load (local.get $vp))
              (f64.load (i32.add (local.get $lower) (i32.load (local.get $cp)))))))
            (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
            (br $entriesLower)))
        (local.set $rowv (local.get $ve))
        (local.set $rowc (i32.add (local.get $cols) (i32.shl (local.get $e) (i32.const 2))))
        (f64.store (i32.add (local.get $next) (local.get $at8))
          (f64.add
            (f64.mul (local.get $keep) (local.get $xi))
            (f64.mul (f64.mul (local.get $omega) (f64.load (i32.add (local.get $invd) (local.get $at8))))
              (local.get $s))))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $r) (local.get $r))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.get $sum))

  ;; Backward sweep (last row first) in place on $x, the second half of SSOR:
  ;;   x_i = (1 - omega) x_i + (omega / a_ii) (b_i - sum_{j != i} a_ij x_j).
  ;; With $withResidual, returns ||b - A x||^2 (rows summed from the last; see the top); else 0. $reach holds
  ;; the smallest column of rows p..n-1 for each p. The pointers run down from the end of the matrix; each
  ;; row's entries are still summed in their order.
  (func (export "backward") (param $n i32) (param $rp i32) (param $cols i32) (param $vals i32) (param $diag i32)
    (param $invd i32) (param $b i32) (param $x i32) (param $omega f64) (param $reach i32) (param $withResidual i32)
    (result f64)
    (local $i i32) (local $s f64) (local $keep f64) (local $at8 i32) (local $at4 i32)
    (local $vp i32) (local $cp i32) (local $ve i32) (local $row i32)
    (local $p i32) (local $sum f64) (local $r f64)
    (local.set $keep (f64.sub (f64.const 1) (local.get $omega)))
    (local.set $i (local.get $n))
    (local.set $p (i32.sub (local.get $n) (i32.const 1)))
    (block $doneRows
      (loop $rows
        (br_if $doneRows (i32.eqz (local.get $i)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (local.set $at4 (i32.add (local.get $rp) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $at8 (i32.shl (local.get $i) (i32.const 3)))
        (local.set $s (f64.load (i32.add (local.get $b) (local.get $at8))))
        (local.set $row (i32.load (local.get $at4)))
        (local.set $vp (i32.add (local.get $vals) (i32.shl (local.get $row) (i32.const 3))))
        (local.set $cp (i32.add (local.get $cols) (i32.shl (local.get $row) (i32.const 2))))
        (local.set $ve (i32.add (local.get $vals)
          (i32.shl (i32.load (i32.add (local.get $diag) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3))))
        (block $doneLower
          (loop $entriesLower
            (br_if $doneLower (i32.ge_u (local.get $vp) (local.get $ve)))
            (local.set $s (f64.sub (local.get $s) (f64.mul (f64.load (local.get $vp))
              (f64.load (i32.add (local.get $x) (i32.load (local.get $cp)))))))
            (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
            (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
            (br $entriesLower)))
        ;; right of the diagonal from the row's last entry down, the nearest column (just updated) last
        (local.set $row (i32.load offset=4 (local.get $at4)))
        (local.set $vp (i32.add (local.get $vals) (i32.shl (local.get $row) (i32.const 3))))
        (local.set $cp (i32.add (local.get $cols) (i32.shl (local.get $row) (i32.const 2))))
        (local.set $ve (i32.add (local.get $ve) (i32.const 8)))
        (block $doneUpper
          (loop $entriesUpper
            (br_if $doneUpper (i32.le_u (local.get $vp) (local.get $ve)))
            (local.set $vp (i32.sub (local.get $vp) (i32.const 8)))
            (local.set $cp (i32.sub (local.get $cp) (i32.const 4)))
            (local.set $s (f64.sub (local.get $s) (f64.mul (f64.load (local.get $vp))
              (f64.load (i32.add (local.get $x) (i32.load (local.get $cp)))))))
            (br $entriesUpper)))
        (f64.store (i32.add (local.get $x) (local.get $at8))
          (f64.add
            (f64.mul (local.get $keep) (f64.load (i32.add (local.get $x) (local.get $at8))))
            (f64.mul (f64.mul (local.get $omega) (f64.load (i32.add (local.get $invd) (local.get $at8))))
              (local.get $s))))
        (if (local.get $withResidual)
          (then
            (block $doneResiduals
              (loop $residuals
                (br_if $doneResiduals (i32.lt_s (local.get $p) (i32.const 0)))
                (br_if $doneResiduals (i32.lt_s
                  (i32.load (i32.add (local.get $reach) (i32.shl (local.get $p) (i32.const 2)))) (local.get $i)))
                (local.set $r (f64.load (i32.add (local.get $b) (i32.shl (local.get $p) (i32.const 3)))))
                (local.set $row (i32.load (i32.add (local.get $rp) (i32.shl (local.get $p) (i32.const 2)))))
                (local.set $vp (i32.add (local.get $vals) (i32.shl (local.get $row) (i32.const 3))))
                (local.set $cp (i32.add (local.get $cols) (i32.shl (local.get $row) (i32.const 2))))
                (local.set $ve (i32.add (local.get $vals)
                  (i32.shl (i32.load offset=4 (i32.add (local.get $rp) (i32.shl (local.get $p) (i32.const 2))))
                    (i32.const 3))))
                (block $doneEntries
                  (loop $entries
                    (br_if $doneEntries (i32.ge_u (local.get $vp) (local.get $ve)))
                    (local.set $r (f64.sub (local.get $r) (f64.mul (f64.load (local.get $vp))
                      (f64.load (i32.add (local.get $x) (i32.load (local.get $cp)))))))
                    (local.set $vp (i32.add (local.get $vp) (i32.const 8)))
                    (local.set $cp (i32.add (local.get $cp) (i32.const 4)))
                    (br $entries)))
                (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $r) (local.get $r))))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br $residuals)))))
        (br $rows)))
    (local.get $sum))
)
