;; k-means kernels in WebAssembly with 128-bit SIMD (f64x2), for the Lloyd and Hamerly solvers.
;; Source of kmeans-wasm-bytes.ts, with the parts its `;; include` lines name (each replaced by that file, in
;; order); after editing one, run `npm run build:wasm`.
;;
;; Exactness: every distance is summed over the coordinates in order t = 0..d-1, as the JavaScript kernels
;; do; the two f64x2 lanes hold two different centroids (never two coordinates), so each lane's sum is the
;; scalar sum, bit for bit. Sums of points and weights are accumulated in point order, lane = coordinate.
;; Ties: a point's label is the lowest index among the centroids at its smallest distance (exact equality
;; of the sums). The search takes no branch on a distance (they mispredict on overlapping clusters): a
;; group of eight centroids gives its minimum by lane-wise minima (f64x2.pmin: `b < a ? b : a`, exact),
;; its index as the lowest set bit of the mask of distances equal to that minimum, and a later group
;; replaces the best only when strictly smaller. The second-smallest distance (Hamerly's bound) is that
;; of the multiset of distances: equal to the smallest on a tie, as the JavaScript kernels give it.
;;
;; Threads: the memory is shared (imported); every pass has a chunk entry point (`...Chunk`, first
;; parameter the chunk index) that works on points [chunk size, (chunk + 1) size) and writes its partial
;; sums to the chunk's own slot of $partials, zeroed first, so threads may run chunks in any order; the
;; caller adds the slots in chunk order.
;; Weights: $w = 0 means every weight is 1 (nothing in memory; 1 w = w, the same bits). Labels and bounds:
;; a pass may write them over the previous ones ($labels = $prev, $lower = $prevLower): each point's
;; previous label and bound are read before its new ones are written.
;; Layout (byte offsets chosen by the caller): points x row-major (n x d f64); centroids transposed in
;; pairs of centroids, groups of four pairs first: group g, coordinate t, pair q of the group, lane at
;; f64 index g 8 d + t 8 + q 2 + lane (centroid 8 g + 2 q + lane); then each remaining pair r at
;; G 8 d + r 2 d + t 2 + lane (G whole groups). A missing odd centroid is +inf.
(module
  (import "env" "memory" (memory 1 65536 shared))
  (global $best (mut i32) (i32.const 0))
  (global $bestDistance (mut f64) (f64.const 0))
  (global $secondDistance (mut f64) (f64.const 0))
  (global $best2 (mut i32) (i32.const 0))
  (global $bestDistance2 (mut f64) (f64.const 0))
  (global $secondDistance2 (mut f64) (f64.const 0))

  ;; include kmeans-nearest.wat
  ;; include kmeans-passes.wat
  ;; include kmeans-chunks.wat
)
