  ;; Products whose A is mostly exact zeros (an MNIST batch: ~80 % of its pixels are 0): C = A·B
  ;; (+ bias, ReLU) from A's non-zeros only. Skipping a zero term changes nothing: a multiply-add
  ;; of 0 leaves the sum as it was, and the terms that remain are added in the same order of k as
  ;; gemm_packed adds them, so C is the same float32 value the dense GEMM computes (for finite B).
  ;; Included into kernels.wat by build.mjs.
  ;;
  ;; A's non-zeros, row by row (CSR): for row i, entries starts[i] … starts[i + 1] − 1 of idx (k)
  ;; and vals (A[i, k]), k increasing. B row-major with row stride $ldb bytes; C's rows $ldc bytes.

  ;; Collects A's non-zeros; A's element (i, k) at a + i·a_row + k·a_k (bytes: a row-major A or a
  ;; transposed one in place). Returns their count, or −1 as soon as there are more than $limit
  ;; (the caller then runs the dense GEMM). NaN counts as non-zero.
  (func (export "sparse_rows")
    (param $a i32) (param $a_row i32) (param $a_k i32) (param $M i32) (param $K i32) (param $limit i32)
    (param $idx i32) (param $vals i32) (param $starts i32) (result i32)
    (local $i i32) (local $k i32) (local $nnz i32) (local $at i32) (local $x f32)
    (block $rows_done
      (loop $each_row
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $M)))
        (i32.store (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2))) (local.get $nnz))
        (local.set $at (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $a_row))))
        (local.set $k (i32.const 0))
        (block $k_done
          (loop $each_k
            (br_if $k_done (i32.ge_u (local.get $k) (local.get $K)))
            ;; a row stored contiguously skips four zeros at a time (MNIST rows have long runs of them)
            (if (i32.and (i32.eq (local.get $a_k) (i32.const 4)) (i32.le_u (i32.add (local.get $k) (i32.const 4)) (local.get $K)))
              (then
                (if (i32.eqz (v128.any_true (v128.load (local.get $at))))
                  (then
                    (local.set $at (i32.add (local.get $at) (i32.const 16)))
                    (local.set $k (i32.add (local.get $k) (i32.const 4)))
                    (br $each_k)))))
            (local.set $x (f32.load (local.get $at)))
            (if (f32.ne (local.get $x) (f32.const 0))
              (then
                (if (i32.ge_u (local.get $nnz) (local.get $limit)) (then (return (i32.const -1))))
                (i32.store (i32.add (local.get $idx) (i32.shl (local.get $nnz) (i32.const 2))) (local.get $k))
                (f32.store (i32.add (local.get $vals) (i32.shl (local.get $nnz) (i32.const 2))) (local.get $x))
                (local.set $nnz (i32.add (local.get $nnz) (i32.const 1)))))
            (local.set $at (i32.add (local.get $at) (local.get $a_k)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $each_k)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each_row)))
    (i32.store (i32.add (local.get $starts) (i32.shl (local.get $M) (i32.const 2))) (local.get $nnz))
    (local.get $nnz))

  ;; C's rows [$i0, $i1) (all N columns) from A's non-zeros (sparse_rows) and B; $bias: N floats
  ;; or 0. Column slices outside, rows inside, so the slice of B being read (K × 32 floats) stays
  ;; in cache across the rows. (Two rows at a time, sharing each load of B, measured slower: the
  ;; union of two rows' non-zeros has nearly twice the entries.)
  (func (export "sparse_gemm")
    (param $idx i32) (param $vals i32) (param $starts i32) (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32) (param $bias i32) (param $N i32) (param $i0 i32) (param $i1 i32) (param $relu i32)
    (local $i i32) (local $j i32)
    ;; 32 columns at a time
    (block $wide_done
      (loop $wide
        (br_if $wide_done (i32.gt_u (i32.add (local.get $j) (i32.const 32)) (local.get $N)))
        (local.set $i (local.get $i0))
        (block $wide_rows_done
          (loop $wide_rows
            (br_if $wide_rows_done (i32.ge_u (local.get $i) (local.get $i1)))
            (call $sparse_row32 (local.get $idx) (local.get $vals) (local.get $starts) (local.get $b) (local.get $ldb) (local.get $c) (local.get $ldc) (local.get $bias) (local.get $i) (local.get $j) (local.get $relu))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $wide_rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 32)))
        (br $wide)))
    ;; 4 columns at a time
    (block $narrow_done
      (loop $narrow
        (br_if $narrow_done (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $N)))
        (local.set $i (local.get $i0))
        (block $narrow_rows_done
          (loop $narrow_rows
            (br_if $narrow_rows_done (i32.ge_u (local.get $i) (local.get $i1)))
            (call $sparse_row4 (local.get $idx) (local.get $vals) (local.get $starts) (local.get $b) (local.get $ldb) (local.get $c) (local.get $ldc) (local.get $bias) (local.get $i) (local.get $j) (local.get $relu))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $narrow_rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $narrow)))
    ;; 1 column at a time
    (block $single_done
      (loop $single
        (br_if $single_done (i32.gt_u (i32.add (local.get $j) (i32.const 1)) (local.get $N)))
        (local.set $i (local.get $i0))
        (block $single_rows_done
          (loop $single_rows
            (br_if $single_rows_done (i32.ge_u (local.get $i) (local.get $i1)))
            (call $sparse_row1 (local.get $idx) (local.get $vals) (local.get $starts) (local.get $b) (local.get $ldb) (local.get $c) (local.get $ldc) (local.get $bias) (local.get $i) (local.get $j) (local.get $relu))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $single_rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $single))))

  ;; Row $i of C, columns [$j, $j + 32): 8 accumulators over the row's non-zeros of A.
  (func $sparse_row32
    (param $idx i32) (param $vals i32) (param $starts i32) (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32) (param $bias i32) (param $i i32) (param $j i32) (param $relu i32)
    (local $p i32) (local $end i32) (local $row i32) (local $out i32) (local $bias_at i32)
    (local $v v128) (local $w v128) (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $acc4 v128) (local $acc5 v128) (local $acc6 v128) (local $acc7 v128)
    (local.set $p (i32.load (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))))
    (local.set $end (i32.load offset=4 (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))))
    (local.set $b (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
    ;; the accumulators start at zero (a v128 local's initial value) or at the bias
    (if (local.get $bias)
      (then
        (local.set $bias_at (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $acc0 (v128.load offset=0 (local.get $bias_at)))
        (local.set $acc1 (v128.load offset=16 (local.get $bias_at)))
        (local.set $acc2 (v128.load offset=32 (local.get $bias_at)))
        (local.set $acc3 (v128.load offset=48 (local.get $bias_at)))
        (local.set $acc4 (v128.load offset=64 (local.get $bias_at)))
        (local.set $acc5 (v128.load offset=80 (local.get $bias_at)))
        (local.set $acc6 (v128.load offset=96 (local.get $bias_at)))
        (local.set $acc7 (v128.load offset=112 (local.get $bias_at)))))
    (block $done
      (loop $each
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $v (v128.load32_splat (i32.add (local.get $vals) (i32.shl (local.get $p) (i32.const 2)))))
      (local.set $row (i32.add (local.get $b) (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $p) (i32.const 2)))) (local.get $ldb))))
      (local.set $w (v128.load offset=0 (local.get $row)))
      (local.set $acc0 @MADD((local.get $v), (local.get $w), (local.get $acc0)))
      (local.set $w (v128.load offset=16 (local.get $row)))
      (local.set $acc1 @MADD((local.get $v), (local.get $w), (local.get $acc1)))
      (local.set $w (v128.load offset=32 (local.get $row)))
      (local.set $acc2 @MADD((local.get $v), (local.get $w), (local.get $acc2)))
      (local.set $w (v128.load offset=48 (local.get $row)))
      (local.set $acc3 @MADD((local.get $v), (local.get $w), (local.get $acc3)))
      (local.set $w (v128.load offset=64 (local.get $row)))
      (local.set $acc4 @MADD((local.get $v), (local.get $w), (local.get $acc4)))
      (local.set $w (v128.load offset=80 (local.get $row)))
      (local.set $acc5 @MADD((local.get $v), (local.get $w), (local.get $acc5)))
      (local.set $w (v128.load offset=96 (local.get $row)))
      (local.set $acc6 @MADD((local.get $v), (local.get $w), (local.get $acc6)))
      (local.set $w (v128.load offset=112 (local.get $row)))
      (local.set $acc7 @MADD((local.get $v), (local.get $w), (local.get $acc7)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $each)))
    (if (local.get $relu)
      (then
        (local.set $acc0 (f32x4.max (local.get $acc0) (v128.const f32x4 0 0 0 0)))
        (local.set $acc1 (f32x4.max (local.get $acc1) (v128.const f32x4 0 0 0 0)))
        (local.set $acc2 (f32x4.max (local.get $acc2) (v128.const f32x4 0 0 0 0)))
        (local.set $acc3 (f32x4.max (local.get $acc3) (v128.const f32x4 0 0 0 0)))
        (local.set $acc4 (f32x4.max (local.get $acc4) (v128.const f32x4 0 0 0 0)))
        (local.set $acc5 (f32x4.max (local.get $acc5) (v128.const f32x4 0 0 0 0)))
        (local.set $acc6 (f32x4.max (local.get $acc6) (v128.const f32x4 0 0 0 0)))
        (local.set $acc7 (f32x4.max (local.get $acc7) (v128.const f32x4 0 0 0 0)))))
    (local.set $out (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 2)))))
    (v128.store offset=0 (local.get $out) (local.get $acc0))
    (v128.store offset=16 (local.get $out) (local.get $acc1))
    (v128.store offset=32 (local.get $out) (local.get $acc2))
    (v128.store offset=48 (local.get $out) (local.get $acc3))
    (v128.store offset=64 (local.get $out) (local.get $acc4))
    (v128.store offset=80 (local.get $out) (local.get $acc5))
    (v128.store offset=96 (local.get $out) (local.get $acc6))
    (v128.store offset=112 (local.get $out) (local.get $acc7)))

  ;; Row $i of C, columns [$j, $j + 4): 1 accumulator over the row's non-zeros of A.
  (func $sparse_row4
    (param $idx i32) (param $vals i32) (param $starts i32) (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32) (param $bias i32) (param $i i32) (param $j i32) (param $relu i32)
    (local $p i32) (local $end i32) (local $row i32) (local $out i32) (local $bias_at i32)
    (local $v v128) (local $w v128) (local $acc0 v128)
    (local.set $p (i32.load (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))))
    (local.set $end (i32.load offset=4 (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))))
    (local.set $b (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
    ;; the accumulators start at zero (a v128 local's initial value) or at the bias
    (if (local.get $bias)
      (then
        (local.set $bias_at (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $acc0 (v128.load offset=0 (local.get $bias_at)))))
    (block $done
      (loop $each
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $v (v128.load32_splat (i32.add (local.get $vals) (i32.shl (local.get $p) (i32.const 2)))))
      (local.set $row (i32.add (local.get $b) (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $p) (i32.const 2)))) (local.get $ldb))))
      (local.set $w (v128.load offset=0 (local.get $row)))
      (local.set $acc0 @MADD((local.get $v), (local.get $w), (local.get $acc0)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $each)))
    (if (local.get $relu)
      (then
        (local.set $acc0 (f32x4.max (local.get $acc0) (v128.const f32x4 0 0 0 0)))))
    (local.set $out (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 2)))))
    (v128.store offset=0 (local.get $out) (local.get $acc0)))

  ;; Row $i of C, column $j (the last N mod 4): lane 0 of one accumulator, with the same
  ;; multiply-add as the vector columns.
  (func $sparse_row1
    (param $idx i32) (param $vals i32) (param $starts i32) (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32) (param $bias i32) (param $i i32) (param $j i32) (param $relu i32)
    (local $p i32) (local $end i32) (local $v v128) (local $w v128) (local $acc0 v128)
    (local.set $p (i32.load (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))))
    (local.set $end (i32.load offset=4 (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))))
    (local.set $b (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
    (if (local.get $bias)
      (then (local.set $acc0 (v128.load32_zero (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (v128.load32_splat (i32.add (local.get $vals) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $w (v128.load32_zero (i32.add (local.get $b) (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $p) (i32.const 2)))) (local.get $ldb)))))
        (local.set $acc0 @MADD((local.get $v), (local.get $w), (local.get $acc0)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $each)))
    (if (local.get $relu)
      (then (local.set $acc0 (f32x4.max (local.get $acc0) (v128.const f32x4 0 0 0 0)))))
    (f32.store
      (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 2))))
      (f32x4.extract_lane 0 (local.get $acc0))))
