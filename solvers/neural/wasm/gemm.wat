;; Single-precision matrix product for dense layers on several threads, in WebAssembly with 128-bit SIMD
;; (f32x4). Source of gemm-wasm-bytes.ts, with the parts its `;; include` lines name (each replaced by that
;; file, in order); after editing one, run `npm run build:wasm`.
;;
;; C = A' B (+ bias, then relu), C row-major M x N with N a multiple of 4; A' is M x K, read through two
;; strides so that one kernel serves A (row i at i K, element k at k: $aRow = 4 K, $aStep = 4) and the
;; transpose of a K x M matrix (row i at i, element k at k M: $aRow = 4, $aStep = 4 M); B is K x N row-major.
;; Each element of C is one sum over k in increasing order from 0 (then + bias): one thread computes it, so
;; the bits do not depend on the number of threads. Threads share the memory (imported); gemmChunk computes
;; the rows [chunk size, (chunk + 1) size) of C, blocks of 4 rows x 8 columns (eight accumulators), then
;; 4 columns, then single rows.
(module
  (import "env" "memory" (memory 1 65536 shared))
  ;; include gemm-blocks.wat
  ;; include gemm-chunk.wat
)
