// Module TensorFormats: work in progress.
