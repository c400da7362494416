import NumericCore

extension DCGANGenerator {
    /// The first transposed convolution's weight `[latent dimension, channels, 4, 4]` (`[100, 512, 4, 4]` for the
    /// embedded generator): the linear map from z to the first block's activations before batch normalisation.
    public var firstLayerWeight: Tensor { convolutions[0].parameters[0] }
}

extension DCGANGenerator: LatentWeightGenerator {
    /// The first transposed convolution's weight as `[D, 512·4·4]`.
    public func latentWeight() -> Tensor { firstLayerWeight.reshaped([latentDimension, firstLayerWeight.count / latentDimension]) }

    /// Everything: it renders, backpropagates, reads its blocks and gives its first weight.
    public func offers(_ capability: GeneratorCapability) -> Bool { true }
}
