import NumericCore

extension DCGANGenerator {
    /// The first transposed convolution's weight `[latent dimension, channels, 4, 4]` (`[100, 512, 4, 4]` for the
    /// embedded generator): the linear map from z to the first block's activations before batch normalisation.
    public var firstLayerWeight: Tensor { convolutions[0].parameters[0] }
}
