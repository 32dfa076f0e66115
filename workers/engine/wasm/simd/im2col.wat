  ;; Convolution patches for the GEMM (NHWC, float32). Included into kernels.wat by build.mjs.
  ;;
  ;; im2col: patches [N·OH·OW, KH·KW·CI], one row per output pixel in the filter's (kh, kw, ci)
  ;; order, zeros where the window hangs over the padding. With stride 1 along W a window row
  ;; (KW·CI floats) is one contiguous run of x, so most of the work is block copies.
  ;; col2im: the adjoint, dx[n, ih, iw, ci] += cols[p, (kh·KW + kw)·CI + ci] (dx zeroed first).

  ;; out[0 … n) = in[0 … n) (floats): 4 at a time, then one by one
  (func $copy_floats (param $dst i32) (param $src i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $vec_done
      (loop $vec
        (br_if $vec_done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store (local.get $dst) (v128.load (local.get $src)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (br $vec)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (f32.store (local.get $dst) (f32.load (local.get $src)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (local.set $src (i32.add (local.get $src) (i32.const 4)))
        (br $tail))))

  ;; dst[0 … n) += src[0 … n) (floats)
  (func $add_floats (param $dst i32) (param $src i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $vec_done
      (loop $vec
        (br_if $vec_done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $dst)) (v128.load (local.get $src))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (br $vec)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $done
      (loop $tail
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (f32.store (local.get $dst) (f32.add (f32.load (local.get $dst)) (f32.load (local.get $src))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (local.set $src (i32.add (local.get $src) (i32.const 4)))
        (br $tail))))

  ;; Walks every (output pixel, kh, kw) of a convolution and, where the input pixel exists, copies
  ;; CI floats x → patches ($adjoint = 0) or adds CI floats patches → x ($adjoint = 1). Padding
  ;; cells of the patches are zeroed ($adjoint = 0) or skipped ($adjoint = 1). Runs of kw that are
  ;; all inside the input with stride 1 along W are handled as one block of KW·CI floats.
  (func $patches (param $x i32) (param $cols i32)
    (param $N i32) (param $H i32) (param $W i32) (param $CI i32) (param $OH i32) (param $OW i32)
    (param $KH i32) (param $KW i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (param $adjoint i32)
    (local $n i32) (local $oh i32) (local $ow i32) (local $kh i32) (local $kw i32) (local $ih i32) (local $iw i32)
    (local $row_floats i32) (local $at i32) (local $cell i32)
    (local.set $row_floats (i32.mul (local.get $KW) (local.get $CI)))
    (local.set $n (i32.const 0))
    (block $n_done (loop $each_n
      (br_if $n_done (i32.ge_u (local.get $n) (local.get $N)))
      (local.set $oh (i32.const 0))
      (block $oh_done (loop $each_oh
        (br_if $oh_done (i32.ge_u (local.get $oh) (local.get $OH)))
        (local.set $ow (i32.const 0))
        (block $ow_done (loop $each_ow
          (br_if $ow_done (i32.ge_u (local.get $ow) (local.get $OW)))
          (local.set $kh (i32.const 0))
          (block $kh_done (loop $each_kh
            (br_if $kh_done (i32.ge_u (local.get $kh) (local.get $KH)))
            (local.set $ih (i32.sub (i32.add (i32.mul (local.get $oh) (local.get $sh)) (local.get $kh)) (local.get $pt)))
            (local.set $iw (i32.sub (i32.mul (local.get $ow) (local.get $sw)) (local.get $pl)))
            (if (i32.ge_u (local.get $ih) (local.get $H))
              (then
                ;; the whole window row is padding (ih < 0 wraps to a large unsigned value)
                (if (i32.eqz (local.get $adjoint))
                  (then (memory.fill (local.get $cols) (i32.const 0) (i32.shl (local.get $row_floats) (i32.const 2))))))
              (else
                (local.set $at (i32.add (local.get $x)
                  (i32.shl (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H)) (local.get $ih)) (local.get $W)) (local.get $iw)) (local.get $CI)) (i32.const 2))))
                (if (i32.and
                      (i32.le_s (i32.const 0) (local.get $iw))
                      (i32.le_s (i32.add (local.get $iw) (local.get $KW)) (local.get $W)))
                  (then
                    ;; stride-1 window row entirely inside: one block (any stride: kw steps by 1)
                    (if (local.get $adjoint)
                      (then (call $add_floats (local.get $at) (local.get $cols) (local.get $row_floats)))
                      (else (call $copy_floats (local.get $cols) (local.get $at) (local.get $row_floats)))))
                  (else
                    (local.set $kw (i32.const 0))
                    (local.set $cell (local.get $cols))
                    (block $kw_done (loop $each_kw
                      (br_if $kw_done (i32.ge_u (local.get $kw) (local.get $KW)))
                      (if (i32.lt_u (i32.add (local.get $iw) (local.get $kw)) (local.get $W))
                        (then
                          (if (local.get $adjoint)
                            (then (call $add_floats (local.get $at) (local.get $cell) (local.get $CI)))
                            (else (call $copy_floats (local.get $cell) (local.get $at) (local.get $CI)))))
                        (else
                          (if (i32.eqz (local.get $adjoint))
                            (then (memory.fill (local.get $cell) (i32.const 0) (i32.shl (local.get $CI) (i32.const 2)))))))
                      (local.set $at (i32.add (local.get $at) (i32.shl (local.get $CI) (i32.const 2))))
                      (local.set $cell (i32.add (local.get $cell) (i32.shl (local.get $CI) (i32.const 2))))
                      (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
                      (br $each_kw)))))))
            (local.set $cols (i32.add (local.get $cols) (i32.shl (local.get $row_floats) (i32.const 2))))
            (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
            (br $each_kh)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $each_ow)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $each_oh)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $each_n))))

  (func (export "im2col") (param $x i32) (param $patches i32)
    (param $N i32) (param $H i32) (param $W i32) (param $CI i32) (param $OH i32) (param $OW i32)
    (param $KH i32) (param $KW i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (call $patches (local.get $x) (local.get $patches)
      (local.get $N) (local.get $H) (local.get $W) (local.get $CI) (local.get $OH) (local.get $OW)
      (local.get $KH) (local.get $KW) (local.get $sh) (local.get $sw) (local.get $pt) (local.get $pl)
      (i32.const 0)))

  ;; dx must be zeroed by the caller
  (func (export "col2im") (param $cols i32) (param $dx i32)
    (param $N i32) (param $H i32) (param $W i32) (param $CI i32) (param $OH i32) (param $OW i32)
    (param $KH i32) (param $KW i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (call $patches (local.get $dx) (local.get $cols)
      (local.get $N) (local.get $H) (local.get $W) (local.get $CI) (local.get $OH) (local.get $OW)
      (local.get $KH) (local.get $KW) (local.get $sh) (local.get $sw) (local.get $pt) (local.get $pl)
      (i32.const 1)))

  ;; patchesᵀ as the GEMM's A panels: dst[q][p][l] = patches[p][4q + l] (q < KH·KW·CI / 4, p <
  ;; N·OH·OW), for CI a multiple of 4 — each window cell's CI channels are CI/4 whole panels, so
  ;; every write is one v128 (zeros over padding). The weight gradient then reads A contiguously.
  ;; $P: the pixels of a whole panel (N·OH·OW of the full batch): a call for some of the images
  ;; (a thread's share, $dst moved to its first pixel) writes its part of every panel.
  (func (export "im2col_panels") (param $x i32) (param $dst i32)
    (param $N i32) (param $H i32) (param $W i32) (param $CI i32) (param $OH i32) (param $OW i32)
    (param $KH i32) (param $KW i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (param $P i32)
    (local $panel_bytes i32) (local $groups i32) (local $p i32)
    (local $n i32) (local $oh i32) (local $ow i32) (local $kh i32) (local $kw i32) (local $ih i32) (local $iw i32)
    (local $g i32) (local $at i32) (local $out i32) (local $inside i32)
    (local.set $panel_bytes (i32.shl (local.get $P) (i32.const 4)))
    (local.set $groups (i32.shr_u (local.get $CI) (i32.const 2)))
    (block $n_done (loop $each_n
      (br_if $n_done (i32.ge_u (local.get $n) (local.get $N)))
      (local.set $oh (i32.const 0))
      (block $oh_done (loop $each_oh
        (br_if $oh_done (i32.ge_u (local.get $oh) (local.get $OH)))
        (local.set $ow (i32.const 0))
        (block $ow_done (loop $each_ow
          (br_if $ow_done (i32.ge_u (local.get $ow) (local.get $OW)))
          ;; this pixel's 16 bytes in panel 0; each further panel is panel_bytes on
          (local.set $out (i32.add (local.get $dst) (i32.shl (local.get $p) (i32.const 4))))
          (local.set $kh (i32.const 0))
          (block $kh_done (loop $each_kh
            (br_if $kh_done (i32.ge_u (local.get $kh) (local.get $KH)))
            (local.set $ih (i32.sub (i32.add (i32.mul (local.get $oh) (local.get $sh)) (local.get $kh)) (local.get $pt)))
            (local.set $kw (i32.const 0))
            (block $kw_done (loop $each_kw
              (br_if $kw_done (i32.ge_u (local.get $kw) (local.get $KW)))
              (local.set $iw (i32.sub (i32.add (i32.mul (local.get $ow) (local.get $sw)) (local.get $kw)) (local.get $pl)))
              ;; unsigned compares: a negative row or column wraps to a large value
              (local.set $inside (i32.and (i32.lt_u (local.get $ih) (local.get $H)) (i32.lt_u (local.get $iw) (local.get $W))))
              (local.set $at (i32.add (local.get $x)
                (i32.shl (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H)) (local.get $ih)) (local.get $W)) (local.get $iw)) (local.get $CI)) (i32.const 2))))
              (local.set $g (i32.const 0))
              (block $g_done (loop $each_g
                (br_if $g_done (i32.ge_u (local.get $g) (local.get $groups)))
                (v128.store (local.get $out)
                  (select (result v128) (v128.load (select (local.get $at) (local.get $x) (local.get $inside))) (v128.const i32x4 0 0 0 0) (local.get $inside)))
                (local.set $at (i32.add (local.get $at) (i32.const 16)))
                (local.set $out (i32.add (local.get $out) (local.get $panel_bytes)))
                (local.set $g (i32.add (local.get $g) (i32.const 1)))
                (br $each_g)))
              (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
              (br $each_kw)))
            (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
            (br $each_kh)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $each_ow)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $each_oh)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $each_n))))

  ;; A first layer's weight gradient without patches (one input channel, every window inside the
  ;; input — 'valid' padding — and CO a multiple of 4):
  ;;   dw[kh, kw, 0, co] = Σ_{n, oh, ow} x[n, oh·sh + kh, ow·sw + kw] · dy[n, oh, ow, co]
  ;; Pixel by pixel, so dy (64×26×26×32 floats for convnet-ch8's conv1) is read once: each tap's
  ;; input value is broadcast and multiplied into its CO accumulators (dw itself, which stays in
  ;; L1: KH·KW·CO floats). dw is zeroed here. Taps whose input is 0 are skipped: multiply-adding
  ;; 0 leaves dw as it was (for finite dy), and the kernel is bound by those accumulator stores.
  (func (export "conv_filter_grad_1ch") (param $x i32) (param $dy i32) (param $dw i32)
    (param $N i32) (param $H i32) (param $W i32) (param $OH i32) (param $OW i32)
    (param $KH i32) (param $KW i32) (param $sh i32) (param $sw i32) (param $CO i32)
    (local $n i32) (local $oh i32) (local $ow i32) (local $kh i32) (local $kw i32) (local $g i32)
    (local $row i32) (local $tap i32) (local $acc i32) (local $d i32) (local $co_bytes i32)
    (local $v v128) (local $dv v128) (local $sum v128)
    (local.set $co_bytes (i32.shl (local.get $CO) (i32.const 2)))
    (memory.fill (local.get $dw) (i32.const 0) (i32.mul (i32.mul (local.get $KH) (local.get $KW)) (local.get $co_bytes)))
    (block $n_done (loop $each_n
      (br_if $n_done (i32.ge_u (local.get $n) (local.get $N)))
      (local.set $oh (i32.const 0))
      (block $oh_done (loop $each_oh
        (br_if $oh_done (i32.ge_u (local.get $oh) (local.get $OH)))
        (local.set $ow (i32.const 0))
        (block $ow_done (loop $each_ow
          (br_if $ow_done (i32.ge_u (local.get $ow) (local.get $OW)))
          (local.set $acc (local.get $dw))
          (local.set $kh (i32.const 0))
          (block $kh_done (loop $each_kh
            (br_if $kh_done (i32.ge_u (local.get $kh) (local.get $KH)))
            ;; x[n, oh·sh + kh, ow·sw]
            (local.set $row (i32.add (local.get $x) (i32.shl
              (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $H)) (i32.add (i32.mul (local.get $oh) (local.get $sh)) (local.get $kh))) (local.get $W))
                (i32.mul (local.get $ow) (local.get $sw)))
              (i32.const 2))))
            (local.set $kw (i32.const 0))
            (block $kw_done (loop $each_kw
              (br_if $kw_done (i32.ge_u (local.get $kw) (local.get $KW)))
              (local.set $v (v128.load32_splat (i32.add (local.get $row) (i32.shl (local.get $kw) (i32.const 2)))))
              (local.set $tap (local.get $acc))
              (local.set $d (local.get $dy))
              ;; a zero input adds nothing (an MNIST image is ~80 % zeros): the tap is skipped
              (local.set $g (select (i32.const 0) (local.get $co_bytes) (v128.any_true (local.get $v))))
              (block $g_done (loop $each_g
                (br_if $g_done (i32.ge_u (local.get $g) (local.get $co_bytes)))
                (local.set $dv (v128.load (local.get $d)))
                (local.set $sum (v128.load (local.get $tap)))
                (v128.store (local.get $tap) @MADD((local.get $v), (local.get $dv), (local.get $sum)))
                (local.set $tap (i32.add (local.get $tap) (i32.const 16)))
                (local.set $d (i32.add (local.get $d) (i32.const 16)))
                (local.set $g (i32.add (local.get $g) (i32.const 16)))
                (br $each_g)))
              (local.set $acc (i32.add (local.get $acc) (local.get $co_bytes)))
              (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
              (br $each_kw)))
            (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
            (br $each_kh)))
          (local.set $dy (i32.add (local.get $dy) (local.get $co_bytes)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $each_ow)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $each_oh)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $each_n))))
