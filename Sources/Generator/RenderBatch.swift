/// Latents a generator renders at once unless told otherwise: enough rows for the convolutions' matrix products to
/// keep both cores busy, few enough for a batch's activations to stay in cache (`Benchmark generator` measures it).
/// Whatever the batch, the images are the same bytes (the ordered product).
public let renderBatchSize = 64
