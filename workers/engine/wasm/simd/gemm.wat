  ;; GEMM: C = A·B (+ bias, then ReLU on request), the kernel under every Dense layer and every
  ;; convolution gradient. Included into kernels.wat by build.mjs.
  ;;
  ;; B is first copied into panels of 8 columns ("packed", GotoBLAS-style) so the inner loop reads it
  ;; contiguously; A is read in place through its strides. A 4×8 register tile accumulates one
  ;; K-long dot product per element: per k, 2 loads of B (8 columns), 4 broadcast loads of A (4 rows), 8 multiply-adds into 8 accumulators — 11 of the
  ;; 16 vector registers V8 has on x64, so nothing spills.
  ;; `@MADD(a, b, c)` below is a · b + c: f32x4.relaxed_madd (a fused multiply-add where the CPU
  ;; has one) in the relaxed build, f32x4.mul then f32x4.add in the baseline one (build.mjs).
  ;;
  ;; Packed B (float32, zero-padded past the matrix edge): panels [ceil(N/8)][K][8] (8 columns of B
  ;; side by side for each k). A's element (4·ip + r, k) is at a + ip·a_block + r·a_row + k·a_k
  ;; (bytes): a row-major or transposed A in place, or A already in panels [M/4][K][4] (written so
  ;; by im2col_panels: a convolution's patchesᵀ, where a transposed read would use 16 bytes of every
  ;; 64-byte cache line).

  ;; Copies `outer` rows/columns of a strided matrix into panels of `width` (4 or 8):
  ;;   dst[(p·K + k)·width + l] = src[(p·width + l)·s_outer + k·s_k]   (0 past `outer`)
  ;; Strides are in elements. A [M, K] row-major: s_outer = K, s_k = 1; Aᵀ stored [K, M]: s_outer = 1,
  ;; s_k = M; B [K, N]: s_outer = 1, s_k = N; Bᵀ stored [N, K]: s_outer = K, s_k = 1.
  (func (export "gemm_pack")
    (param $src i32) (param $dst i32) (param $outer i32) (param $K i32) (param $width i32)
    (param $s_outer i32) (param $s_k i32)
    (local $p i32) (local $panels i32) (local $k i32) (local $l i32) (local $idx i32)
    (local $base i32) (local $row i32) (local $s_k_bytes i32) (local $s_outer_bytes i32)
    (local.set $panels (i32.div_u (i32.add (local.get $outer) (i32.sub (local.get $width) (i32.const 1))) (local.get $width)))
    (local.set $s_k_bytes (i32.shl (local.get $s_k) (i32.const 2)))
    (local.set $s_outer_bytes (i32.shl (local.get $s_outer) (i32.const 2)))
    (block $panels_done
      (loop $each_panel
        (br_if $panels_done (i32.ge_u (local.get $p) (local.get $panels)))
        ;; address of element (p·width, k = 0)
        (local.set $base (i32.add (local.get $src) (i32.mul (i32.mul (local.get $p) (local.get $width)) (local.get $s_outer_bytes))))
        (if (i32.and
              (i32.eq (local.get $s_outer) (i32.const 1))
              (i32.le_u (i32.mul (i32.add (local.get $p) (i32.const 1)) (local.get $width)) (local.get $outer)))
          (then
            ;; a full panel whose lanes are contiguous in memory: vector copies
            (local.set $k (i32.const 0))
            (block $copy_done
              (loop $copy
                (br_if $copy_done (i32.ge_u (local.get $k) (local.get $K)))
                (v128.store (local.get $dst) (v128.load (local.get $base)))
                (if (i32.eq (local.get $width) (i32.const 8))
                  (then (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $base)))))
                (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $width) (i32.const 2))))
                (local.set $base (i32.add (local.get $base) (local.get $s_k_bytes)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $copy))))
          (else
            ;; a strided gather, or the last, partial panel
            (local.set $k (i32.const 0))
            (block $gather_done
              (loop $gather
                (br_if $gather_done (i32.ge_u (local.get $k) (local.get $K)))
                (local.set $row (local.get $base))
                (local.set $l (i32.const 0))
                (block $lanes_done
                  (loop $lanes
                    (br_if $lanes_done (i32.ge_u (local.get $l) (local.get $width)))
                    (local.set $idx (i32.add (i32.mul (local.get $p) (local.get $width)) (local.get $l)))
                    (f32.store (local.get $dst)
                      (select (f32.load (local.get $row)) (f32.const 0) (i32.lt_u (local.get $idx) (local.get $outer))))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                    (local.set $row (i32.add (local.get $row) (local.get $s_outer_bytes)))
                    (local.set $l (i32.add (local.get $l) (i32.const 1)))
                    (br $lanes)))
                (local.set $base (i32.add (local.get $base) (local.get $s_k_bytes)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $gather)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $each_panel))))

  ;; One 4×8 tile of C: rows × cols (≤ 4 × 8) elements at $c, row stride $ldc_bytes.
  ;; $a: A's row 0 of the tile, $a_row/$a_k its byte strides; $b: B panel (K × 8); $bias: 8 floats
  ;; to start from (0: start from zero); $scratch: 128 bytes for a partial tile; $accumulate: start
  ;; from C's current values instead (a later chunk of K; $bias is then ignored).
  (func $gemm_tile
    (param $a i32) (param $a_row i32) (param $a_k i32) (param $b i32) (param $c i32) (param $K i32)
    (param $ldc_bytes i32) (param $rows i32) (param $cols i32) (param $bias i32) (param $relu i32) (param $scratch i32)
    (param $accumulate i32)
    (local $k i32) (local $r i32) (local $col i32) (local $out i32) (local $partial i32) (local $out_stride i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $av v128)
    ;; rows past M read the last row again (their results are never stored)
    (local.set $a0 (local.get $a))
    (local.set $a1 (i32.add (local.get $a) (i32.mul (local.get $a_row) (select (i32.const 1) (i32.sub (local.get $rows) (i32.const 1)) (i32.gt_u (local.get $rows) (i32.const 1))))))
    (local.set $a2 (i32.add (local.get $a) (i32.mul (local.get $a_row) (select (i32.const 2) (i32.sub (local.get $rows) (i32.const 1)) (i32.gt_u (local.get $rows) (i32.const 2))))))
    (local.set $a3 (i32.add (local.get $a) (i32.mul (local.get $a_row) (select (i32.const 3) (i32.sub (local.get $rows) (i32.const 1)) (i32.gt_u (local.get $rows) (i32.const 3))))))
    (local.set $partial (i32.or (i32.ne (local.get $rows) (i32.const 4)) (i32.ne (local.get $cols) (i32.const 8))))
    (if (local.get $accumulate)
      (then
        (local.set $out (local.get $c))
        (local.set $out_stride (local.get $ldc_bytes))
        (if (local.get $partial)
          (then
            ;; C's partial tile → scratch (rows × cols of 4 × 8), read from there
            (local.set $r (i32.const 0))
            (block $rows_in (loop $each_row_in
              (br_if $rows_in (i32.ge_u (local.get $r) (local.get $rows)))
              (local.set $col (i32.const 0))
              (block $cols_in (loop $each_col_in
                (br_if $cols_in (i32.ge_u (local.get $col) (local.get $cols)))
                (f32.store
                  (i32.add (local.get $scratch) (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $col)) (i32.const 2)))
                  (f32.load (i32.add (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc_bytes))) (i32.shl (local.get $col) (i32.const 2)))))
                (local.set $col (i32.add (local.get $col) (i32.const 1)))
                (br $each_col_in)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br $each_row_in)))
            (local.set $out (local.get $scratch))
            (local.set $out_stride (i32.const 32))))
        (local.set $c00 (v128.load (local.get $out)))
        (local.set $c01 (v128.load offset=16 (local.get $out)))
        (local.set $out (i32.add (local.get $out) (local.get $out_stride)))
        (local.set $c10 (v128.load (local.get $out)))
        (local.set $c11 (v128.load offset=16 (local.get $out)))
        (local.set $out (i32.add (local.get $out) (local.get $out_stride)))
        (local.set $c20 (v128.load (local.get $out)))
        (local.set $c21 (v128.load offset=16 (local.get $out)))
        (local.set $out (i32.add (local.get $out) (local.get $out_stride)))
        (local.set $c30 (v128.load (local.get $out)))
        (local.set $c31 (v128.load offset=16 (local.get $out))))
    (else (if (local.get $bias)
      (then
        (local.set $c00 (v128.load (local.get $bias)))
        (local.set $c01 (v128.load offset=16 (local.get $bias)))
        (local.set $c10 (local.get $c00)) (local.set $c11 (local.get $c01))
        (local.set $c20 (local.get $c00)) (local.set $c21 (local.get $c01))
        (local.set $c30 (local.get $c00)) (local.set $c31 (local.get $c01))))))
    (local.set $k (local.get $K))
    (loop $each_k
      (local.set $b0 (v128.load (local.get $b)))
      (local.set $b1 (v128.load offset=16 (local.get $b)))
      (local.set $av (v128.load32_splat (local.get $a0)))
      (local.set $c00 @MADD((local.get $av), (local.get $b0), (local.get $c00)))
      (local.set $c01 @MADD((local.get $av), (local.get $b1), (local.get $c01)))
      (local.set $av (v128.load32_splat (local.get $a1)))
      (local.set $c10 @MADD((local.get $av), (local.get $b0), (local.get $c10)))
      (local.set $c11 @MADD((local.get $av), (local.get $b1), (local.get $c11)))
      (local.set $av (v128.load32_splat (local.get $a2)))
      (local.set $c20 @MADD((local.get $av), (local.get $b0), (local.get $c20)))
      (local.set $c21 @MADD((local.get $av), (local.get $b1), (local.get $c21)))
      (local.set $av (v128.load32_splat (local.get $a3)))
      (local.set $c30 @MADD((local.get $av), (local.get $b0), (local.get $c30)))
      (local.set $c31 @MADD((local.get $av), (local.get $b1), (local.get $c31)))
      (local.set $a0 (i32.add (local.get $a0) (local.get $a_k)))
      (local.set $a1 (i32.add (local.get $a1) (local.get $a_k)))
      (local.set $a2 (i32.add (local.get $a2) (local.get $a_k)))
      (local.set $a3 (i32.add (local.get $a3) (local.get $a_k)))
      (local.set $b (i32.add (local.get $b) (i32.const 32)))
      (br_if $each_k (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    (if (local.get $relu)
      (then
        (local.set $c00 (f32x4.max (local.get $c00) (v128.const f32x4 0 0 0 0)))
        (local.set $c01 (f32x4.max (local.get $c01) (v128.const f32x4 0 0 0 0)))
        (local.set $c10 (f32x4.max (local.get $c10) (v128.const f32x4 0 0 0 0)))
        (local.set $c11 (f32x4.max (local.get $c11) (v128.const f32x4 0 0 0 0)))
        (local.set $c20 (f32x4.max (local.get $c20) (v128.const f32x4 0 0 0 0)))
        (local.set $c21 (f32x4.max (local.get $c21) (v128.const f32x4 0 0 0 0)))
        (local.set $c30 (f32x4.max (local.get $c30) (v128.const f32x4 0 0 0 0)))
        (local.set $c31 (f32x4.max (local.get $c31) (v128.const f32x4 0 0 0 0)))))
    ;; a full tile goes straight to C, a partial one through the scratch tile
    (local.set $out (select (local.get $scratch) (local.get $c) (local.get $partial)))
    (local.set $out_stride (select (i32.const 32) (local.get $ldc_bytes) (local.get $partial)))
    (v128.store (local.get $out) (local.get $c00))
    (v128.store offset=16 (local.get $out) (local.get $c01))
    (local.set $out (i32.add (local.get $out) (local.get $out_stride)))
    (v128.store (local.get $out) (local.get $c10))
    (v128.store offset=16 (local.get $out) (local.get $c11))
    (local.set $out (i32.add (local.get $out) (local.get $out_stride)))
    (v128.store (local.get $out) (local.get $c20))
    (v128.store offset=16 (local.get $out) (local.get $c21))
    (local.set $out (i32.add (local.get $out) (local.get $out_stride)))
    (v128.store (local.get $out) (local.get $c30))
    (v128.store offset=16 (local.get $out) (local.get $c31))
    (if (local.get $partial)
      (then
        (local.set $r (i32.const 0))
        (block $rows_done
          (loop $each_row
            (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $col (i32.const 0))
            (block $cols_done
              (loop $each_col
                (br_if $cols_done (i32.ge_u (local.get $col) (local.get $cols)))
                (f32.store
                  (i32.add (local.get $c) (i32.shl (local.get $col) (i32.const 2)))
                  (f32.load (i32.add (local.get $scratch) (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $col)) (i32.const 2)))))
                (local.set $col (i32.add (local.get $col) (i32.const 1)))
                (br $each_col)))
            (local.set $c (i32.add (local.get $c) (local.get $ldc_bytes)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $each_row))))))

  ;; C[M, N] (row stride ldc elements) for row blocks [ip0, ip1) (4 rows each, $a_block bytes apart
  ;; in A: 4 rows of a strided A, or one packed panel) × B panels [jp0, jp1)
  ;; — a caller splits the ranges between threads. $bias: packed bias (ceil(N/8)·8 floats) or 0.
  ;; $a_outer: 1 walks row blocks in the outer loop (4 rows of A stay in L1 while B streams from
  ;; L2: for tall A), 0 walks B panels outside (for wide B). $accumulate: C += A·B (a caller splits
  ;; a long K into chunks that stay in cache). K ≥ 1.
  (func (export "gemm_packed")
    (param $a i32) (param $a_block i32) (param $a_row i32) (param $a_k i32) (param $bp i32) (param $c i32) (param $bias i32)
    (param $M i32) (param $N i32) (param $K i32) (param $ldc i32)
    (param $ip0 i32) (param $ip1 i32) (param $jp0 i32) (param $jp1 i32)
    (param $relu i32) (param $scratch i32) (param $a_outer i32) (param $accumulate i32)
    (local $ip i32) (local $jp i32)
    (if (local.get $a_outer)
      (then
        (local.set $ip (local.get $ip0))
        (block $done
          (loop $each_a
            (br_if $done (i32.ge_u (local.get $ip) (local.get $ip1)))
            (local.set $jp (local.get $jp0))
            (block $row_done
              (loop $each_b
                (br_if $row_done (i32.ge_u (local.get $jp) (local.get $jp1)))
                (call $gemm_tile_at
                  (local.get $a) (local.get $a_block) (local.get $a_row) (local.get $a_k) (local.get $bp) (local.get $c) (local.get $bias) (local.get $M) (local.get $N)
                  (local.get $K) (local.get $ldc) (local.get $ip) (local.get $jp) (local.get $relu) (local.get $scratch)
                  (local.get $accumulate))
                (local.set $jp (i32.add (local.get $jp) (i32.const 1)))
                (br $each_b)))
            (local.set $ip (i32.add (local.get $ip) (i32.const 1)))
            (br $each_a))))
      (else
        (local.set $jp (local.get $jp0))
        (block $done
          (loop $each_b
            (br_if $done (i32.ge_u (local.get $jp) (local.get $jp1)))
            (local.set $ip (local.get $ip0))
            (block $col_done
              (loop $each_a
                (br_if $col_done (i32.ge_u (local.get $ip) (local.get $ip1)))
                (call $gemm_tile_at
                  (local.get $a) (local.get $a_block) (local.get $a_row) (local.get $a_k) (local.get $bp) (local.get $c) (local.get $bias) (local.get $M) (local.get $N)
                  (local.get $K) (local.get $ldc) (local.get $ip) (local.get $jp) (local.get $relu) (local.get $scratch)
                  (local.get $accumulate))
                (local.set $ip (i32.add (local.get $ip) (i32.const 1)))
                (br $each_a)))
            (local.set $jp (i32.add (local.get $jp) (i32.const 1)))
            (br $each_b))))))

  ;; The tile of row block $ip and B panel $jp.
  (func $gemm_tile_at
    (param $a i32) (param $a_block i32) (param $a_row i32) (param $a_k i32) (param $bp i32) (param $c i32) (param $bias i32) (param $M i32) (param $N i32)
    (param $K i32) (param $ldc i32) (param $ip i32) (param $jp i32) (param $relu i32) (param $scratch i32)
    (param $accumulate i32)
    (local $row i32) (local $col i32)
    (local.set $row (i32.shl (local.get $ip) (i32.const 2)))
    (local.set $col (i32.shl (local.get $jp) (i32.const 3)))
    (call $gemm_tile
      (i32.add (local.get $a) (i32.mul (local.get $ip) (local.get $a_block)))
      (local.get $a_row)
      (local.get $a_k)
      (i32.add (local.get $bp) (i32.mul (local.get $jp) (i32.shl (local.get $K) (i32.const 5))))
      (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $row) (local.get $ldc)) (local.get $col)) (i32.const 2)))
      (local.get $K)
      (i32.shl (local.get $ldc) (i32.const 2))
      (select (i32.const 4) (i32.sub (local.get $M) (local.get $row)) (i32.le_u (i32.add (local.get $row) (i32.const 4)) (local.get $M)))
      (select (i32.const 8) (i32.sub (local.get $N) (local.get $col)) (i32.le_u (i32.add (local.get $col) (i32.const 8)) (local.get $N)))
      (select (i32.add (local.get $bias) (i32.shl (local.get $col) (i32.const 2))) (i32.const 0) (local.get $bias))
      (local.get $relu)
      (local.get $scratch)
      (local.get $accumulate)))
