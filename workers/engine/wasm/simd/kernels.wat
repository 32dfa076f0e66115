;; MNIST Lab's own WebAssembly SIMD kernels. They run on tfjs-backend-wasm's heap (its memory is
;; imported), so tensors are passed as byte offsets and nothing is copied.
;; Built by workers/engine/wasm/simd/build.mjs into four binaries: unshared memory (the
;; single-threaded tfjs binaries) or shared (the threaded one), each baseline SIMD or relaxed SIMD
;; (where the engine has it: the GEMM's multiply-adds fused). @MEMORY@ is replaced by the memory
;; type, each @INCLUDE line by that file.
;;
;; Every kernel but the GEMM computes exactly the float32 operations of the tfjs op chain it
;; replaces, in the same order (tfjs' optimizers, Relu's gradient), so results match the stock path.
;; Loops: 4 lanes at a time, then a scalar tail for the last n mod 4 elements.
(module
  (import "env" "memory" (memory @MEMORY@))

  ;; ReLU backward: out = dy · (x > 0 ? 1 : 0)   (tfjs: mul(dy, cast(step(x), 'float32')))
  (func (export "relu_grad") (param $dy i32) (param $x i32) (param $out i32) (param $n i32)
    (local $i i32) (local $vec_end i32) (local $end i32)
    (local.set $vec_end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $vec_done
      (loop $vec
        (br_if $vec_done (i32.ge_u (local.get $i) (local.get $vec_end)))
        (v128.store (i32.add (local.get $out) (local.get $i))
          (f32x4.mul
            (v128.load (i32.add (local.get $dy) (local.get $i)))
            (v128.and
              (f32x4.gt (v128.load (i32.add (local.get $x) (local.get $i))) (v128.const f32x4 0 0 0 0))
              (v128.const f32x4 1 1 1 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (f32.store (i32.add (local.get $out) (local.get $i))
          (f32.mul
            (f32.load (i32.add (local.get $dy) (local.get $i)))
            (select (f32.const 1) (f32.const 0)
              (f32.gt (f32.load (i32.add (local.get $x) (local.get $i))) (f32.const 0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))

  ;; out[c] = Σ_r x[r, c] for x [rows, cols] (row-major), rows summed in order.
  (func (export "column_sum") (param $x i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $c i32) (local $r i32) (local $row i32) (local $row_bytes i32) (local $vec_end i32)
    (local.set $row_bytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $vec_end (i32.shl (i32.and (local.get $cols) (i32.const -4)) (i32.const 2)))
    ;; out = first row (or zeros when there are no rows)
    (local.set $c (i32.const 0))
    (block $init_done
      (loop $init
        (br_if $init_done (i32.ge_u (local.get $c) (local.get $row_bytes)))
        (f32.store (i32.add (local.get $out) (local.get $c))
          (select (f32.load (i32.add (local.get $x) (local.get $c))) (f32.const 0) (local.get $rows)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $init)))
    (local.set $r (i32.const 1))
    (local.set $row (i32.add (local.get $x) (local.get $row_bytes)))
    (block $rows_done
      (loop $each_row
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $c (i32.const 0))
        (block $vec_done
          (loop $vec
            (br_if $vec_done (i32.ge_u (local.get $c) (local.get $vec_end)))
            (v128.store (i32.add (local.get $out) (local.get $c))
              (f32x4.add
                (v128.load (i32.add (local.get $out) (local.get $c)))
                (v128.load (i32.add (local.get $row) (local.get $c)))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $vec)))
        (block $tail_done
          (loop $tail
            (br_if $tail_done (i32.ge_u (local.get $c) (local.get $row_bytes)))
            (f32.store (i32.add (local.get $out) (local.get $c))
              (f32.add
                (f32.load (i32.add (local.get $out) (local.get $c)))
                (f32.load (i32.add (local.get $row) (local.get $c)))))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $tail)))
        (local.set $row (i32.add (local.get $row) (local.get $row_bytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $each_row))))

  ;; MaxPool 2×2 / stride 2 / no padding gradient, NHWC, C a multiple of 4. Each input gets its
  ;; window's dy if it is the window's FIRST strict maximum (row-major order, from -∞), else 0 —
  ;; the cpu backend's rule. Rows/cols beyond 2·OH / 2·OW are not written (the caller zeroes them).
  (func (export "max_pool_grad_2x2")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $n i32) (param $h i32) (param $w i32) (param $ch i32) (param $oh i32) (param $ow i32)
    (local $b i32) (local $r i32) (local $q i32) (local $k i32)
    (local $ch_bytes i32) (local $row_bytes i32) (local $at i32) (local $g i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $m v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $grad v128)
    (local.set $ch_bytes (i32.shl (local.get $ch) (i32.const 2)))
    (local.set $row_bytes (i32.mul (local.get $w) (local.get $ch_bytes)))
    (local.set $g (local.get $dy))
    (block $b_done
      (loop $each_b
        (br_if $b_done (i32.ge_u (local.get $b) (local.get $n)))
        (local.set $r (i32.const 0))
        (block $r_done
          (loop $each_r
            (br_if $r_done (i32.ge_u (local.get $r) (local.get $oh)))
            (local.set $q (i32.const 0))
            (block $q_done
              (loop $each_q
                (br_if $q_done (i32.ge_u (local.get $q) (local.get $ow)))
                ;; byte offset of window (r, q)'s top-left element in batch b
                (local.set $at
                  (i32.add
                    (i32.mul (local.get $b) (i32.mul (local.get $h) (local.get $row_bytes)))
                    (i32.add
                      (i32.mul (i32.shl (local.get $r) (i32.const 1)) (local.get $row_bytes))
                      (i32.mul (i32.shl (local.get $q) (i32.const 1)) (local.get $ch_bytes)))))
                (local.set $k (i32.const 0))
                (block $k_done
                  (loop $each_k
                    (br_if $k_done (i32.ge_u (local.get $k) (local.get $ch_bytes)))
                    (local.set $v0 (v128.load (i32.add (local.get $x) (i32.add (local.get $at) (local.get $k)))))
                    (local.set $v1 (v128.load (i32.add (local.get $x) (i32.add (i32.add (local.get $at) (local.get $ch_bytes)) (local.get $k)))))
                    (local.set $v2 (v128.load (i32.add (local.get $x) (i32.add (i32.add (local.get $at) (local.get $row_bytes)) (local.get $k)))))
                    (local.set $v3 (v128.load (i32.add (local.get $x)
                      (i32.add (i32.add (local.get $at) (i32.add (local.get $row_bytes) (local.get $ch_bytes))) (local.get $k)))))
                    (local.set $grad (v128.load (local.get $g)))
                    ;; running maximum m (stays -∞ while only NaN/-∞ were seen) and one-hot masks
                    (local.set $c0 (f32x4.gt (local.get $v0) (v128.const f32x4 -inf -inf -inf -inf)))
                    (local.set $m (v128.bitselect (local.get $v0) (v128.const f32x4 -inf -inf -inf -inf) (local.get $c0)))
                    (local.set $c1 (f32x4.gt (local.get $v1) (local.get $m)))
                    (local.set $m (v128.bitselect (local.get $v1) (local.get $m) (local.get $c1)))
                    (local.set $c0 (v128.andnot (local.get $c0) (local.get $c1)))
                    (local.set $c2 (f32x4.gt (local.get $v2) (local.get $m)))
                    (local.set $m (v128.bitselect (local.get $v2) (local.get $m) (local.get $c2)))
                    (local.set $c0 (v128.andnot (local.get $c0) (local.get $c2)))
                    (local.set $c1 (v128.andnot (local.get $c1) (local.get $c2)))
                    (local.set $c3 (f32x4.gt (local.get $v3) (local.get $m)))
                    (local.set $c0 (v128.andnot (local.get $c0) (local.get $c3)))
                    (local.set $c1 (v128.andnot (local.get $c1) (local.get $c3)))
                    (local.set $c2 (v128.andnot (local.get $c2) (local.get $c3)))
                    (v128.store (i32.add (local.get $dx) (i32.add (local.get $at) (local.get $k)))
                      (v128.and (local.get $grad) (local.get $c0)))
                    (v128.store (i32.add (local.get $dx) (i32.add (i32.add (local.get $at) (local.get $ch_bytes)) (local.get $k)))
                      (v128.and (local.get $grad) (local.get $c1)))
                    (v128.store (i32.add (local.get $dx) (i32.add (i32.add (local.get $at) (local.get $row_bytes)) (local.get $k)))
                      (v128.and (local.get $grad) (local.get $c2)))
                    (v128.store (i32.add (local.get $dx)
                      (i32.add (i32.add (local.get $at) (i32.add (local.get $row_bytes) (local.get $ch_bytes))) (local.get $k)))
                      (v128.and (local.get $grad) (local.get $c3)))
                    (local.set $g (i32.add (local.get $g) (i32.const 16)))
                    (local.set $k (i32.add (local.get $k) (i32.const 16)))
                    (br $each_k)))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $each_q)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $each_r)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $each_b))))

  ;; 2×2 max-pool forward, stride 2, no padding, channels a multiple of 4: each window's maximum as
  ;; the cpu backend takes it — strict > from −∞, so NaN never wins and an all-NaN window gives −∞
  ;; (the same rule max_pool_grad_2x2 routes the gradient by).
  (func (export "max_pool_2x2")
    (param $x i32) (param $y i32)
    (param $n i32) (param $h i32) (param $w i32) (param $ch i32) (param $oh i32) (param $ow i32)
    (local $b i32) (local $r i32) (local $q i32) (local $k i32)
    (local $ch_bytes i32) (local $row_bytes i32) (local $at i32) (local $m v128) (local $v v128)
    (local.set $ch_bytes (i32.shl (local.get $ch) (i32.const 2)))
    (local.set $row_bytes (i32.mul (local.get $w) (local.get $ch_bytes)))
    (block $b_done
      (loop $each_b
        (br_if $b_done (i32.ge_u (local.get $b) (local.get $n)))
        (local.set $r (i32.const 0))
        (block $r_done
          (loop $each_r
            (br_if $r_done (i32.ge_u (local.get $r) (local.get $oh)))
            (local.set $q (i32.const 0))
            (block $q_done
              (loop $each_q
                (br_if $q_done (i32.ge_u (local.get $q) (local.get $ow)))
                ;; window (r, q)'s top-left element in batch b
                (local.set $at
                  (i32.add (local.get $x)
                    (i32.add
                      (i32.mul (local.get $b) (i32.mul (local.get $h) (local.get $row_bytes)))
                      (i32.add
                        (i32.mul (i32.shl (local.get $r) (i32.const 1)) (local.get $row_bytes))
                        (i32.mul (i32.shl (local.get $q) (i32.const 1)) (local.get $ch_bytes))))))
                (local.set $k (i32.const 0))
                (block $k_done
                  (loop $each_k
                    (br_if $k_done (i32.ge_u (local.get $k) (local.get $ch_bytes)))
                    (local.set $m (v128.const f32x4 -inf -inf -inf -inf))
                    (local.set $v (v128.load (i32.add (local.get $at) (local.get $k))))
                    (local.set $m (v128.bitselect (local.get $v) (local.get $m) (f32x4.gt (local.get $v) (local.get $m))))
                    (local.set $v (v128.load (i32.add (i32.add (local.get $at) (local.get $ch_bytes)) (local.get $k))))
                    (local.set $m (v128.bitselect (local.get $v) (local.get $m) (f32x4.gt (local.get $v) (local.get $m))))
                    (local.set $v (v128.load (i32.add (i32.add (local.get $at) (local.get $row_bytes)) (local.get $k))))
                    (local.set $m (v128.bitselect (local.get $v) (local.get $m) (f32x4.gt (local.get $v) (local.get $m))))
                    (local.set $v (v128.load (i32.add (i32.add (local.get $at) (i32.add (local.get $row_bytes) (local.get $ch_bytes))) (local.get $k))))
                    (local.set $m (v128.bitselect (local.get $v) (local.get $m) (f32x4.gt (local.get $v) (local.get $m))))
                    (v128.store (local.get $y) (local.get $m))
                    (local.set $y (i32.add (local.get $y) (i32.const 16)))
                    (local.set $k (i32.add (local.get $k) (i32.const 16)))
                    (br $each_k)))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $each_q)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $each_r)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $each_b))))

  ;; RMSprop (tfjs 4.22, not centered), in place on ms and mom, the new value into out:
  ;;   ms' = ms·decay + g²·(1 − decay);  mom' = mom·momentum + g·lr / √(ms' + ε);  out = var − mom'
  (func (export "rmsprop")
    (param $var i32) (param $grad i32) (param $ms i32) (param $mom i32) (param $out i32) (param $n i32)
    (param $decay f32) (param $one_minus_decay f32) (param $lr f32) (param $eps f32) (param $momentum f32)
    (local $i i32) (local $vec_end i32) (local $end i32)
    (local $g v128) (local $s v128) (local $p v128)
    (local $gs f32) (local $ss f32) (local $ps f32)
    (local.set $vec_end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $vec_done
      (loop $vec
        (br_if $vec_done (i32.ge_u (local.get $i) (local.get $vec_end)))
        (local.set $g (v128.load (i32.add (local.get $grad) (local.get $i))))
        (local.set $s
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $ms) (local.get $i))) (f32x4.splat (local.get $decay)))
            (f32x4.mul (f32x4.mul (local.get $g) (local.get $g)) (f32x4.splat (local.get $one_minus_decay)))))
        (local.set $p
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $mom) (local.get $i))) (f32x4.splat (local.get $momentum)))
            (f32x4.div
              (f32x4.mul (local.get $g) (f32x4.splat (local.get $lr)))
              (f32x4.sqrt (f32x4.add (local.get $s) (f32x4.splat (local.get $eps)))))))
        (v128.store (i32.add (local.get $ms) (local.get $i)) (local.get $s))
        (v128.store (i32.add (local.get $mom) (local.get $i)) (local.get $p))
        (v128.store (i32.add (local.get $out) (local.get $i))
          (f32x4.sub (v128.load (i32.add (local.get $var) (local.get $i))) (local.get $p)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gs (f32.load (i32.add (local.get $grad) (local.get $i))))
        (local.set $ss
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $ms) (local.get $i))) (local.get $decay))
            (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $one_minus_decay))))
        (local.set $ps
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $mom) (local.get $i))) (local.get $momentum))
            (f32.div
              (f32.mul (local.get $gs) (local.get $lr))
              (f32.sqrt (f32.add (local.get $ss) (local.get $eps))))))
        (f32.store (i32.add (local.get $ms) (local.get $i)) (local.get $ss))
        (f32.store (i32.add (local.get $mom) (local.get $i)) (local.get $ps))
        (f32.store (i32.add (local.get $out) (local.get $i))
          (f32.sub (f32.load (i32.add (local.get $var) (local.get $i))) (local.get $ps)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))

  ;; Adam (tfjs 4.22), in place on m and v, the new value into out:
  ;;   m' = m·β1 + g·(1 − β1);  v' = v·β2 + g²·(1 − β2)
  ;;   out = (m' / (1 − β1ᵗ)) / (√(v' / (1 − β2ᵗ)) + ε) · (−lr) + var
  (func (export "adam")
    (param $var i32) (param $grad i32) (param $m1 i32) (param $m2 i32) (param $out i32) (param $n i32)
    (param $beta1 f32) (param $one_minus_beta1 f32) (param $beta2 f32) (param $one_minus_beta2 f32)
    (param $bias1 f32) (param $bias2 f32) (param $neg_lr f32) (param $eps f32)
    (local $i i32) (local $vec_end i32) (local $end i32)
    (local $g v128) (local $a v128) (local $b v128)
    (local $gs f32) (local $as f32) (local $bs f32)
    (local.set $vec_end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $vec_done
      (loop $vec
        (br_if $vec_done (i32.ge_u (local.get $i) (local.get $vec_end)))
        (local.set $g (v128.load (i32.add (local.get $grad) (local.get $i))))
        (local.set $a
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $m1) (local.get $i))) (f32x4.splat (local.get $beta1)))
            (f32x4.mul (local.get $g) (f32x4.splat (local.get $one_minus_beta1)))))
        (local.set $b
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $m2) (local.get $i))) (f32x4.splat (local.get $beta2)))
            (f32x4.mul (f32x4.mul (local.get $g) (local.get $g)) (f32x4.splat (local.get $one_minus_beta2)))))
        (v128.store (i32.add (local.get $m1) (local.get $i)) (local.get $a))
        (v128.store (i32.add (local.get $m2) (local.get $i)) (local.get $b))
        (v128.store (i32.add (local.get $out) (local.get $i))
          (f32x4.add
            (f32x4.mul
              (f32x4.div
                (f32x4.div (local.get $a) (f32x4.splat (local.get $bias1)))
                (f32x4.add (f32x4.sqrt (f32x4.div (local.get $b) (f32x4.splat (local.get $bias2)))) (f32x4.splat (local.get $eps))))
              (f32x4.splat (local.get $neg_lr)))
            (v128.load (i32.add (local.get $var) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gs (f32.load (i32.add (local.get $grad) (local.get $i))))
        (local.set $as
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $m1) (local.get $i))) (local.get $beta1))
            (f32.mul (local.get $gs) (local.get $one_minus_beta1))))
        (local.set $bs
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $m2) (local.get $i))) (local.get $beta2))
            (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $one_minus_beta2))))
        (f32.store (i32.add (local.get $m1) (local.get $i)) (local.get $as))
        (f32.store (i32.add (local.get $m2) (local.get $i)) (local.get $bs))
        (f32.store (i32.add (local.get $out) (local.get $i))
          (f32.add
            (f32.mul
              (f32.div
                (f32.div (local.get $as) (local.get $bias1))
                (f32.add (f32.sqrt (f32.div (local.get $bs) (local.get $bias2))) (local.get $eps)))
              (local.get $neg_lr))
            (f32.load (i32.add (local.get $var) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))

  ;; SGD with momentum (tfjs 4.22), in place on acc, the new value into out; c = −lr:
  ;;   acc' = m·acc + g;  out = c·(g + acc'·m) + var (Nesterov)  or  c·acc' + var
  (func (export "momentum")
    (param $var i32) (param $grad i32) (param $acc i32) (param $out i32) (param $n i32)
    (param $m f32) (param $c f32) (param $nesterov i32)
    (local $i i32) (local $vec_end i32) (local $end i32)
    (local $g v128) (local $a v128) (local $gs f32) (local $as f32)
    (local.set $vec_end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $vec_done
      (loop $vec
        (br_if $vec_done (i32.ge_u (local.get $i) (local.get $vec_end)))
        (local.set $g (v128.load (i32.add (local.get $grad) (local.get $i))))
        (local.set $a
          (f32x4.add (f32x4.mul (f32x4.splat (local.get $m)) (v128.load (i32.add (local.get $acc) (local.get $i)))) (local.get $g)))
        (v128.store (i32.add (local.get $acc) (local.get $i)) (local.get $a))
        (v128.store (i32.add (local.get $out) (local.get $i))
          (f32x4.add
            (f32x4.mul (f32x4.splat (local.get $c))
              (select (result v128)
                (f32x4.add (local.get $g) (f32x4.mul (local.get $a) (f32x4.splat (local.get $m))))
                (local.get $a)
                (local.get $nesterov)))
            (v128.load (i32.add (local.get $var) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gs (f32.load (i32.add (local.get $grad) (local.get $i))))
        (local.set $as (f32.add (f32.mul (local.get $m) (f32.load (i32.add (local.get $acc) (local.get $i)))) (local.get $gs)))
        (f32.store (i32.add (local.get $acc) (local.get $i)) (local.get $as))
        (f32.store (i32.add (local.get $out) (local.get $i))
          (f32.add
            (f32.mul (local.get $c)
              (select
                (f32.add (local.get $gs) (f32.mul (local.get $as) (local.get $m)))
                (local.get $as)
                (local.get $nesterov)))
            (f32.load (i32.add (local.get $var) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))

  ;; plain SGD (tfjs 4.22): out = c·g + var, c = −lr
  (func (export "sgd") (param $var i32) (param $grad i32) (param $out i32) (param $n i32) (param $c f32)
    (local $i i32) (local $vec_end i32) (local $end i32)
    (local.set $vec_end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $vec_done
      (loop $vec
        (br_if $vec_done (i32.ge_u (local.get $i) (local.get $vec_end)))
        (v128.store (i32.add (local.get $out) (local.get $i))
          (f32x4.add
            (f32x4.mul (f32x4.splat (local.get $c)) (v128.load (i32.add (local.get $grad) (local.get $i))))
            (v128.load (i32.add (local.get $var) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vec)))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (f32.store (i32.add (local.get $out) (local.get $i))
          (f32.add
            (f32.mul (local.get $c) (f32.load (i32.add (local.get $grad) (local.get $i))))
            (f32.load (i32.add (local.get $var) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))

;; @INCLUDE gemm.wat
;; @INCLUDE im2col.wat
;; @INCLUDE sparse.wat
)
