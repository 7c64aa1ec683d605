/**
 * The contract every polydl framework module implements, and the data every framework shares.
 *
 * <p>Nothing here imports a deep-learning framework. The {@link dev.polydl.common.Framework}
 * service interface is found with {@link java.util.ServiceLoader}; {@link dev.polydl.common.ModelSpec}
 * describes the canonical networks as data; {@link dev.polydl.common.Parameters} holds their weights in
 * one documented layout (PyTorch's) and saves them as safetensors; the dataset classes read MNIST
 * CSV and IDX files, split them and cut them into mini-batches in one seeded order. Because all of
 * this is computed once, here, every framework starts from the same numbers and sees the same data
 * in the same order.
 */
package dev.polydl.common;
