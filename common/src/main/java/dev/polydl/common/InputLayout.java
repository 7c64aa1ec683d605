package dev.polydl.common;

/**
 * How image batches are laid out when they are fed to a session. Canonical data are channels-first
 * (NCHW, PyTorch's layout); a framework whose kernels prefer channels-last (TensorFlow on the CPU)
 * can also be fed NHWC directly, which lets the runner measure what a layout mismatch costs.
 * Vector inputs (FCN, argsort) are the same in both.
 */
public enum InputLayout {
    /** {@code [batch, channels, height, width]}: the canonical layout. */
    CHANNELS_FIRST,
    /** {@code [batch, height, width, channels]}. */
    CHANNELS_LAST;

    /**
     * The batch's inputs rearranged from channels-first into this layout (the same batch when
     * nothing moves: channels-first, vector inputs, or a single channel).
     *
     * @param sampleShape the canonical per-sample shape, e.g. {@code [1, 28, 28]}
     */
    public Batch arrange(Batch canonical, int[] sampleShape) {
        return permute(canonical, sampleShape, true);
    }

    /** The inverse of {@link #arrange}: a batch in this layout back to channels-first. */
    public Batch canonical(Batch arranged, int[] sampleShape) {
        return permute(arranged, sampleShape, false);
    }

    /**
     * Where a flattened activation's element goes when the flatten happens in this layout: element
     * {@code c·H·W + p} of a channel-first flatten (p = h·W + w) is element {@code p·C + c} of a
     * channels-last one. A dense layer that follows a channels-last flatten needs its canonical
     * columns permuted this way: forgetting it is the classic weight-porting bug (shapes match,
     * numbers do not).
     */
    public int flattenedIndex(int channelFirstIndex, int channels, int height, int width) {
        if (this == CHANNELS_FIRST) {
            return channelFirstIndex;
        }
        int area = height * width;
        return channelFirstIndex % area * channels + channelFirstIndex / area;
    }

    /**
     * The weight {@code [rows, C·H·W]} of a dense layer that reads a flatten done in this layout, with its
     * columns moved from canonical (channel-first) order to this layout's order ({@code toThisLayout}), or back.
     *
     * @param chw the [C, H, W] shape that was flattened
     */
    public float[] permuteFlattenedColumns(float[] weight, int columns, int[] chw, boolean toThisLayout) {
        float[] out = new float[weight.length];
        for (int row = 0; row < weight.length / columns; row++) {
            for (int column = 0; column < columns; column++) {
                int moved = row * columns + flattenedIndex(column, chw[0], chw[1], chw[2]);
                if (toThisLayout) {
                    out[moved] = weight[row * columns + column];
                } else {
                    out[row * columns + column] = weight[moved];
                }
            }
        }
        return out;
    }

    private Batch permute(Batch batch, int[] sampleShape, boolean toThisLayout) {
        if (this == CHANNELS_FIRST || sampleShape.length != 3 || sampleShape[0] == 1) {
            return batch;
        }
        int channels = sampleShape[0];
        int area = sampleShape[1] * sampleShape[2];
        float[] in = batch.inputs();
        float[] out = new float[in.length];
        for (int s = 0; s < batch.size(); s++) {
            int base = s * channels * area;
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < area; p++) {
                    if (toThisLayout) {
                        out[base + p * channels + c] = in[base + c * area + p];
                    } else {
                        out[base + c * area + p] = in[base + p * channels + c];
                    }
                }
            }
        }
        return new Batch(batch.size(), out, batch.labels(), batch.targets());
    }
}
