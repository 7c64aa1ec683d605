/**
 * The canonical models as Deep Java Library blocks, written once and run by two engines: the
 * PyTorch module and the MXNet module each add only their natives and a provider. DJL's own
 * layouts are the canonical ones (dense weights {@code [out, in]}, OIHW kernels, NCHW activations,
 * channel-major flatten), so parameters cross the boundary unchanged, matched by position and
 * checked by shape.
 */
package dev.polydl.djl;
