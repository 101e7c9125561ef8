/**
 * Streaming inference for the enhancer's network: dense, frame-convolution (with look-ahead)
 * and GRU layers with PyTorch semantics, float32 or per-row int8 weights, and the versioned,
 * checksummed model file ({@link dev.quell.nn.ModelFile}). Weights ({@link dev.quell.nn.Model})
 * are shared; per-stream memory ({@link dev.quell.nn.ModelState}) allocates nothing per frame.
 */
package dev.quell.nn;
