;; Gaussian-mixture E-step kernel in WebAssembly with 128-bit SIMD (f64x2): the squared Mahalanobis
;; distances through triangular precision factors, for blocks of points. Source of gmm-wasm-bytes.ts, with the
;; parts its `;; include` lines name (each replaced by that file, in order); after editing one, run
;; `npm run build:wasm`.
;;
;; Exactness: the lanes hold different points (never different terms of one sum), and every sum runs in
;; the order of triangularLogDensities in dense-kernels.ts, so the results are bit-for-bit the same.
;;
;; Threads: the memory is shared (imported). The block kernels run on one thread (wasm-kernels.ts); the
;; resident passes (axisPassChunk, fullPassChunk, momentsChunk: resident-passes.ts) run in chunks on any
;; number of threads, each chunk summing into a slot of its own, added in chunk order by the caller.
(module
  (import "env" "memory" (memory 1 65536 shared))
  ;; include gmm-blocks.wat
  ;; include gmm-bounded.wat
  ;; include gmm-axis.wat
  ;; include gmm-passes.wat
  ;; include gmm-pass-sums.wat
)
